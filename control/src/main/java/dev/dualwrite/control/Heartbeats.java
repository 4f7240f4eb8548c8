package dev.dualwrite.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one instance's heartbeats into {@value ControlTables#INSTANCES} and {@value ControlTables#INSTANCE_WINDOWS}:
 * one transaction per heartbeat, the instance's row and one batch for its windows' rows. Plain UPDATE-then-INSERT, the
 * same in every database: an instance is the only writer of its rows, so nothing else races the insert.
 *
 * <p>One object per instance: it remembers which rows it has written, so that an ordinary heartbeat is one UPDATE and
 * one batch of UPDATEs. Not thread-safe; the poller calls it from its one thread.
 */
public final class Heartbeats {
    private final ControlTables tables;
    private final Set<String> windowRows = new HashSet<>();
    private boolean instanceRow;

    public Heartbeats(ControlTables tables) {
        this.tables = tables;
    }

    /**
     * Writes {@code beat} and commits. Leaves the connection's auto-commit as it found it.
     *
     * @throws SQLException when the write fails (rolled back)
     */
    public void write(Connection c, Heartbeat beat) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            writeInstance(c, beat);
            writeWindows(c, beat);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            // What was remembered may not have been committed: learn it again from the next write.
            instanceRow = false;
            windowRows.clear();
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // The connection is broken; its owner closes it after the failure above.
            }
        }
    }

    private void writeInstance(Connection c, Heartbeat beat) throws SQLException {
        Instance i = beat.instance();
        if (instanceRow) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.table(ControlTables.INSTANCES)
                    + " SET config_version = ?, last_seen = ?, stopped_at = ?, poll_ms = ? WHERE instance_id = ?")) {
                setLong(ps, 1, beat.configVersion());
                ps.setLong(2, beat.now());
                setLong(ps, 3, beat.stoppedAt());
                ps.setLong(4, i.pollMs());
                ps.setString(5, i.id());
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + tables.table(ControlTables.INSTANCES)
                + " WHERE instance_id = ?");
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.table(ControlTables.INSTANCES)
                        + " (instance_id, kind, host, pid, app, started_at, poll_ms, config_version, last_seen,"
                        + " stopped_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // The first write of this object: a row of the same id can only be this instance's own, from an earlier
            // write whose commit was not confirmed; replacing it is the upsert.
            del.setString(1, i.id());
            del.executeUpdate();
            ps.setString(1, i.id());
            ps.setString(2, i.kind());
            ps.setString(3, i.host());
            ps.setLong(4, i.pid());
            ps.setString(5, i.app());
            ps.setLong(6, i.startedAt());
            ps.setLong(7, i.pollMs());
            setLong(ps, 8, beat.configVersion());
            ps.setLong(9, beat.now());
            setLong(ps, 10, beat.stoppedAt());
            ps.executeUpdate();
        }
        instanceRow = true;
    }

    private void writeWindows(Connection c, Heartbeat beat) throws SQLException {
        String id = beat.instance().id();
        List<Heartbeat.WindowUse> known = new ArrayList<>();
        List<Heartbeat.WindowUse> fresh = new ArrayList<>();
        for (Heartbeat.WindowUse w : beat.windows()) {
            (windowRows.contains(w.windowKey()) ? known : fresh).add(w);
        }
        if (!known.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + tables.table(ControlTables.INSTANCE_WINDOWS)
                    + " SET phase_applied = ?, old_name_statements = ?, new_name_statements = ?,"
                    + " old_name_last_used = ?, updated_at = ? WHERE instance_id = ? AND window_key = ?")) {
                for (Heartbeat.WindowUse w : known) {
                    ps.setString(1, w.phaseApplied());
                    ps.setLong(2, w.oldNameStatements());
                    ps.setLong(3, w.newNameStatements());
                    setLong(ps, 4, w.oldNameLastUsed());
                    ps.setLong(5, beat.now());
                    ps.setString(6, id);
                    ps.setString(7, w.windowKey());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int k = 0; k < counts.length; k++) {
                    // 0: the row is gone (the tables were emptied); SUCCESS_NO_INFO counts as written.
                    if (counts[k] == 0) {
                        fresh.add(known.get(k));
                    }
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM " + tables.table(ControlTables.INSTANCE_WINDOWS)
                + " WHERE instance_id = ? AND window_key = ?");
                PreparedStatement ps = c.prepareStatement("INSERT INTO "
                        + tables.table(ControlTables.INSTANCE_WINDOWS) + " (instance_id, window_key, phase_applied,"
                        + " old_name_statements, new_name_statements, old_name_last_used, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Heartbeat.WindowUse w : fresh) {
                del.setString(1, id);
                del.setString(2, w.windowKey());
                del.addBatch();
                ps.setString(1, id);
                ps.setString(2, w.windowKey());
                ps.setString(3, w.phaseApplied());
                ps.setLong(4, w.oldNameStatements());
                ps.setLong(5, w.newNameStatements());
                setLong(ps, 6, w.oldNameLastUsed());
                ps.setLong(7, beat.now());
                ps.addBatch();
            }
            del.executeBatch();
            ps.executeBatch();
        }
        for (Heartbeat.WindowUse w : fresh) {
            windowRows.add(w.windowKey());
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
