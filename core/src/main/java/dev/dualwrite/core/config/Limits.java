package dev.dualwrite.core.config;

/**
 * Bounds on the work the engine does for one statement that touches a window. A statement over a bound is rejected
 * with a message naming the bound, never left to hang or exhaust memory.
 *
 * @param maxStatementLength longest statement text, in characters, the engine will analyze
 * @param maxNestingDepth    deepest parenthesis nesting the engine will parse
 * @param parseBudgetMillis  CPU time allowed for parsing one statement (wall-clock time where the JVM cannot measure
 *                           a thread's CPU time), so that a loaded host does not reject ordinary statements
 */
public record Limits(int maxStatementLength, int maxNestingDepth, long parseBudgetMillis) {
    public static final Limits DEFAULT = new Limits(8 * 1024 * 1024, 100, 1000);

    public Limits {
        if (maxStatementLength < 1) {
            throw new IllegalArgumentException("max-statement-length must be positive");
        }
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException("max-nesting-depth must be positive");
        }
        if (parseBudgetMillis < 1) {
            throw new IllegalArgumentException("parse-budget-ms must be positive");
        }
    }
}
