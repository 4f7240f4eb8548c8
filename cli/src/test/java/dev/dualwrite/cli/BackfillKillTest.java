package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.ops.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill as a separate process while an old-version and a new-version application write through
 * {@code jdbc:dualwrite:} in mirror: it is killed with {@code kill -9} in the middle, the rerun resumes from the last
 * committed batch (a row changed behind dualwrite's back before the checkpoint stays changed, and the rows scanned by
 * both runs add up to the table exactly once), and finishes; verify then finds, counts and names the planted rows,
 * {@code --restart} repairs them, and verify reports 0 with the writers' rows included.
 */
abstract class BackfillKillTest {
    static final int ROWS = 20_000;
    static final int WRITERS_FROM = ROWS / 2; // the writers touch ids from here on; the planted rows lie below

    @TempDir
    Path dir;
    TestDb db;
    String people;
    Path config;
    final AtomicBoolean stop = new AtomicBoolean();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong statements = new AtomicLong();

    abstract TestDb open() throws Exception;

    /** The URL for the command line (reachable from another process). */
    String cliUrl() {
        return db.url();
    }

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        people = db.table("people");
        db.exec("CREATE TABLE " + people + " (id BIGINT PRIMARY KEY, full_name VARCHAR(200), email VARCHAR(200))");
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + people + " VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= ROWS; i++) {
                ps.setLong(1, i);
                ps.setString(2, i % 50 == 0 ? null : "Person " + i);
                ps.setString(3, "p" + i + "@example.com");
                ps.addBatch();
                if (i % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            c.commit();
        }
        config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: " + people + "\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n", StandardCharsets.UTF_8);
    }

    @AfterEach
    void tearDown() throws Exception {
        stop.set(true);
        db.close();
        afterDatabase();
    }

    /** Runs after the database's tables are dropped. */
    void afterDatabase() {
    }

    String[] args(String... command) {
        String[] common = {"--url", cliUrl(), "--config", config.toString()};
        String[] all = new String[command.length + common.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(common, 0, all, command.length, common.length);
        return all;
    }

    /** A connection through the JDBC door with this run's dualwrite.yaml. */
    Connection door() throws SQLException {
        Properties p = new Properties();
        p.setProperty("dualwrite.config", config.toString());
        return DriverManager.getConnection("jdbc:dualwrite:" + db.url().substring("jdbc:".length()), p);
    }

    /**
     * An application version writing through the door with the only name it knows: inserts above the backfill's
     * bound, updates of existing rows from {@link #WRITERS_FROM} on.
     */
    Thread writer(String column, long firstNewId) {
        Thread t = new Thread(() -> {
            try (Connection c = door();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + people + " (id, " + column
                         + ", email) VALUES (?, ?, ?)");
                 PreparedStatement update = c.prepareStatement("UPDATE " + people + " SET " + column
                         + " = ? WHERE id = ?")) {
                long next = firstNewId;
                while (!stop.get()) {
                    try {
                        if (ThreadLocalRandom.current().nextBoolean()) {
                            insert.setLong(1, next++);
                            insert.setString(2, column + " " + next);
                            insert.setString(3, "w" + next + "@example.com");
                            insert.executeUpdate();
                        } else {
                            long id = WRITERS_FROM + ThreadLocalRandom.current().nextInt(ROWS - WRITERS_FROM) + 1;
                            update.setString(1, ThreadLocalRandom.current().nextInt(10) == 0 ? null
                                    : column + " update " + System.nanoTime());
                            update.setLong(2, id);
                            update.executeUpdate();
                        }
                        statements.incrementAndGet();
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "writer-" + column);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The checkpoint of the window's one segment: last key, rows scanned, batches; null before there is one. */
    long[] checkpoint() throws SQLException {
        try {
            return readCheckpoint();
        } catch (SQLException e) {
            if (db.count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'dualwrite_backfill_segments'")
                    == 0) {
                return null; // the backfill process has not created its tables yet
            }
            // The tables may have been created between the failed read and the look at the catalog: read again, and
            // let a second failure through.
            return readCheckpoint();
        }
    }

    private long[] readCheckpoint() throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT last_key, rows_scanned,"
                + " batches FROM " + db.dialect().quote("dualwrite_backfill_segments") + " WHERE window_key LIKE ?")) {
            ps.setString(1, "%." + db.stored(people) + "." + db.stored("full_name"));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String last = rs.getString(1);
                return new long[] {last == null ? 0 : Long.parseLong(last), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    @Test
    void killedBackfillResumesAndVerifyFindsWhatWasPlanted() throws Exception {
        Cli.Result add = Cli.run(args("apply", people + ".full_name", "add-column"));
        assertEquals(0, add.exit(), add.toString());
        Path out = dir.resolve("first.out");
        Path err = dir.resolve("first.err");
        Process first = Cli.start(java.util.Map.of(), out, err,
                args("backfill", people + ".full_name", "--batch-size", "250", "--pause-ms", "40"));
        long deadline = System.currentTimeMillis() + 120_000;
        long[] seen = null;
        Thread oldVersion = null;
        Thread newVersion = null;
        while (System.currentTimeMillis() < deadline) {
            seen = checkpoint();
            if (seen != null && oldVersion == null) {
                // The run has fixed its bound (the highest id at its start): the writers' new rows lie above it.
                oldVersion = writer("full_name", 1_000_000);
                newVersion = writer("display_name", 2_000_000);
            }
            if (seen != null && seen[2] >= 12) {
                break;
            }
            if (!first.isAlive()) {
                fail("the backfill ended before it could be killed:\n" + Files.readString(out) + Files.readString(err));
            }
            Thread.sleep(20);
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no last word
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "killed by signal 9");
        long[] killed = checkpoint();
        assertTrue(killed[0] >= 12 * 250 && killed[0] < ROWS, "killed in the middle: " + killed[0]);
        assertEquals(killed[2] * 250, killed[1], "whole batches only");

        // Behind dualwrite's back, rows the first run already copied: the rerun must not scan them again.
        db.exec("UPDATE " + people + " SET display_name = 'planted' WHERE id IN (7, 1234)");

        Cli.Result rerun = Cli.run(args("backfill", people + ".full_name", "--batch-size", "250"));
        assertEquals(0, rerun.exit(), rerun.toString());
        assertTrue(rerun.out().contains("resuming the backfill of " + people + ".full_name"), rerun.toString());
        assertTrue(rerun.out().contains(killed[1] + " rows done in earlier runs"), rerun.toString());
        assertTrue(rerun.out().contains((ROWS - killed[1]) + " rows scanned"), rerun.toString());
        assertTrue(rerun.err().contains("backfill " + people + ".full_name: ") && rerun.err().contains("rows/s"),
                "plain progress lines without a terminal:\n" + rerun.err());
        long[] finished = checkpoint();
        assertEquals(ROWS, finished[1], "each row of the bound scanned exactly once over both runs");
        assertEquals("planted", db.string("SELECT display_name FROM " + people + " WHERE id = 7"));

        Thread.sleep(300);
        stop.set(true);
        oldVersion.join(10_000);
        newVersion.join(10_000);
        assertEquals(List.of(), List.copyOf(failures), "no writer statement failed");
        assertTrue(statements.get() > 50, "the writers ran: " + statements.get());

        Cli.Result verify = Cli.run(args("verify", people + ".full_name", "--samples", "5"));
        assertEquals(1, verify.exit(), verify.toString());
        assertTrue(verify.out().contains(": 2 of "), verify.toString());
        assertTrue(verify.out().contains(db.stored("id") + "=7\n") && verify.out().contains(db.stored("id")
                + "=1234\n"), verify.toString());

        Cli.Result restart = Cli.run(args("backfill", people + ".full_name", "--restart"));
        assertEquals(0, restart.exit(), restart.toString());
        assertTrue(restart.out().contains("--restart"), restart.toString());
        Cli.Result clean = Cli.run(args("verify", people + ".full_name"));
        assertEquals(0, clean.exit(), clean.toString());
        assertTrue(clean.out().contains(": 0 of "), clean.toString());
        assertEquals(db.count("SELECT COUNT(*) FROM " + people), Long.parseLong(clean.out().replaceAll(
                "(?s).*: 0 of (\\d+) rows.*", "$1").strip()), "the verify covered the writers' rows too");
        assertTrue(db.count("SELECT COUNT(*) FROM " + people + " WHERE id >= 1000000") > 0);
    }
}
