package dev.dualwrite.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.ops.data.BackfillOptions;
import dev.dualwrite.ops.data.BackfillResult;
import dev.dualwrite.ops.data.Progress;
import dev.dualwrite.ops.data.Verify;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The backfill and the verify in one process against a real database: a composite primary key, NULLs in the old
 * column, values that only an exact comparison tells apart (case under a case-insensitive collation, the sixth
 * decimal, a microsecond, JSON spacing), planted differences found and named, {@code --restart}, workers, the
 * refusals (phase, no usable key, a second backfill at the same time).
 */
abstract class BackfillVerifyTest {
    static final int ROWS = 3000;

    TestDb db;
    String t;

    abstract TestDb open() throws Exception;

    /** Creates {@link #t}: PRIMARY KEY (tenant, id); note text (case-insensitive where possible), amount, at, doc. */
    abstract void create() throws SQLException;

    /** The JSON type of the database. */
    abstract String jsonLiteral(String json);

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        t = db.table("bf");
        create();
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (tenant, id, note, amount, at, doc)"
                     + " VALUES (?, ?, ?, ?, ?, " + jsonLiteral("?") + ")")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= ROWS; i++) {
                ps.setString(1, i % 3 == 0 ? "b" : "a");
                ps.setInt(2, i);
                ps.setString(3, i % 10 == 0 ? null : "Note " + i);
                ps.setBigDecimal(4, new java.math.BigDecimal("12345678.123456").add(java.math.BigDecimal.valueOf(i)));
                ps.setObject(5, java.time.OffsetDateTime.parse("2024-03-01T10:15:30.123456Z").plusSeconds(i));
                ps.setString(6, i % 7 == 0 ? null : "{\"n\": " + i + ", \"tags\": [\"x\"]}");
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
        Operations ops = ops("mirror");
        for (String col : List.of("note", "amount", "at", "doc")) {
            ops.apply(t + "." + col, "add-column", line -> { });
        }
    }

    /** Batches committed so far by the backfill of t.note; 0 before its tables exist. */
    long batchesCommitted() {
        try {
            return db.count("SELECT COALESCE(SUM(batches), 0) FROM " + control("dualwrite_backfill_segments")
                    + " WHERE window_key LIKE '%." + db.stored(t) + "." + db.stored("note") + "'");
        } catch (SQLException e) {
            return 0; // the backfill has not created its tables yet
        }
    }

    /** A key as verify names it. */
    String key(String tenant, int id) {
        return "(" + db.stored("tenant") + "=" + tenant + ", " + db.stored("id") + "=" + id + ")";
    }

    /** A control table's name as dualwrite creates it (quoted, lower case). */
    String control(String name) {
        return db.dialect().quote(name);
    }

    @AfterEach
    void tearDown() throws SQLException {
        db.close();
    }

    Operations ops(String phase) throws Exception {
        StringBuilder y = new StringBuilder("windows:\n");
        for (String[] w : new String[][] {{"note", "note2"}, {"amount", "amount2"}, {"at", "at2"}, {"doc", "doc2"}}) {
            y.append("  - table: ").append(t).append("\n    from: ").append(w[0]).append("\n    to: ").append(w[1])
                    .append("\n    phase: ").append(phase).append('\n');
        }
        return new Operations(db.target(), TestDb.windows(y.toString()), null);
    }

    /** Rows whose two columns read back differently through JDBC's text form (or differ in being NULL). */
    List<String> differingInJava(String from, String to) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, id, " + from + ", " + to + " FROM " + t + " ORDER BY tenant, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String a = rs.getString(3);
                String b = rs.getString(4);
                if (a == null ? b != null : !a.equals(b)) {
                    keys.add(rs.getString(1) + "/" + rs.getInt(2));
                }
            }
        }
        return keys;
    }

    @Test
    void copiesExactlyIncludingNullsAndFindsPlantedDifferences() throws Exception {
        // Values the new column holds before the copy that equal comparisons could take for the old ones.
        db.exec("UPDATE " + t + " SET note2 = UPPER(note) WHERE id <= 100",
                "UPDATE " + t + " SET note2 = 'was null' WHERE note IS NULL",
                "UPDATE " + t + " SET amount2 = amount + 0.000001 WHERE id <= 100",
                "UPDATE " + t + " SET doc2 = " + jsonLiteral("'{\"n\":1,\"tags\":[\"x\"]}'") + " WHERE id = 1");
        Operations ops = ops("mirror");
        Verify.Result dirty = ops.verify(t + ".note", 3, Progress.SILENT);
        assertEquals(ROWS, dirty.differing(), "every row differs before the copy (case and NULLs included)");
        assertEquals(List.of(key("a", 1), key("a", 2), key("a", 4)), dirty.sampleKeys());

        for (String col : List.of("note", "amount", "at", "doc")) {
            BackfillResult r = ops.backfill(t + "." + col, new BackfillOptions(0, 200, 0, 0, false, 1, false, 2000),
                    Progress.SILENT);
            assertTrue(r.complete());
            assertEquals(ROWS, r.rowsScanned());
            assertEquals(0, ops.verify(t + "." + col, 3, Progress.SILENT).differing(), col);
            assertEquals(List.of(), differingInJava(col, col + "2"), col + " copied exactly");
        }
        assertEquals(ROWS / 10, db.count("SELECT COUNT(*) FROM " + t + " WHERE note2 IS NULL"));

        // Plant differences behind the doors' back: found, counted, named; a plain rerun has nothing to do
        // (the run is complete); --restart repairs them.
        db.exec("UPDATE " + t + " SET note2 = 'planted' WHERE (tenant = 'a' AND id IN (5, 2000))"
                + " OR (tenant = 'b' AND id = 2001)");
        Verify.Result planted = ops.verify(t + ".note", 10, Progress.SILENT);
        assertEquals(3, planted.differing());
        assertEquals(ROWS, planted.rowsChecked());
        assertEquals(List.of(key("a", 5), key("a", 2000), key("b", 2001)), planted.sampleKeys());
        assertEquals(planted.differing(), db.count("SELECT differing FROM " + control("dualwrite_verify") + " WHERE window_key LIKE '%."
                + db.stored(t) + "." + db.stored("note") + "'"), "the result is recorded");
        assertTrue(ops.backfill(t + ".note", BackfillOptions.defaults(), Progress.SILENT).alreadyComplete());
        assertEquals(3, ops.verify(t + ".note", 10, Progress.SILENT).differing());
        BackfillResult restarted = ops.backfill(t + ".note", new BackfillOptions(0, 200, 0, 0, true, 1, false, 2000),
                Progress.SILENT);
        assertEquals(3, restarted.rowsUpdated());
        assertEquals(0, ops.verify(t + ".note", 10, Progress.SILENT).differing());
    }

    @Test
    void workersShareTheKeyRange() throws Exception {
        BackfillResult r = ops("read-new").backfill(t + ".note", new BackfillOptions(50, 200, 0, 0, false, 3, false,
                2000), Progress.SILENT);
        assertTrue(r.complete());
        assertEquals(ROWS, r.rowsScanned());
        assertTrue(db.count("SELECT segments FROM " + control("dualwrite_backfill") + " WHERE window_key LIKE '%." + db.stored(t) + "."
                + db.stored("note") + "'") > 1, "the range was split");
        assertEquals(List.of(), differingInJava("note", "note2"));
    }

    @Test
    void twoProcessesShareOneRunWithJoin() throws Exception {
        Operations ops = ops("mirror");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            BackfillOptions slow = new BackfillOptions(50, 200, 20, 0, false, 2, true, 2000);
            // The first process holds back after each batch until the second has done one of its own: whichever runs
            // faster, both take part (no assumption about how long the first needs for the whole range).
            java.util.concurrent.CountDownLatch secondWorks = new java.util.concurrent.CountDownLatch(1);
            Progress firstProgress = new Progress() {
                @Override
                public void start(String task, long total, long alreadyDone) {
                }

                @Override
                public void advance(long rows) {
                    try {
                        secondWorks.await(10, java.util.concurrent.TimeUnit.SECONDS); // well inside a 15 s lease
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void note(String line) {
                }

                @Override
                public void finish() {
                }
            };
            Progress secondProgress = new Progress() {
                @Override
                public void start(String task, long total, long alreadyDone) {
                }

                @Override
                public void advance(long rows) {
                    secondWorks.countDown();
                }

                @Override
                public void note(String line) {
                }

                @Override
                public void finish() {
                }
            };
            Future<BackfillResult> first = pool.submit(() -> ops.backfill(t + ".note", slow, firstProgress));
            long deadline = System.currentTimeMillis() + 30_000;
            while (batchesCommitted() == 0) {
                assertTrue(System.currentTimeMillis() < deadline, "the first backfill started");
                Thread.sleep(20);
            }
            // Another process (its own owner and leases) joins the same run.
            Future<BackfillResult> second = pool.submit(() -> ops.backfill(t + ".note", slow, secondProgress));
            BackfillResult a = first.get();
            BackfillResult b = second.get();
            assertTrue(a.rowsScanned() > 0 && b.rowsScanned() > 0, a + " / " + b);
            assertEquals(ROWS, a.rowsScanned() + b.rowsScanned(), "every row once, by one of them");
            assertTrue(a.complete() || b.complete());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), differingInJava("note", "note2"));
    }

    @Test
    void aLockedRowMakesItsBatchWaitAndRetryNotFail() throws Exception {
        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement st = holder.createStatement()) {
                st.executeUpdate("UPDATE " + t + " SET note2 = 'held' WHERE tenant = 'a' AND id = 1");
            }
            // Released only once a batch has waited for the row and given up: the watcher sees a session wait for the
            // row in the database's own view (so a slow start cannot skip the retry), then lets the batch's 2 s lock
            // timeout pass. Watching for the waiter to change instead proved unreliable on MariaDB, whose retry may
            // wait again before the watcher looks. The row is released in any case, so a failure here cannot hang.
            Thread release = new Thread(() -> {
                try (Connection watcher = db.connect()) {
                    // At most 4 s: where the view does not show the wait (seen on MariaDB in a full class run), the
                    // row is released after about 6.5 s, past the first attempt's lock timeout all the same.
                    awaitWaiter(watcher, null, 4_000);
                    Thread.sleep(2_500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    try {
                        holder.rollback();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            release.start();
            BackfillResult r = ops("mirror").backfill(t + ".note", BackfillOptions.defaults(), Progress.SILENT);
            release.join();
            assertTrue(r.complete());
            assertTrue(r.retries() >= 1, "retried: " + r);
        }
        assertEquals(List.of(), differingInJava("note", "note2"));
    }

    /**
     * Waits (up to {@code withinMillis}) for a session of the database waiting for a row lock whose statement is not
     * {@code other}: with {@code other} null, the first one seen; else the moment {@code other} stops waiting.
     *
     * @return the waiting statement's identity (session and start), or null when none waits (or none was seen in time)
     */
    private String awaitWaiter(Connection c, String other, long withinMillis) throws Exception {
        String sql;
        switch (db.dialect()) {
            case POSTGRESQL:
                sql = "SELECT pid || '@' || query_start FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()";
                break;
            case MYSQL:
                // The server is shared: only this database's sessions count.
                sql = "SELECT CONCAT(t.trx_id, '@', t.trx_wait_started) FROM information_schema.innodb_trx t"
                        + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
                        + " WHERE t.trx_state = 'LOCK WAIT' AND p.db = DATABASE()";
                break;
            default:
                sql = "SELECT SESSION_ID || '@' || EXECUTING_STATEMENT_START FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE BLOCKER_ID IS NOT NULL";
        }
        long deadline = System.currentTimeMillis() + withinMillis;
        while (true) {
            String seen = null;
            try (java.sql.Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                if (rs.next()) {
                    seen = rs.getString(1);
                }
            }
            if (other == null ? seen != null : !other.equals(seen)) {
                return seen;
            }
            if (System.currentTimeMillis() > deadline) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    @Test
    void pauseAndRateLimitSlowItDown() throws Exception {
        Operations ops = ops("mirror");
        long start = System.nanoTime();
        // Six batches of 500 with 300 ms after each of the first five: at least 1.5 s.
        ops.backfill(t + ".note", new BackfillOptions(500, 200, 300, 0, false, 1, false, 2000), Progress.SILENT);
        assertTrue(System.nanoTime() - start >= 1_400_000_000L, "paused");
        start = System.nanoTime();
        // 3000 rows at 1000 rows/s: the five paced batches cost 2.5 s, less at most 1 s of carried-over slack.
        ops.backfill(t + ".note", new BackfillOptions(500, 200, 0, 1000, true, 1, false, 2000), Progress.SILENT);
        assertTrue(System.nanoTime() - start >= 1_400_000_000L, "paced");
    }

    @Test
    void refusalsNameWhatToDo() throws Exception {
        String other = db.table("other");
        db.exec("CREATE TABLE " + other + " (id INT PRIMARY KEY, a VARCHAR(10), gone VARCHAR(10))");
        Operations ops = new Operations(db.target(), TestDb.windows("windows:\n  - table: " + other
                + "\n    from: a\n    to: b\n    phase: mirror\n  - table: " + other + "\n    drop: gone\n"), null);
        OpsException noColumn = assertThrows(OpsException.class, () -> ops.verify(other + ".a", 5, Progress.SILENT));
        assertEquals(1, noColumn.exitCode());
        assertTrue(noColumn.getMessage().contains("run dualwrite apply " + other + ".a add-column first"),
                noColumn.getMessage());
        OpsException drop = assertThrows(OpsException.class,
                () -> ops.backfill(other + ".gone", BackfillOptions.defaults(), Progress.SILENT));
        assertEquals(2, drop.exitCode());
        assertTrue(drop.getMessage().contains("is a drop window: there is nothing to backfill"), drop.getMessage());
    }

    @Test
    void refusedOutsideMirrorAndReadNew() throws Exception {
        OpsException e = assertThrows(OpsException.class,
                () -> ops("old-only").backfill(t + ".note", BackfillOptions.defaults(), Progress.SILENT));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("old-only"), e.getMessage());
        assertEquals(ROWS, db.count("SELECT COUNT(*) FROM " + t + " WHERE note2 IS NULL"));
    }

    @Test
    void aTableWithoutUsableKeyIsAClearError() throws Exception {
        String bare = db.table("nokey");
        db.exec("CREATE TABLE " + bare + " (a INT, b VARCHAR(10), c VARCHAR(10))",
                "CREATE UNIQUE INDEX " + bare + "_a ON " + bare + " (a)"); // unique but nullable: not usable
        Operations ops = new Operations(db.target(), TestDb.windows("windows:\n  - table: " + bare
                + "\n    from: b\n    to: c\n    phase: mirror\n"), null);
        OpsException e = assertThrows(OpsException.class,
                () -> ops.backfill(bare + ".b", BackfillOptions.defaults(), Progress.SILENT));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("no primary key and no unique key of NOT NULL columns"), e.getMessage());
        // With a unique NOT NULL key it walks that key.
        db.exec("DELETE FROM " + bare, db.dialect() == Dialect.MYSQL ? "ALTER TABLE " + bare + " MODIFY a INT NOT NULL"
                : "ALTER TABLE " + bare + " ALTER COLUMN a SET NOT NULL");
        db.exec("INSERT INTO " + bare + " (a, b) VALUES (1, 'x'), (2, NULL), (3, 'z')");
        BackfillResult r = ops.backfill(bare + ".b", BackfillOptions.defaults(), Progress.SILENT);
        assertEquals(3, r.rowsScanned());
        assertEquals(2, r.rowsUpdated());
        assertNull(db.string("SELECT c FROM " + bare + " WHERE a = 2"));
    }

    @Test
    void aSecondBackfillOfTheSameWindowIsRefusedWhileOneRuns() throws Exception {
        Operations ops = ops("mirror");
        List<String> notes = new CopyOnWriteArrayList<>();
        Progress watching = new Progress() {
            @Override
            public void start(String task, long total, long done) {
            }

            @Override
            public void advance(long rows) {
                notes.add("batch");
            }

            @Override
            public void note(String line) {
            }

            @Override
            public void finish() {
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<BackfillResult> first = pool.submit(() -> ops.backfill(t + ".note",
                    new BackfillOptions(100, 200, 100, 0, false, 1, false, 2000), watching));
            long deadline = System.currentTimeMillis() + 30_000;
            while (notes.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(notes.isEmpty(), "the first backfill is running");
            OpsException e = assertThrows(OpsException.class,
                    () -> ops.backfill(t + ".note", BackfillOptions.defaults(), Progress.SILENT));
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage().contains("another backfill of " + t + ".note is running"), e.getMessage());
            OpsException restart = assertThrows(OpsException.class, () -> ops.backfill(t + ".note",
                    new BackfillOptions(0, 200, 0, 0, true, 1, false, 2000), Progress.SILENT));
            assertTrue(restart.getMessage().contains("--restart"), restart.getMessage());
            // --join shares the run: its one segment is held, so this process has nothing to take and ends.
            BackfillResult joined = ops.backfill(t + ".note", new BackfillOptions(0, 200, 0, 0, false, 1, true, 2000),
                    Progress.SILENT);
            assertEquals(0, joined.rowsScanned());
            BackfillResult done = first.get();
            assertTrue(done.complete());
            assertEquals(ROWS, done.rowsScanned());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), differingInJava("note", "note2"));
    }

    @Test
    void tablesOfTheControlFamilyAreCreatedInTheChosenSchema() throws Exception {
        String schema = db.dialect() == Dialect.MYSQL ? null : db.table("ctl");
        if (schema == null) {
            return; // a MariaDB schema is a database: covered by the command line's --schema test
        }
        db.dropOnClose("DROP SCHEMA IF EXISTS " + schema + (db.dialect() == Dialect.H2 ? " CASCADE" : " CASCADE"));
        Operations ops = new Operations(db.target(), TestDb.windows("windows:\n  - table: " + t
                + "\n    from: note\n    to: note2\n    phase: mirror\n"), schema);
        ops.backfill(t + ".note", BackfillOptions.defaults(), Progress.SILENT);
        assertEquals(1, db.count("SELECT COUNT(*) FROM " + schema + "." + control("dualwrite_backfill")
                + " WHERE state = 'done'"));
    }
}
