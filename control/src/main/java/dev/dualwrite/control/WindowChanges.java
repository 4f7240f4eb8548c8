package dev.dualwrite.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The writes of {@value ControlTables#WINDOWS}: declaring, moving a phase, removing. Each change runs in one
 * transaction that first raises {@value ControlTables#FLEET}'s {@code config_version} by one (its row lock also orders
 * concurrent changes) and stamps the changed rows with the new version, so an instance that reads the version reads
 * the windows of exactly that version. The caller decides whether a change is safe; this class only makes it atomic.
 */
public final class WindowChanges {
    private final String fleet;
    private final String windows;

    public WindowChanges(ControlTables tables) {
        this.fleet = tables.table(ControlTables.FLEET);
        this.windows = tables.table(ControlTables.WINDOWS);
    }

    /** A change that found the row other than expected (another command changed it in between). */
    public static final class Conflict extends Exception {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }

    /**
     * Inserts new windows (their {@code version}, {@code created_at} and {@code updated_at} are set here).
     *
     * @return the fleet's new configuration version
     * @throws Conflict when one of the keys is declared already
     */
    public long declare(Connection c, List<ControlWindow> rows, long now) throws SQLException, Conflict {
        return inTransaction(c, now, version -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + windows + " (window_key, kind,"
                    + " table_schema, table_name, old_column, new_column, drop_default, phase, version, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ControlWindow w : rows) {
                    if (exists(c, w.key())) {
                        throw new Conflict("window " + w.key() + " is declared already");
                    }
                    ps.setString(1, w.key());
                    ps.setString(2, w.kind());
                    ps.setString(3, w.tableSchema());
                    ps.setString(4, w.tableName());
                    ps.setString(5, w.oldColumn());
                    ps.setString(6, w.newColumn());
                    ps.setString(7, w.dropDefault());
                    ps.setString(8, w.phase());
                    ps.setLong(9, version);
                    ps.setLong(10, now);
                    ps.setLong(11, now);
                    ps.executeUpdate();
                }
            }
        });
    }

    /**
     * Moves a rename window from {@code expected} to {@code phase}.
     *
     * @return the fleet's new configuration version
     * @throws Conflict when the window is gone or no longer in {@code expected}
     */
    public long setPhase(Connection c, String key, String expected, String phase, long now)
            throws SQLException, Conflict {
        return inTransaction(c, now, version -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + windows + " SET phase = ?, version = ?,"
                    + " updated_at = ? WHERE window_key = ? AND phase = ?")) {
                ps.setString(1, phase);
                ps.setLong(2, version);
                ps.setLong(3, now);
                ps.setString(4, key);
                ps.setString(5, expected);
                if (ps.executeUpdate() != 1) {
                    throw new Conflict("window " + key + " is no longer in " + expected
                            + " (another command changed it just now)");
                }
            }
        });
    }

    /**
     * Deletes a window's row.
     *
     * @return the fleet's new configuration version
     * @throws Conflict when there is no such window
     */
    public long remove(Connection c, String key, long now) throws SQLException, Conflict {
        return inTransaction(c, now, version -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + windows + " WHERE window_key = ?")) {
                ps.setString(1, key);
                if (ps.executeUpdate() != 1) {
                    throw new Conflict("window " + key + " is not declared (removed just now?)");
                }
            }
        });
    }

    private boolean exists(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + windows + " WHERE window_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private interface Change {
        void apply(long version) throws SQLException, Conflict;
    }

    private long inTransaction(Connection c, long now, Change change) throws SQLException, Conflict {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + fleet + " SET config_version = config_version"
                    + " + 1, updated_at = ? WHERE id = 1")) {
                ps.setLong(1, now);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("the row of " + fleet + " is missing; run dualwrite init to restore it");
                }
            }
            long version;
            try (PreparedStatement ps = c.prepareStatement("SELECT config_version FROM " + fleet + " WHERE id = 1");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
            change.apply(version);
            c.commit();
            return version;
        } catch (SQLException | Conflict | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
