package dev.dualwrite.jdbc;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * What an application set on a prepared statement besides its parameters (fetch size, limits, timeout...), so that a
 * statement prepared again after a phase change is set up the same way. Null fields were never set.
 */
final class StatementSettings {
    Integer fetchSize;
    Integer fetchDirection;
    Integer maxRows;
    Long largeMaxRows;
    Integer maxFieldSize;
    Integer queryTimeout;
    Boolean escapeProcessing;
    Boolean poolable;
    boolean closeOnCompletion;
    String cursorName;

    /** Sets everything that was set on {@code statement}. */
    void applyTo(Statement statement) throws SQLException {
        if (fetchSize != null) {
            statement.setFetchSize(fetchSize);
        }
        if (fetchDirection != null) {
            statement.setFetchDirection(fetchDirection);
        }
        if (maxRows != null) {
            statement.setMaxRows(maxRows);
        }
        if (largeMaxRows != null) {
            statement.setLargeMaxRows(largeMaxRows);
        }
        if (maxFieldSize != null) {
            statement.setMaxFieldSize(maxFieldSize);
        }
        if (queryTimeout != null) {
            statement.setQueryTimeout(queryTimeout);
        }
        if (escapeProcessing != null) {
            statement.setEscapeProcessing(escapeProcessing);
        }
        if (poolable != null) {
            statement.setPoolable(poolable);
        }
        if (closeOnCompletion) {
            statement.closeOnCompletion();
        }
        if (cursorName != null) {
            statement.setCursorName(cursorName);
        }
    }
}
