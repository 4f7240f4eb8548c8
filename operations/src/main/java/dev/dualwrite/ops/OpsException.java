package dev.dualwrite.ops;

/**
 * An operation that ends without doing its work, with the exit status the command line returns and one message that
 * says what happened and what to do. Never carries a stack trace to the user.
 */
public final class OpsException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A check found a problem or a step was refused for safety. */
    public static final int REFUSED = 1;
    /** A usage, configuration or connection error. */
    public static final int USAGE = 2;

    private final int exitCode;

    private OpsException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Exit status 1: refused for safety, or a check found a problem. */
    public static OpsException refused(String message) {
        return new OpsException(REFUSED, message, null);
    }

    /** Exit status 1 with the database error that made a step fail. */
    public static OpsException refused(String message, Throwable cause) {
        return new OpsException(REFUSED, message, cause);
    }

    /** Exit status 2: what the user asked for cannot be understood or reached. */
    public static OpsException usage(String message) {
        return new OpsException(USAGE, message, null);
    }

    public static OpsException usage(String message, Throwable cause) {
        return new OpsException(USAGE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
