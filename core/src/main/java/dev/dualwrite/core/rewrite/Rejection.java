package dev.dualwrite.core.rewrite;

/**
 * Why a statement that touches a window was not rewritten.
 *
 * @param window   the window concerned, as {@link dev.dualwrite.core.config.Window#describe()} prints it, or null
 *                 when the problem is not specific to one window
 * @param reason   what could not be done, and what to do about it
 * @param sqlState the SQLSTATE a door reports: {@link #UNSUPPORTED} unsupported form, {@code 42702} ambiguous column,
 *                 {@code 42601} unparseable, {@code 54001} too large or too slow to analyze
 */
public record Rejection(String window, String reason, String sqlState) {
    /**
     * A form dualwrite cannot rewrite with certainty: class 0A (feature not supported), implementation-defined
     * subclass W00. Not PostgreSQL's own 0A000, which connection pools (HikariCP among them) take for a broken
     * connection and evict: a refused statement must leave the application's connection in the pool.
     */
    public static final String UNSUPPORTED = "0AW00";
    public static final String AMBIGUOUS = "42702";
    public static final String SYNTAX = "42601";
    public static final String TOO_COMPLEX = "54001";

    /** The message a door shows the application. */
    public String message() {
        return "dualwrite rejected the statement" + (window == null ? "" : " (window " + window + ")") + ": " + reason;
    }
}
