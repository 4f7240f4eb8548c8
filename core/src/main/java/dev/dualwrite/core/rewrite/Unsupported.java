package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Window;

/**
 * Thrown inside the analysis when a statement touches a window but cannot be rewritten with certainty. It never
 * leaves the engine: it becomes a {@link Rejection} (or a pass-through with a warning).
 */
final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient Window window;
    final String sqlState;
    /** The statement itself may be fine: the failure depended on the moment (a parse that ran out of time). */
    final boolean momentary;

    Unsupported(Window window, String reason, String sqlState) {
        this(window, reason, sqlState, false);
    }

    Unsupported(Window window, String reason, String sqlState, boolean momentary) {
        super(reason, null, false, false);
        this.window = window;
        this.sqlState = sqlState;
        this.momentary = momentary;
    }

    static Unsupported of(Window window, String reason) {
        return new Unsupported(window, reason, Rejection.UNSUPPORTED);
    }
}
