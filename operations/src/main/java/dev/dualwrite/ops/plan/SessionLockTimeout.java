package dev.dualwrite.ops.plan;

import dev.dualwrite.core.sql.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session's lock timeout, read before a step's statement sets its own and put back after it: every setting used
 * here is session-wide ({@code SET lock_timeout}, {@code SET SESSION lock_wait_timeout}, H2's {@code SET
 * LOCK_TIMEOUT}), so without the restore a statement's timeout would stay with the connection after the step (a pooled
 * or reused connection, or the next statement of the step, would inherit it).
 */
final class SessionLockTimeout {
    private SessionLockTimeout() {
    }

    /** The current value in the form {@link #set} takes back. */
    static String read(Statement st, Dialect dialect) throws SQLException {
        String query = switch (dialect) {
            case POSTGRESQL -> "SHOW lock_timeout";
            case MYSQL -> "SELECT @@SESSION.lock_wait_timeout";
            default -> "SELECT LOCK_TIMEOUT()";
        };
        try (ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Sets the session's timeout for a statement that locks a table.
     *
     * @param millis 0 for no limit (index builds, which must not be cut short)
     */
    static void limit(Statement st, Dialect dialect, int millis) throws SQLException {
        switch (dialect) {
            case POSTGRESQL -> st.execute("SET lock_timeout = " + millis);
            // MariaDB has no "no limit": a year is its maximum.
            case MYSQL -> st.execute("SET SESSION lock_wait_timeout = " + (millis == 0 ? 31536000
                    : Math.max(1, millis / 1000)));
            default -> st.execute("SET LOCK_TIMEOUT " + (millis == 0 ? 60_000 : millis));
        }
    }

    /** Puts back a value {@link #read} returned (nothing when it returned null). */
    static void set(Statement st, Dialect dialect, String value) throws SQLException {
        if (value == null) {
            return;
        }
        switch (dialect) {
            case POSTGRESQL -> st.execute("SET lock_timeout = '" + value.replace("'", "''") + "'");
            case MYSQL -> st.execute("SET SESSION lock_wait_timeout = " + Long.parseLong(value.strip()));
            default -> st.execute("SET LOCK_TIMEOUT " + Long.parseLong(value.strip()));
        }
    }
}
