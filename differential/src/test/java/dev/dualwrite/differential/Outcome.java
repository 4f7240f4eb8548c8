package dev.dualwrite.differential;

import java.util.List;

/**
 * What one run of a case gave: the results of its statements in order, the failure that stopped it (if any), and the
 * contents of every table afterwards (inside the run's transaction, before it is rolled back).
 */
record Outcome(List<Result> results, Failure failure, Snapshot snapshot) {

    /**
     * One result of a statement: an update count, or a result set's labels and rows (each value as
     * {@code getString} gives it).
     *
     * @param what   {@code result}, or {@code generated keys}
     */
    record Result(String what, long updateCount, List<String> labels, List<List<String>> rows) {
        boolean isRows() {
            return labels != null;
        }
    }

    /** An SQLException: from dualwrite (a rejection) or from the database. */
    record Failure(String sqlState, String message) {
        static final String REJECTION = "dualwrite rejected the statement";

        boolean rejection() {
            return message != null && message.contains(REJECTION);
        }

        /** The rejection's reason with the window's name left out, so that equal reasons count together. */
        String reason() {
            String m = message == null ? "" : message;
            int at = m.indexOf(REJECTION);
            if (at >= 0) {
                m = m.substring(at + REJECTION.length());
                int colon = m.indexOf(": ");
                m = colon >= 0 && m.startsWith(" (window ") ? m.substring(colon + 2) : m.replaceFirst("^: ", "");
            }
            // pgjdbc appends the server's context ("Where: PL/pgSQL function ..."): the sidecar raises its
            // rejections from a DO block; the reason is the same as the JDBC door's
            int context = m.indexOf("\n  Where: ");
            return context < 0 ? m : m.substring(0, context);
        }

        @Override
        public String toString() {
            return "[" + sqlState + "] " + message;
        }
    }

    boolean failed() {
        return failure != null;
    }
}
