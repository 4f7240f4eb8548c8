package dev.dualwrite.ops.data;

import dev.dualwrite.control.ControlTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the backfill rows of the control tables ({@code dualwrite_backfill} and its segments). */
public final class Checkpoints {
    private final String runs;
    private final String segments;

    public Checkpoints(ControlTables tables) {
        this.runs = tables.table(ControlTables.BACKFILL);
        this.segments = tables.table(ControlTables.BACKFILL_SEGMENTS);
    }

    /** The run row of a window. */
    public record Run(String windowKey, String runId, String state, String keyColumns, String highKey, int segments,
            long estimatedRows, long rowsScanned, long rowsUpdated, long batches, long longestBatchMs, long startedAt,
            long updatedAt, Long finishedAt) {

        public boolean done() {
            return "done".equals(state);
        }
    }

    /** One segment row. */
    public record Segment(int no, String runId, String lowKey, String highKey, String lastKey, String state,
            long rowsScanned, long rowsUpdated, long batches, long longestBatchMs, String owner, String ownerHost,
            Long ownerPid, Long leaseUntil) {

        public boolean done() {
            return "done".equals(state);
        }
    }

    public Run run(Connection c, String windowKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT window_key, run_id, state, key_columns, high_key,"
                + " segments, estimated_rows, rows_scanned, rows_updated, batches, longest_batch_ms, started_at,"
                + " updated_at, finished_at FROM " + runs + " WHERE window_key = ?")) {
            ps.setString(1, windowKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long finished = rs.getLong(14);
                return new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getLong(12), rs.getLong(13), rs.wasNull() ? null : finished);
            }
        }
    }

    public List<Segment> segments(Connection c, String windowKey) throws SQLException {
        List<Segment> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT segment_no, run_id, low_key, high_key, last_key, state,"
                + " rows_scanned, rows_updated, batches, longest_batch_ms, owner, owner_host, owner_pid, lease_until"
                + " FROM " + segments + " WHERE window_key = ? ORDER BY segment_no")) {
            ps.setString(1, windowKey);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(13);
                    Long ownerPid = rs.wasNull() ? null : pid;
                    long lease = rs.getLong(14);
                    Long leaseUntil = rs.wasNull() ? null : lease;
                    list.add(new Segment(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getLong(10), rs.getString(11), rs.getString(12), ownerPid, leaseUntil));
                }
            }
        }
        return list;
    }

    /** Deletes a window's run and segments (in the caller's transaction). */
    public void delete(Connection c, String windowKey) throws SQLException {
        for (String table : List.of(segments, runs)) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE window_key = ?")) {
                ps.setString(1, windowKey);
                ps.executeUpdate();
            }
        }
    }

    /** Inserts a new run and its segments (in the caller's transaction). */
    public void create(Connection c, Run run, List<String[]> ranges, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + runs + " (window_key, run_id, state,"
                + " key_columns, high_key, segments, estimated_rows, rows_scanned, rows_updated, batches,"
                + " longest_batch_ms, started_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)")) {
            ps.setString(1, run.windowKey());
            ps.setString(2, run.runId());
            ps.setString(3, run.keyColumns());
            ps.setString(4, run.highKey());
            ps.setInt(5, ranges.size());
            ps.setLong(6, run.estimatedRows());
            ps.setLong(7, now);
            ps.setLong(8, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + segments + " (window_key, segment_no, run_id,"
                + " low_key, high_key, last_key, state, rows_scanned, rows_updated, batches, longest_batch_ms,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, 0, 0, 0, 0, ?)")) {
            for (int i = 0; i < ranges.size(); i++) {
                ps.setString(1, run.windowKey());
                ps.setInt(2, i);
                ps.setString(3, run.runId());
                ps.setString(4, ranges.get(i)[0]);
                ps.setString(5, ranges.get(i)[1]);
                // An empty table has nothing to copy: its one segment is done from the start.
                ps.setString(6, ranges.get(i)[1] == null ? "done" : "pending");
                ps.setLong(7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Claims a segment for {@code owner} unless another live owner holds it.
     *
     * @param takeOver an owner whose lease may be taken although it has not expired (a process known to be dead)
     * @return whether the claim succeeded
     */
    public boolean claim(Connection c, String windowKey, int segment, String owner, String host, long pid,
            long now, String takeOver) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + segments + " SET owner = ?, owner_host = ?,"
                + " owner_pid = ?, lease_until = ?, state = 'running', updated_at = ?"
                + " WHERE window_key = ? AND segment_no = ? AND state <> 'done'"
                + " AND (owner IS NULL OR lease_until < ? OR owner = ? OR owner = ?)")) {
            ps.setString(1, owner);
            ps.setString(2, host);
            ps.setLong(3, pid);
            ps.setLong(4, now + ControlTables.LEASE_MILLIS);
            ps.setLong(5, now);
            ps.setString(6, windowKey);
            ps.setInt(7, segment);
            ps.setLong(8, now);
            ps.setString(9, owner);
            ps.setString(10, takeOver == null ? owner : takeOver);
            return ps.executeUpdate() == 1;
        }
    }

    /** Renews every lease {@code owner} holds. */
    public void renew(Connection c, String windowKey, String owner, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + segments + " SET lease_until = ?"
                + " WHERE window_key = ? AND owner = ? AND state = 'running'")) {
            ps.setLong(1, now + ControlTables.LEASE_MILLIS);
            ps.setString(2, windowKey);
            ps.setString(3, owner);
            ps.executeUpdate();
        }
    }

    /**
     * Records a committed batch (in the batch's own transaction).
     *
     * @return false when {@code owner} no longer holds the segment (the caller rolls back)
     */
    public boolean checkpoint(Connection c, String windowKey, int segment, String owner, String lastKey,
            long scanned, long updated, long batchMillis, boolean segmentDone, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + segments + " SET last_key = ?,"
                + " rows_scanned = rows_scanned + ?, rows_updated = rows_updated + ?, batches = batches + 1,"
                + " longest_batch_ms = CASE WHEN longest_batch_ms < ? THEN ? ELSE longest_batch_ms END,"
                + " state = ?, lease_until = ?, updated_at = ?, owner = CASE WHEN ? = 'done' THEN NULL ELSE owner END"
                + " WHERE window_key = ? AND segment_no = ? AND owner = ?")) {
            String state = segmentDone ? "done" : "running";
            ps.setString(1, lastKey);
            ps.setLong(2, scanned);
            ps.setLong(3, updated);
            ps.setLong(4, batchMillis);
            ps.setLong(5, batchMillis);
            ps.setString(6, state);
            ps.setLong(7, now + ControlTables.LEASE_MILLIS);
            ps.setLong(8, now);
            ps.setString(9, state);
            ps.setString(10, windowKey);
            ps.setInt(11, segment);
            ps.setString(12, owner);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Marks the run complete with the totals of its segments, once every segment is done.
     *
     * @return whether this call recorded the completion
     */
    public boolean complete(Connection c, String windowKey, String runId, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + runs + " SET state = 'done', finished_at = ?,"
                + " updated_at = ?,"
                + " rows_scanned = (SELECT COALESCE(SUM(rows_scanned), 0) FROM " + segments + " WHERE window_key = ?),"
                + " rows_updated = (SELECT COALESCE(SUM(rows_updated), 0) FROM " + segments + " WHERE window_key = ?),"
                + " batches = (SELECT COALESCE(SUM(batches), 0) FROM " + segments + " WHERE window_key = ?),"
                + " longest_batch_ms = (SELECT COALESCE(MAX(longest_batch_ms), 0) FROM " + segments
                + "   WHERE window_key = ?)"
                + " WHERE window_key = ? AND run_id = ? AND state = 'running' AND NOT EXISTS (SELECT 1 FROM " + segments
                + "   WHERE window_key = ? AND state <> 'done')")) {
            ps.setLong(1, now);
            ps.setLong(2, now);
            for (int i = 3; i <= 7; i++) {
                ps.setString(i, windowKey);
            }
            ps.setString(8, runId);
            ps.setString(9, windowKey);
            return ps.executeUpdate() == 1;
        }
    }
}
