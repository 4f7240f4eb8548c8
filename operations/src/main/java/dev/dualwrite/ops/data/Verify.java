package dev.dualwrite.ops.data;

import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the rows whose two columns differ (null-safe, exact), in key-range chunks sized like the backfill's batches
 * so that no single query runs long, and records the result in {@code dualwrite_verify}.
 */
public final class Verify {
    private final DatabaseTarget target;
    private final SchemaDialect dialect;
    private final ControlTables tables;
    private final Table table;
    private final KeyColumns key;
    private final Column from;
    private final Column to;
    private final String windowKey;
    private final String windowName;
    private final int samples;
    private final Progress progress;

    /** What a verify found. */
    public record Result(long rowsChecked, long differing, List<String> sampleKeys, long startedAt, long finishedAt) {
    }

    public Verify(DatabaseTarget target, SchemaDialect dialect, ControlTables tables, Table table, KeyColumns key,
            Column from, Column to, String windowKey, String windowName, int samples, Progress progress) {
        this.target = target;
        this.dialect = dialect;
        this.tables = tables;
        this.table = table;
        this.key = key;
        this.from = from;
        this.to = to;
        this.windowKey = windowKey;
        this.windowName = windowName;
        this.samples = samples;
        this.progress = progress;
    }

    public Result run() throws OpsException {
        long startedAt = System.currentTimeMillis();
        try (Connection c = target.connect()) {
            c.setAutoCommit(true);
            tables.ensure(c, List.of(ControlTables.VERIFY));
            String t = table.qualified();
            String differs = dialect.differs(from, table.quote(to.name()), table.quote(from.name()));
            List<String> high;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + key.list() + " FROM " + t + " ORDER BY "
                    + key.order(true) + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
                high = rs.next() ? key.read(rs) : null;
            }
            long estimate = table.estimatedRows();
            if (estimate < 100_000) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + t);
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    estimate = rs.getLong(1);
                }
            }
            progress.start("verify " + windowName, estimate, 0);
            long checked = 0;
            long differing = 0;
            List<String> sampleKeys = new ArrayList<>();
            try {
                if (high != null) {
                    String order = " ORDER BY " + key.order(false);
                    try (RangeQuery boundary = new RangeQuery(c, key, "SELECT " + key.list() + " FROM " + t
                                + " WHERE ", order + " LIMIT 1 OFFSET ?");
                         RangeQuery count = new RangeQuery(c, key, "SELECT COUNT(*), SUM(CASE WHEN " + differs
                                + " THEN 1 ELSE 0 END) FROM " + t + " WHERE ", "");
                         RangeQuery sample = new RangeQuery(c, key, "SELECT " + key.list() + " FROM " + t
                                + " WHERE ", " AND " + differs + order + " LIMIT ?")) {
                        BatchSizer sizer = new BatchSizer(0, BackfillOptions.DEFAULT_TARGET_BATCH_MILLIS);
                        List<String> lo = null;
                        while (true) {
                            long start = System.nanoTime();
                            List<String> upper = boundary.end(lo, high, sizer.size());
                            boolean last = upper == null || upper.equals(high);
                            List<String> end = upper == null ? high : upper;
                            long rows;
                            long bad;
                            try (ResultSet rs = count.bind(lo, end).statement().executeQuery()) {
                                rs.next();
                                rows = rs.getLong(1);
                                bad = rs.getLong(2);
                            }
                            if (bad > 0 && sampleKeys.size() < samples) {
                                RangeQuery.Bound b = sample.bind(lo, end);
                                b.statement().setInt(b.next(), samples - sampleKeys.size());
                                try (ResultSet rs = b.statement().executeQuery()) {
                                    while (rs.next()) {
                                        sampleKeys.add(key.show(key.read(rs)));
                                    }
                                }
                            }
                            checked += rows;
                            differing += bad;
                            progress.advance(rows);
                            sizer.took((int) Math.min(Integer.MAX_VALUE, rows), System.nanoTime() - start);
                            if (last) {
                                break;
                            }
                            lo = upper;
                        }
                    }
                }
            } finally {
                progress.finish();
            }
            long finishedAt = System.currentTimeMillis();
            record(c, startedAt, finishedAt, checked, differing, sampleKeys);
            return new Result(checked, differing, sampleKeys, startedAt, finishedAt);
        } catch (SQLException e) {
            throw OpsException.refused("the verify of " + windowName + " stopped on a database error ("
                    + SegmentCopier.firstLine(e) + "); nothing was recorded: rerun it", e);
        }
    }

    private void record(Connection c, long startedAt, long finishedAt, long checked, long differing,
            List<String> sampleKeys) throws SQLException {
        String verify = tables.table(ControlTables.VERIFY);
        String runId = null;
        if (tables.exists(c, ControlTables.BACKFILL)) {
            Checkpoints.Run run = new Checkpoints(tables).run(c, windowKey);
            runId = run == null ? null : run.runId();
        }
        c.setAutoCommit(false);
        try {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + verify + " WHERE window_key = ?")) {
                ps.setString(1, windowKey);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + verify + " (window_key, started_at,"
                    + " finished_at, rows_checked, differing, sample_keys, backfill_run_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, windowKey);
                ps.setLong(2, startedAt);
                ps.setLong(3, finishedAt);
                ps.setLong(4, checked);
                ps.setLong(5, differing);
                ps.setString(6, String.join("\n", sampleKeys));
                ps.setString(7, runId);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
