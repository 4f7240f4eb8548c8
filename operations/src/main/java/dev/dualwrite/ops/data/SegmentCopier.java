package dev.dualwrite.ops.data;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker's connection and its batch loop over the segments it claims. Each batch is one short transaction: find
 * where the next {@code n} keys end, {@code UPDATE ... SET to = from} over that key range where the two differ, and
 * record the checkpoint in the same transaction, so a batch and its checkpoint commit or vanish together.
 */
final class SegmentCopier implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 10;

    private final Connection c;
    private final SchemaDialect dialect;
    private final Checkpoints store;
    private final String windowKey;
    private final String owner;
    private final BackfillOptions options;
    private final BatchSizer sizer;
    private final RateLimiter limiter;
    private final Progress progress;
    private final RangeQuery boundary;
    private final RangeQuery count;
    private final RangeQuery update;

    final AtomicLong scanned = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong longestMillis = new AtomicLong();
    final AtomicLong retries = new AtomicLong();

    SegmentCopier(Connection c, SchemaDialect dialect, Table t, KeyColumns key, Column from, Column to,
            Checkpoints store, String windowKey, String owner, BackfillOptions options, RateLimiter limiter,
            Progress progress) throws SQLException {
        this.c = c;
        this.dialect = dialect;
        this.store = store;
        this.windowKey = windowKey;
        this.owner = owner;
        this.options = options;
        this.limiter = limiter;
        this.progress = progress;
        this.sizer = new BatchSizer(options.batchSize(), options.targetBatchMillis());
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        try (Statement st = c.createStatement()) {
            for (String s : dialect.lockTimeout(options.lockTimeoutMillis())) {
                st.execute(s);
            }
        }
        c.commit();
        String table = t.qualified();
        boundary = new RangeQuery(c, key, "SELECT " + key.list() + " FROM " + table + " WHERE ",
                " ORDER BY " + key.order(false) + " LIMIT 1 OFFSET ?");
        count = new RangeQuery(c, key, "SELECT COUNT(*) FROM " + table + " WHERE ", "");
        update = new RangeQuery(c, key, updateHead(t, from, to), updateTail(dialect, t, from, to));
    }

    /** The UPDATE of one batch as it is sent, for the plan. */
    static String batchStatement(SchemaDialect dialect, Table t, KeyColumns key, Column from, Column to) {
        return RangeQuery.sql(key, updateHead(t, from, to), updateTail(dialect, t, from, to), false);
    }

    private static String updateHead(Table t, Column from, Column to) {
        return "UPDATE " + t.qualified() + " SET " + t.quote(to.name()) + " = " + t.quote(from.name()) + " WHERE ";
    }

    private static String updateTail(SchemaDialect dialect, Table t, Column from, Column to) {
        return " AND " + dialect.differs(from, t.quote(to.name()), t.quote(from.name()));
    }

    /**
     * Copies the rest of a claimed segment.
     *
     * @param last the segment's checkpoint (exclusive start), or null from its beginning
     * @param high the segment's end (inclusive)
     * @return false when the segment was taken over by another process meanwhile
     */
    boolean copy(int segment, List<String> last, List<String> high) throws OpsException, InterruptedException {
        List<String> lo = last;
        while (true) {
            int size = sizer.size();
            long start = System.nanoTime();
            Batch batch;
            try {
                batch = batch(segment, lo, high, size, start);
            } catch (SQLException e) {
                rollbackQuietly();
                throw OpsException.refused("the backfill stopped on a database error in segment "
                        + segment + " (" + firstLine(e) + "); what was committed is kept: rerun the same command to"
                        + " resume", e);
            }
            if (batch == null) {
                return false;
            }
            long nanos = System.nanoTime() - start;
            long millis = nanos / 1_000_000;
            scanned.addAndGet(batch.scanned);
            updated.addAndGet(batch.updated);
            batches.incrementAndGet();
            longestMillis.accumulateAndGet(millis, Math::max);
            progress.advance(batch.scanned);
            sizer.took((int) Math.min(Integer.MAX_VALUE, batch.scanned), nanos);
            if (batch.last) {
                return true;
            }
            lo = batch.upper;
            if (options.pauseMillis() > 0) {
                Thread.sleep(options.pauseMillis());
            }
            limiter.pace(batch.scanned);
        }
    }

    private record Batch(List<String> upper, long scanned, long updated, boolean last) {
    }

    private Batch batch(int segment, List<String> lo, List<String> high, int size, long start)
            throws SQLException, OpsException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                Batch b = attempt(segment, lo, high, size, start);
                if (b == null) {
                    c.rollback();
                    progress.note("segment " + segment + " was taken over by another backfill process; this worker"
                            + " leaves it to that one");
                    return null;
                }
                c.commit();
                return b;
            } catch (SQLException e) {
                rollbackQuietly();
                if (!dialect.retryable(e) || attempt >= MAX_ATTEMPTS) {
                    if (dialect.retryable(e)) {
                        throw OpsException.refused("gave up after " + attempt + " attempts on a"
                                + " locked batch (" + firstLine(e) + "); long transactions hold rows of the table:"
                                + " rerun the same command later to resume", e);
                    }
                    throw e;
                }
                retries.incrementAndGet();
                sizer.contended();
                size = sizer.size();
                long backoff = Math.min(5000, 50L << Math.min(attempt, 7));
                Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            }
        }
    }

    private Batch attempt(int segment, List<String> lo, List<String> high, int size, long start)
            throws SQLException {
        List<String> upper = boundary.end(lo, high, size);
        long scannedRows = size;
        boolean last = upper == null || upper.equals(high);
        if (upper == null) {
            upper = high;
            try (ResultSet rs = count.bind(lo, high).statement().executeQuery()) {
                rs.next();
                scannedRows = rs.getLong(1);
            }
        }
        long changed = update.bind(lo, upper).statement().executeUpdate();
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean held = store.checkpoint(c, windowKey, segment, owner, KeyColumns.encode(upper), scannedRows, changed,
                millis, last, System.currentTimeMillis());
        return held ? new Batch(upper, scannedRows, changed, last) : null;
    }

    private void rollbackQuietly() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls back by itself
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }
}
