package dev.dualwrite.ops.data;

import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Copies {@code from} into {@code to} wherever they differ, in keyset batches bounded to the highest key that existed
 * when the run started (later rows are written by the doors in mirror, so the run always ends). The run's key range
 * is split into segments in {@code dualwrite_backfill_segments}; each worker claims one at a time under a lease, so
 * several connections and several processes ({@code --join}) can share a run, and a run killed at any point resumes
 * from the last committed batch of each segment.
 */
public final class Backfill {
    private static final int SEGMENTS_PER_WORKER = 4;
    private static final long MIN_ROWS_PER_SEGMENT = 1000;

    private final DatabaseTarget target;
    private final SchemaDialect dialect;
    private final ControlTables tables;
    private final Checkpoints store;
    private final Table table;
    private final KeyColumns key;
    private final Column from;
    private final Column to;
    private final String windowKey;
    private final String windowName;
    private final BackfillOptions options;
    private final Progress progress;
    private final String host;
    private final long pid;
    private final String owner;

    /**
     * @param windowKey  the window's name in the control tables ({@code schema.table.column})
     * @param windowName the window as the user named it, for messages
     */
    public Backfill(DatabaseTarget target, SchemaDialect dialect, ControlTables tables, Table table, KeyColumns key,
            Column from, Column to, String windowKey, String windowName, BackfillOptions options, Progress progress) {
        this.target = target;
        this.dialect = dialect;
        this.tables = tables;
        this.store = new Checkpoints(tables);
        this.table = table;
        this.key = key;
        this.from = from;
        this.to = to;
        this.windowKey = windowKey;
        this.windowName = windowName;
        this.options = options;
        this.progress = progress;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
        this.owner = host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown-host" : env;
        }
    }

    /** The UPDATE one batch runs, with its key-range parameters, for the plan. */
    public static String batchStatement(SchemaDialect dialect, Table t, KeyColumns key, Column from, Column to) {
        return SegmentCopier.batchStatement(dialect, t, key, from, to);
    }

    public BackfillResult run() throws OpsException, InterruptedException {
        long startNanos = System.nanoTime();
        try (Connection control = target.connect()) {
            control.setAutoCommit(true);
            tables.ensure(control, List.of(ControlTables.BACKFILL, ControlTables.BACKFILL_SEGMENTS));
            Checkpoints.Run run = store.run(control, windowKey);
            boolean resumed = false;
            List<Checkpoints.Segment> live = List.of();
            if (run != null) {
                live = liveOthers(store.segments(control, windowKey));
                if (!live.isEmpty() && (!options.join() || options.restart())) {
                    Checkpoints.Segment s = live.get(0);
                    throw OpsException.refused("another backfill of " + windowName + " is running: "
                            + s.ownerHost() + " pid " + s.ownerPid() + " holds " + live.size() + " segment(s), lease"
                            + " until " + Instant.ofEpochMilli(s.leaseUntil()) + "; wait for it to finish"
                            + (options.restart() ? " before --restart" : ", or add --join to share its work")
                            + " (a killed process's lease runs out " + ControlTables.LEASE_MILLIS / 1000 + " s after"
                            + " its last batch)");
                }
                if (options.restart()) {
                    control.setAutoCommit(false);
                    store.delete(control, windowKey);
                    control.commit();
                    control.setAutoCommit(true);
                    progress.note("--restart: the previous backfill of " + windowName + " (started "
                            + Instant.ofEpochMilli(run.startedAt()) + ") is forgotten; starting over");
                    run = null;
                } else if (run.done()) {
                    progress.note("the backfill of " + windowName + " completed at "
                            + Instant.ofEpochMilli(run.finishedAt()) + " (" + run.rowsScanned() + " rows scanned, "
                            + run.rowsUpdated() + " updated); nothing to do (--restart runs it again)");
                    return new BackfillResult(false, true, true, 0, 0, 0, 0, System.nanoTime() - startNanos, 0);
                } else if (!run.keyColumns().equals(key.describe())) {
                    throw OpsException.refused("the checkpoint of " + windowName + " walks the key "
                            + run.keyColumns() + " but the table's key is now " + key.describe()
                            + "; start over with --restart");
                } else {
                    resumed = true;
                }
            }
            if (run == null) {
                run = create(control);
            }
            List<Checkpoints.Segment> segments = store.segments(control, windowKey);
            long doneBefore = segments.stream().mapToLong(Checkpoints.Segment::rowsScanned).sum();
            if (resumed && !live.isEmpty()) {
                Checkpoints.Segment s = live.get(0);
                progress.note("joining the backfill of " + windowName + " that " + s.ownerHost() + " pid "
                        + s.ownerPid() + " runs: " + doneBefore + " rows done so far; this process takes the"
                        + " segments nobody holds");
            } else if (resumed) {
                progress.note("resuming the backfill of " + windowName + " started " + Instant.ofEpochMilli(
                        run.startedAt()) + ": " + doneBefore + " rows done in earlier runs, continuing from the last"
                        + " committed batch" + describeCheckpoints(segments));
            } else {
                progress.note("backfill of " + windowName + " on " + table.display() + ": copying "
                        + from.name() + " into " + to.name() + " in batches on " + key.describe()
                        + ", up to " + (run.highKey() == null ? "(empty table)"
                        : key.show(KeyColumns.decode(run.highKey()))));
            }
            progress.start("backfill " + windowName, Math.max(run.estimatedRows(), doneBefore), doneBefore);
            try {
                return work(control, run, resumed, startNanos);
            } finally {
                progress.finish();
            }
        } catch (SQLException e) {
            throw OpsException.refused("the backfill of " + windowName + " stopped on a database error ("
                    + SegmentCopier.firstLine(e) + "); what was committed is kept: rerun the same command to resume",
                    e);
        }
    }

    private String describeCheckpoints(List<Checkpoints.Segment> segments) {
        List<String> parts = new ArrayList<>();
        for (Checkpoints.Segment s : segments) {
            if (!s.done() && s.lastKey() != null) {
                parts.add(key.show(KeyColumns.decode(s.lastKey())));
            }
        }
        if (parts.isEmpty()) {
            return "";
        }
        return " (after " + (parts.size() > 3 ? String.join(", ", parts.subList(0, 3)) + ", ..."
                : String.join(", ", parts)) + ")";
    }

    /** Segments held under a live lease by another process. */
    private List<Checkpoints.Segment> liveOthers(List<Checkpoints.Segment> segments) {
        long now = System.currentTimeMillis();
        return segments.stream().filter(s -> !s.done() && s.owner() != null && s.leaseUntil() != null
                && s.leaseUntil() >= now && !deadHere(s)).collect(Collectors.toList());
    }

    /** Whether the segment's owner ran on this host and its process is gone (killed): its lease is void. */
    private boolean deadHere(Checkpoints.Segment s) {
        return host.equals(s.ownerHost()) && s.ownerPid() != null && s.ownerPid() != pid
                && ProcessHandle.of(s.ownerPid()).map(p -> !p.isAlive()).orElse(true);
    }

    private Checkpoints.Run create(Connection control) throws SQLException, OpsException {
        List<String> high;
        try (PreparedStatement ps = control.prepareStatement("SELECT " + key.list() + " FROM " + table.qualified()
                + " ORDER BY " + key.order(true) + " LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            high = rs.next() ? key.read(rs) : null;
        }
        long estimate = table.estimatedRows();
        if (estimate < 100_000) {
            try (PreparedStatement ps = control.prepareStatement("SELECT COUNT(*) FROM " + table.qualified());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                estimate = rs.getLong(1);
            }
        }
        int segmentCount = 1;
        if (options.workers() > 1 && high != null) {
            segmentCount = (int) Math.max(1, Math.min((long) options.workers() * SEGMENTS_PER_WORKER,
                    estimate / MIN_ROWS_PER_SEGMENT));
        }
        List<String[]> ranges = split(control, high, estimate, segmentCount);
        Checkpoints.Run run = new Checkpoints.Run(windowKey, UUID.randomUUID().toString(), "running", key.describe(),
                KeyColumns.encode(high), ranges.size(), estimate, 0, 0, 0, 0, System.currentTimeMillis(), 0, null);
        control.setAutoCommit(false);
        try {
            store.create(control, run, ranges, System.currentTimeMillis());
            control.commit();
        } catch (SQLException e) {
            control.rollback();
            // Another process created the run between our read and our insert: the rerun will join or refuse.
            throw OpsException.refused("another backfill of " + windowName + " started at the same moment ("
                    + SegmentCopier.firstLine(e) + "); rerun the command to resume or join it", e);
        } finally {
            control.setAutoCommit(true);
        }
        return store.run(control, windowKey);
    }

    /** Key ranges {@code (low, high]} of about equal row counts, read in one pass over the key's index. */
    private List<String[]> split(Connection control, List<String> high, long estimate, int count)
            throws SQLException {
        List<String[]> ranges = new ArrayList<>();
        String highText = KeyColumns.encode(high);
        if (count <= 1 || high == null) {
            ranges.add(new String[] {null, highText});
            return ranges;
        }
        long step = Math.max(1, estimate / count);
        control.setAutoCommit(false); // PostgreSQL streams a result only inside a transaction
        String previous = null;
        KeyColumns.Predicate upTo = key.upTo();
        try (PreparedStatement ps = control.prepareStatement("SELECT " + key.list() + " FROM " + table.qualified()
                + " WHERE " + upTo.sql() + " ORDER BY " + key.order(false))) {
            ps.setFetchSize(10_000);
            key.bind(ps, 1, upTo, high);
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                    if (n % step == 0 && ranges.size() < count - 1) {
                        String boundary = KeyColumns.encode(key.read(rs));
                        if (!boundary.equals(highText)) {
                            ranges.add(new String[] {previous, boundary});
                            previous = boundary;
                        }
                    }
                }
            }
            control.commit();
        } finally {
            control.setAutoCommit(true);
        }
        ranges.add(new String[] {previous, highText});
        return ranges;
    }

    private BackfillResult work(Connection control, Checkpoints.Run run, boolean resumed, long startNanos)
            throws SQLException, OpsException, InterruptedException {
        RateLimiter limiter = new RateLimiter(options.maxRowsPerSecond());
        int workers = Math.max(1, Math.min(options.workers(), run.segments()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "dualwrite-backfill-worker");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dualwrite-backfill-lease");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<String> leaseProblem = new AtomicReference<>();
        List<String> owners = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            owners.add(owner + "/" + w);
        }
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                for (String o : owners) {
                    store.renew(control, windowKey, o, System.currentTimeMillis());
                }
            } catch (SQLException e) {
                leaseProblem.compareAndSet(null, SegmentCopier.firstLine(e));
            }
        }, ControlTables.LEASE_MILLIS / 3, ControlTables.LEASE_MILLIS / 3, TimeUnit.MILLISECONDS);
        List<SegmentCopier> copiers = new ArrayList<>();
        List<Future<Void>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                String workerOwner = owners.get(w);
                SegmentCopier copier = new SegmentCopier(target.connect(), dialect, table, key, from, to, store,
                        windowKey, workerOwner, options, limiter, progress);
                copiers.add(copier);
                futures.add(pool.submit(() -> {
                    claimAndCopy(copier, workerOwner);
                    return null;
                }));
            }
            for (Future<Void> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof OpsException o) {
                        throw o;
                    }
                    if (cause instanceof SQLException s) {
                        throw s;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            heartbeat.shutdownNow();
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
            pool.shutdownNow();
            copiers.forEach(SegmentCopier::close);
        }
        long scanned = copiers.stream().mapToLong(x -> x.scanned.get()).sum();
        long updated = copiers.stream().mapToLong(x -> x.updated.get()).sum();
        long batches = copiers.stream().mapToLong(x -> x.batches.get()).sum();
        long longest = copiers.stream().mapToLong(x -> x.longestMillis.get()).max().orElse(0);
        long retries = copiers.stream().mapToLong(x -> x.retries.get()).sum();
        long elapsed = System.nanoTime() - startNanos;
        boolean complete = store.complete(control, windowKey, run.runId(), System.currentTimeMillis());
        Checkpoints.Run after = store.run(control, windowKey);
        complete |= after != null && after.done();
        progress.finish(); // the closing lines below the finished bar
        String rate = elapsed > 0 ? String.format("%.0f", scanned * 1e9 / elapsed) : "?";
        if (complete) {
            progress.note("backfill of " + windowName + " complete: " + scanned + " rows scanned, " + updated
                    + " updated in " + batches + " batches by this process (" + rate + " rows/s; longest batch "
                    + longest + " ms" + (retries == 0 ? "" : "; " + retries + " batches retried on locks") + ");"
                    + " recorded in " + tables.table(ControlTables.BACKFILL));
        } else {
            List<Checkpoints.Segment> open = store.segments(control, windowKey).stream()
                    .filter(s -> !s.done()).collect(Collectors.toList());
            progress.note("this process is done (" + scanned + " rows scanned, " + updated + " updated); "
                    + open.size() + " segment(s) are still being copied by other processes"
                    + (leaseProblem.get() == null ? "" : "; renewing the lease failed: " + leaseProblem.get()));
        }
        return new BackfillResult(resumed, complete, false, scanned, updated, batches, longest, elapsed, retries);
    }

    /** Claims segments one after the other until none is left that this process may take. */
    private void claimAndCopy(SegmentCopier copier, String workerOwner) throws SQLException, OpsException, InterruptedException {
        try (Connection claims = target.connect()) {
            claims.setAutoCommit(true);
            while (true) {
                Checkpoints.Segment claimed = null;
                long now = System.currentTimeMillis();
                for (Checkpoints.Segment s : store.segments(claims, windowKey)) {
                    // Only segments nobody holds: a claim on a held one would wait for its owner's open batch.
                    boolean free = s.owner() == null || s.leaseUntil() == null || s.leaseUntil() < now || deadHere(s);
                    if (s.done() || !free) {
                        continue;
                    }
                    String takeOver = s.owner() != null && deadHere(s) ? s.owner() : null;
                    if (store.claim(claims, windowKey, s.no(), workerOwner, host, pid, System.currentTimeMillis(),
                            takeOver)) {
                        claimed = s;
                        break;
                    }
                }
                if (claimed == null) {
                    return;
                }
                // Read the checkpoint again now that the segment is ours: a former owner may have committed since.
                int no = claimed.no();
                Checkpoints.Segment current = store.segments(claims, windowKey).stream().filter(s -> s.no() == no)
                        .findFirst().orElse(null);
                if (current == null) {
                    return;
                }
                String resumeAfter = current.lastKey() != null ? current.lastKey() : current.lowKey();
                copier.copy(current.no(), KeyColumns.decode(resumeAfter), KeyColumns.decode(current.highKey()));
            }
        }
    }
}
