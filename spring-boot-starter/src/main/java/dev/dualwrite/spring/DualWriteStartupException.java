package dev.dualwrite.spring;

/**
 * dualwrite was asked to run but cannot: the application must not start without it, since an instance that writes
 * only one column during a window makes the two columns drift apart. Spring Boot prints its description and action
 * through {@link DualWriteFailureAnalyzer}.
 */
public class DualWriteStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String action;

    public DualWriteStartupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
