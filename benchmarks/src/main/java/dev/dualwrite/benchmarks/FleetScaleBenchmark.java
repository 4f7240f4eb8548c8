package dev.dualwrite.benchmarks;

import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.FleetWindows;
import dev.dualwrite.control.Heartbeat;
import dev.dualwrite.control.Heartbeats;
import dev.dualwrite.control.Instance;
import dev.dualwrite.control.WindowRows;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.Operations;
import dev.dualwrite.ops.Windows;
import dev.dualwrite.ops.fleet.DeclareWindow;
import dev.dualwrite.ops.fleet.Fleet;
import dev.dualwrite.ops.fleet.PhaseMove;
import dev.dualwrite.ops.fleet.Status;
import dev.dualwrite.ops.fleet.StatusJson;
import dev.dualwrite.ops.fleet.StatusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet of simulated instances against PostgreSQL: each polls the fleet's version and writes its heartbeat with the
 * doors' own {@link WindowRows} and {@link Heartbeats} (one transaction per poll: the instance row and one batch for
 * its windows), at the doors' default interval, spread evenly over it. The instances share a small pool of
 * connections (a real instance holds one of its own; a thousand would exceed the server's {@code max_connections}),
 * so the statements and rows per second are what the fleet sends, while the connection count is not.
 *
 * <p>Measures over the run: polls and heartbeats per second, the heartbeat's latency, the database's own counters
 * ({@code pg_stat_database}: transactions, rows read and written), the CPU time of the server processes serving the
 * pool, and the size of the control tables; then how long {@code dualwrite status} and {@code dualwrite phase} take
 * with every instance live, and how long the fleet takes to apply a phase move.
 *
 * <p>Arguments: {@code JDBC_URL [instances=1000] [seconds=60] [pollMs=2000] [connections=16]}.
 */
public final class FleetScaleBenchmark {
    private static final String APP = "dualwrite-fleet-bench";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        long pollMs = args.length > 3 ? Long.parseLong(args[3]) : 2000;
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        new FleetScaleBenchmark(url, instances, seconds, pollMs, connections).run();
    }

    private final String url;
    private final int instances;
    private final int seconds;
    private final long pollMs;
    private final int connections;
    private final String schema = BenchDatabase.uniqueName("dwfleetbench");
    private final String table = BenchDatabase.uniqueName("fleet_people");
    private final ControlTables tables = new ControlTables(Dialect.POSTGRESQL, schema);
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong windowReads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong[] latencyBuckets = new AtomicLong[64];

    private FleetScaleBenchmark(String url, int instances, int seconds, long pollMs, int connections) {
        this.url = url;
        this.instances = instances;
        this.seconds = seconds;
        this.pollMs = pollMs;
        this.connections = connections;
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new AtomicLong();
        }
    }

    /** One simulated instance: its heartbeat writer, the windows it applies and its counters. */
    private final class Simulated {
        final Instance me;
        final Heartbeats beats = new Heartbeats(tables);
        final WindowRows rows = new WindowRows(tables, Dialect.POSTGRESQL);
        long version = -1;
        FleetWindows windows;
        long oldStatements;
        long newStatements;
        Long oldLastUsed;

        Simulated(int n) {
            me = new Instance("sim-" + n, n % 3 == 0 ? Instance.AGENT : n % 3 == 1 ? Instance.JDBC : Instance.SIDECAR,
                    "host-" + (n % 50), 10_000 + n, "app-" + (n % 7), System.currentTimeMillis(), pollMs);
        }

        void poll(Connection c) throws SQLException {
            long v = rows.version(c);
            if (v != version) {
                windows = rows.read(c);
                version = windows.version();
                windowReads.incrementAndGet();
            }
            long now = System.currentTimeMillis();
            oldStatements += ThreadLocalRandom.current().nextInt(20);
            newStatements += ThreadLocalRandom.current().nextInt(20);
            oldLastUsed = now;
            List<Heartbeat.WindowUse> uses = new ArrayList<>();
            for (FleetWindows.FleetWindow w : windows.windows()) {
                String phase = w.window() instanceof RenameWindow r ? r.phase().configName() : "drop";
                uses.add(new Heartbeat.WindowUse(w.key(), phase, oldStatements, newStatements, oldLastUsed));
            }
            beats.write(c, new Heartbeat(me, version, now, null, uses));
        }
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("ApplicationName", APP);
        return DriverManager.getConnection(url, p);
    }

    private void run() throws Exception {
        System.out.printf("fleet scale: %d simulated instances, poll %d ms, %d s, %d shared connections; %s%n",
                instances, pollMs, seconds, connections, new BenchDatabase(url).version());
        DatabaseTarget target = DatabaseTarget.of(url, null, null, Map.of());
        Operations ops = new Operations(target, Windows.of(Configuration.empty()), schema);
        Fleet fleet = ops.fleet();
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100))");
            tables.ensure(c, ControlTables.ALL_TABLES);
        }
        try {
            new DeclareWindow(fleet).rename(table + ".full_name", "display_name", l -> { });
            measure(fleet);
        } finally {
            try (Connection c = open(); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private void measure(Fleet fleet) throws Exception {
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            pool.add(open());
        }
        List<Simulated> fleetOf = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            fleetOf.add(new Simulated(i));
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(connections);
        for (int i = 0; i < instances; i++) {
            Simulated s = fleetOf.get(i);
            long offset = pollMs * i / instances; // spread over the interval, as independent starts would be
            scheduler.scheduleAtFixedRate(() -> beat(pool, s), offset, pollMs, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(2 * pollMs + 1000); // every instance has written its rows once: the steady state
        Map<String, Long> before = counters();
        long cpuBefore = serverCpuTicks();
        long pollsBefore = polls.get();
        Arrays.stream(latencyBuckets).forEach(b -> b.set(0));
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> after = counters();
        long cpuAfter = serverCpuTicks();
        long pollsDone = polls.get() - pollsBefore;
        System.out.printf("polls: %d in %.1f s = %.0f/s (expected %.0f/s), failures %d%n", pollsDone, elapsed,
                pollsDone / elapsed, instances * 1000.0 / pollMs, failures.get());
        System.out.printf("poll latency (version read + heartbeat transaction): p50 %s, p99 %s, max %s%n",
                percentile(0.5), percentile(0.99), percentile(1.0));
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.get(e.getKey());
            System.out.printf("pg_stat_database %s: %d = %.0f/s, %.2f per poll%n", e.getKey(), d, d / elapsed,
                    (double) d / pollsDone);
        }
        long hz = 100; // USER_HZ on Linux
        if (cpuBefore >= 0 && cpuAfter >= 0) {
            double cpu = (cpuAfter - cpuBefore) / (double) hz;
            System.out.printf("server CPU of the pool's %d backends: %.2f s in %.1f s = %.1f%% of one core%n",
                    connections, cpu, elapsed, cpu * 100 / elapsed);
        }
        try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_total_relation_size('" + tables.table(ControlTables.INSTANCES) + "'),"
                + " pg_total_relation_size('" + tables.table(ControlTables.INSTANCE_WINDOWS) + "'),"
                + " (SELECT COUNT(*) FROM " + tables.table(ControlTables.INSTANCES) + "),"
                + " (SELECT COUNT(*) FROM " + tables.table(ControlTables.INSTANCE_WINDOWS) + ")")) {
            rs.next();
            System.out.printf("control tables: %d instance rows (%d kB with indexes), %d instance-window rows"
                    + " (%d kB)%n", rs.getLong(3), rs.getLong(1) / 1024, rs.getLong(4), rs.getLong(2) / 1024);
        }
        timeStatusAndPhase(fleet);
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        for (Connection c : pool) {
            c.close();
        }
    }

    private void timeStatusAndPhase(Fleet fleet) throws Exception {
        Status status = new Status(fleet);
        long[] text = new long[5];
        long[] json = new long[5];
        int live = 0;
        for (int i = 0; i < text.length; i++) {
            long t0 = System.nanoTime();
            Status.Report r = status.read(null, 24 * 3_600_000L);
            String out = StatusText.render(r);
            text[i] = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            String j = StatusJson.render(status.read(null, 24 * 3_600_000L));
            json[i] = (System.nanoTime() - t1) / 1_000_000;
            live = (int) r.windows().get(0).liveCount();
            if (i == 0) {
                System.out.printf("status: %d live instances; text %d bytes, JSON %d bytes%n", live, out.length(),
                        j.length());
            }
        }
        Arrays.sort(text);
        Arrays.sort(json);
        System.out.printf("status with %d live instances: text %d ms median (min %d, max %d), --json %d ms median"
                + " (min %d, max %d)%n", live, text[2], text[0], text[4], json[2], json[0], json[4]);
        PhaseMove move = new PhaseMove(fleet);
        long t0 = System.nanoTime();
        move.move(table + ".full_name", "mirror", false, l -> { }, l -> { });
        long phaseMs = (System.nanoTime() - t0) / 1_000_000;
        long moved = System.currentTimeMillis();
        String key = null;
        while (true) {
            Status.Report r = status.read(table + ".full_name", 24 * 3_600_000L);
            Status.WindowStatus w = r.windows().get(0);
            key = w.window().key();
            long lagging = w.instances().stream().filter(Status.InstanceLine::live)
                    .filter(l -> l.report() == null || !"mirror".equals(l.report().phaseApplied())).count();
            if (lagging == 0) {
                break;
            }
            if (System.currentTimeMillis() - moved > 10 * pollMs) {
                System.out.printf("after %d ms, %d live instances still do not apply mirror%n",
                        System.currentTimeMillis() - moved, lagging);
                break;
            }
            Thread.sleep(100);
        }
        System.out.printf("phase %s old-only -> mirror with %d live instances (checks, then the version bump): %d ms;"
                + " every live instance applied it %d ms after the move (poll %d ms; polled by status every"
                + " 100 ms)%n", key, instances, phaseMs, System.currentTimeMillis() - moved, pollMs);
    }

    private void beat(BlockingQueue<Connection> pool, Simulated s) {
        Connection c;
        try {
            c = pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long t0 = System.nanoTime();
        try {
            s.poll(c);
            polls.incrementAndGet();
        } catch (SQLException e) {
            if (failures.incrementAndGet() <= 3) {
                System.err.println("poll failed: " + e.getMessage());
            }
        } finally {
            pool.add(c);
        }
        long micros = (System.nanoTime() - t0) / 1000;
        latencyBuckets[Math.min(63, 64 - Long.numberOfLeadingZeros(Math.max(1, micros)))].incrementAndGet();
    }

    /** The latency below which a share of the polls fell (power-of-two buckets: an upper bound). */
    private String percentile(double share) {
        long total = Arrays.stream(latencyBuckets).mapToLong(AtomicLong::get).sum();
        long seen = 0;
        for (int i = 0; i < latencyBuckets.length; i++) {
            seen += latencyBuckets[i].get();
            if (total > 0 && seen >= Math.ceil(share * total)) {
                long micros = 1L << i;
                return micros >= 1000 ? "<= " + micros / 1000 + " ms" : "<= " + micros + " us";
            }
        }
        return "n/a";
    }

    private Map<String, Long> counters() throws SQLException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("SELECT xact_commit, xact_rollback, tup_returned, tup_fetched,"
                    + " tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname ="
                    + " current_database()")) {
                rs.next();
                for (int i = 1; i <= 7; i++) {
                    m.put(rs.getMetaData().getColumnName(i), rs.getLong(i));
                }
            }
        }
        return m;
    }

    /** utime + stime of the server processes serving this benchmark's pool, or -1 when /proc cannot tell. */
    private long serverCpuTicks() {
        long ticks = 0;
        try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE application_name = '" + APP + "' AND pid <>"
                + " pg_backend_pid()")) {
            while (rs.next()) {
                Path stat = Path.of("/proc", Integer.toString(rs.getInt(1)), "stat");
                if (!Files.exists(stat)) {
                    return -1; // the server is not on this host
                }
                String[] f = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2)
                        .split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            }
        } catch (Exception e) {
            return -1;
        }
        return ticks;
    }
}
