package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Many connections for a while, then no growth: 50 pgjdbc connections (unnamed, named and binary statements;
 * rewritten writes and reads with parameters and with inlined literals; plain statements; transactions rolled back;
 * rejected statements; reconnects) through one sidecar. After a warm-up that fills the plan caches, the used heap
 * after a full GC and the Netty allocator's direct memory must not grow over the soak, every connection must be
 * closed on both sides, and no row may diverge.
 * <p>
 * The duration is {@code -Ddualwrite.soak.seconds} (default 300: five minutes, in every build) and the number of
 * connections {@code -Ddualwrite.soak.connections} (default 50).
 */
@Tag("database")
class SoakTest {
    private static final int SECONDS = Integer.getInteger("dualwrite.soak.seconds", 300);
    private static final int CONNECTIONS = Integer.getInteger("dualwrite.soak.connections", 50);
    private static final long HEAP_GROWTH_LIMIT = 16L << 20;
    private static final long DIRECT_GROWTH_LIMIT = 16L << 20;

    private static String db;
    private static SidecarServer sidecar;

    @BeforeAll
    static void setUp() throws SQLException {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("soak");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text,"
                + " email text)",
                "INSERT INTO people (id, full_name, display_name) SELECT i, 'p' || i, 'p' || i"
                        + " FROM generate_series(1, 200) i",
                "CREATE TABLE notes (id bigserial PRIMARY KEY, body text)");
        sidecar = Sidecars.start(Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR));
    }

    @AfterAll
    static void tearDown() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    /** What the workers did, and the first unexpected failure. */
    private static final class Tally {
        final AtomicLong operations = new AtomicLong();
        final AtomicLong rejections = new AtomicLong();
        final AtomicLong reconnects = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
    }

    @Test
    void manyConnectionsForAWhileWithoutGrowth() throws Exception {
        String app = TestPostgres.unique("soak");
        run(app, Math.max(5, SECONDS / 4), new Tally());
        awaitClosed(app);
        Memory before = Memory.measure();

        Tally tally = new Tally();
        List<String> samples = new ArrayList<>();
        long t0 = System.nanoTime();
        Thread sampler = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(Math.max(2000, SECONDS * 1000L / 6));
                    samples.add(String.format("%ds: %s, %d ops, %d open", (System.nanoTime() - t0) / 1_000_000_000L,
                            Memory.measure(), tally.operations.get(),
                            Sidecars.metric(sidecar, "dualwrite_connections_open")));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        run(app, SECONDS, tally);
        sampler.interrupt();
        sampler.join();
        awaitClosed(app);
        Memory after = Memory.measure();

        String summary = String.format("soak: %d connections for %d s: %d operations (%d rejected as expected,"
                + " %d reconnects); heap after GC %s -> %s; allocator direct memory %s -> %s%n  samples: %s",
                CONNECTIONS, SECONDS, tally.operations.get(), tally.rejections.get(), tally.reconnects.get(),
                mib(before.heap), mib(after.heap), mib(before.direct), mib(after.direct), samples);
        System.out.println(summary);
        if (tally.failure.get() != null) {
            throw new AssertionError("a worker failed\n" + summary, tally.failure.get());
        }
        assertTrue(tally.operations.get() > CONNECTIONS * 10L, summary);
        assertTrue(after.heap - before.heap < HEAP_GROWTH_LIMIT, "heap grew\n" + summary);
        assertTrue(after.direct - before.direct < DIRECT_GROWTH_LIMIT, "direct memory grew\n" + summary);
        assertEquals(0, Sidecars.metric(sidecar, "dualwrite_connections_open"), summary);
        assertEquals(0, TestPostgres.queryLong(db, "SELECT count(*) FROM people"
                + " WHERE full_name IS DISTINCT FROM display_name"), "divergent rows\n" + summary);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static void run(String app, int seconds, Tally tally) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int threshold = new int[] {0, 1, 5, -1}[i % 4];
                futures.add(pool.submit(() -> worker(app, threshold, end, tally)));
            }
            for (Future<?> f : futures) {
                f.get(seconds + 120L, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void worker(String app, int threshold, long end, Tally tally) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        try {
            while (System.nanoTime() < end && tally.failure.get() == null) {
                try (Connection c = Sidecars.connect(sidecar, db, "prepareThreshold=" + threshold
                        + "&ApplicationName=" + app);
                        PreparedStatement write = c.prepareStatement(
                                "UPDATE people SET display_name = ? WHERE id = ?");
                        PreparedStatement read = c.prepareStatement(
                                "SELECT id, full_name, display_name FROM people WHERE id = ?");
                        Statement plain = c.createStatement()) {
                    tally.reconnects.incrementAndGet();
                    for (int n = 0; n < 200 && System.nanoTime() < end; n++) {
                        int id = 1 + r.nextInt(200);
                        switch (n % 8) {
                            case 0, 4 -> {
                                write.setString(1, "v" + r.nextInt(1_000_000));
                                write.setInt(2, id);
                                write.executeUpdate();
                            }
                            case 1, 5 -> {
                                read.setInt(1, id);
                                try (ResultSet rs = read.executeQuery()) {
                                    rs.next();
                                }
                            }
                            case 2 -> plain.executeUpdate("UPDATE people SET full_name = 'lit" + r.nextInt(20)
                                    + "' WHERE id = " + id);
                            case 3 -> {
                                try (ResultSet rs = plain.executeQuery("SELECT count(*) FROM notes")) {
                                    rs.next();
                                }
                            }
                            case 6 -> {
                                c.setAutoCommit(false);
                                plain.executeUpdate("INSERT INTO notes (body) VALUES ('soak')");
                                write.setString(1, "in tx");
                                write.setInt(2, id);
                                write.executeUpdate();
                                c.rollback();
                                c.setAutoCommit(true);
                            }
                            default -> {
                                if (n % 40 == 7) {
                                    try {
                                        plain.executeUpdate("UPDATE people SET full_name = random()::text"
                                                + " WHERE id = " + id);
                                        throw new AssertionError("a rejected statement ran");
                                    } catch (SQLException e) {
                                        if (!"0AW00".equals(e.getSQLState())) {
                                            throw e;
                                        }
                                        tally.rejections.incrementAndGet();
                                    }
                                } else {
                                    try (ResultSet rs = plain.executeQuery(
                                            "SELECT display_name FROM people ORDER BY id LIMIT 20")) {
                                        while (rs.next()) {
                                            rs.getString(1);
                                        }
                                    }
                                }
                            }
                        }
                        tally.operations.incrementAndGet();
                    }
                }
            }
        } catch (Throwable t) {
            tally.failure.compareAndSet(null, t);
        }
    }

    private static void awaitClosed(String app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long open = -1;
        long backends = -1;
        while (System.nanoTime() < deadline) {
            open = Sidecars.metric(sidecar, "dualwrite_connections_open");
            backends = TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = '" + app + "'");
            if (open == 0 && backends == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(open + " client connections open in the sidecar, " + backends
                + " server sessions left");
    }

    /** Used heap after a full collection, and the Netty allocator's used direct memory. */
    private record Memory(long heap, long direct) {
        static Memory measure() {
            MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
            long heap = Long.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                System.gc();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                heap = Math.min(heap, bean.getHeapMemoryUsage().getUsed());
            }
            ByteBufAllocator a = ByteBufAllocator.DEFAULT;
            long direct = a instanceof ByteBufAllocatorMetricProvider p ? p.metric().usedDirectMemory() : 0;
            return new Memory(heap, direct);
        }

        @Override
        public String toString() {
            return String.format("heap %.1f MiB, direct %.1f MiB", heap / 1048576.0, direct / 1048576.0);
        }
    }
}
