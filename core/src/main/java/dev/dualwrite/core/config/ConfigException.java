package dev.dualwrite.core.config;

/**
 * A configuration that cannot be used. The message names the source, the line when known, what is wrong and what is
 * accepted instead.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final int line;

    public ConfigException(String origin, int line, String problem) {
        super(format(origin, line, problem));
        this.origin = origin;
        this.line = line;
    }

    public ConfigException(String origin, int line, String problem, Throwable cause) {
        super(format(origin, line, problem), cause);
        this.origin = origin;
        this.line = line;
    }

    private static String format(String origin, int line, String problem) {
        return (origin == null ? "configuration" : origin) + (line > 0 ? ":" + line : "") + ": " + problem;
    }

    /** The file or other source the configuration came from. */
    public String origin() {
        return origin;
    }

    /** The 1-based line the problem is on, or 0 when it concerns the whole source. */
    public int line() {
        return line;
    }
}
