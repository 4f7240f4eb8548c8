package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.ExternalPrograms.Started;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql through the sidecar: several statements in one Query message, psql's own catalog queries ({@code \d}), COPY
 * in both directions (plain tables byte for byte, window tables renamed or refused), and cancelling a running
 * statement with Ctrl-C (psql sends a CancelRequest on a connection of its own).
 * <p>
 * Windows: {@code people.full_name -> display_name} in mirror (both columns exist) and
 * {@code legacy_items.title -> name} in new-only (only {@code name} exists).
 */
@Tag("database")
@Tag("process")
class PsqlTest {
    private static Path psql;
    private static String db;
    private static ManualConfigSource config;
    private static SidecarServer sidecar;

    @BeforeAll
    static void start() throws SQLException {
        psql = ExternalPrograms.require("psql");
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("psql");
        TestPostgres.execute(db,
                "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text, email text)",
                "CREATE TABLE legacy_items (id int PRIMARY KEY, name text)",
                "CREATE TABLE notes (id int PRIMARY KEY, body text, created date)");
        config = new ManualConfigSource(Configuration.builder()
                .rename("people", "full_name", "display_name", Phase.MIRROR)
                .rename("legacy_items", "title", "name", Phase.NEW_ONLY)
                .build());
        sidecar = Sidecars.start(config);
    }

    @AfterAll
    static void stop() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    @BeforeEach
    void empty() throws SQLException {
        TestPostgres.execute(db, "TRUNCATE people, legacy_items, notes");
    }

    private static Run psql(Object... args) {
        return new Run(psql, "-X", "-h", Sidecars.host(sidecar), "-p", Sidecars.port(sidecar), "-U", "postgres",
                "-d", db).args(args).timeout(Duration.ofSeconds(60));
    }

    @Test
    void severalStatementsInOneQueryAreEachRewritten() throws SQLException {
        Result r = psql("-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c",
                "INSERT INTO people (id, full_name) VALUES (1, 'Ada'); "
                        + "UPDATE people SET display_name = 'Ada Lovelace' WHERE id = 1; "
                        + "/* people.full_name in a comment */ SELECT id, display_name, 'full_name' AS literal"
                        + " FROM people WHERE id = 1; "
                        + "INSERT INTO people (id, display_name, email) VALUES (2, 'Grace', 'g@example.org')"
                        + " RETURNING id, full_name").run();
        assertEquals(0, r.exit(), r::describe);
        assertEquals(List.of("1|Ada Lovelace|full_name", "2|Grace"), lines(r.out()), r::describe);
        assertEquals("Ada Lovelace|Ada Lovelace", both(1));
        assertEquals("Grace|Grace", both(2));
    }

    @Test
    void aRejectedStatementFailsItsWholeQueryMessageLikeAServerError() throws SQLException {
        // A multi-statement Query is one implicit transaction: the INSERT before the refused UPDATE must not stay.
        Result r = psql("-q", "-A", "-t", "-c", "INSERT INTO people (id, full_name) VALUES (3, 'Cy'); "
                + "UPDATE people SET full_name = md5(random()::text) WHERE id = 3", "-c", "SELECT count(*) FROM people")
                .run();
        assertTrue(r.err().contains("dualwrite rejected the statement")
                && r.err().contains("people.full_name -> display_name"), r::describe);
        assertEquals(List.of("0"), lines(r.out()), () -> "psql must go on after the error, nothing inserted\n"
                + r.describe());
        assertEquals(0, TestPostgres.queryLong(db, "SELECT count(*) FROM people"));
    }

    @Test
    void aSingleByteClientEncodingSurvivesTheRewrite() throws SQLException {
        String name = "Zo\u00eb \u00c5ngstr\u00f6m";
        byte[] script = String.join("\n",
                "INSERT INTO people (id, full_name) VALUES (5, '" + name + "');",
                "SELECT count(*) FROM people WHERE display_name = '" + name + "';",
                "SET client_encoding = 'WIN1252';",
                "UPDATE people SET display_name = '" + name + " \u00df' WHERE id = 5;", "")
                .getBytes(StandardCharsets.ISO_8859_1);
        Result r = psql("-q", "-A", "-t", "-v", "ON_ERROR_STOP=1").env("PGCLIENTENCODING", "LATIN1").stdin(script)
                .run();
        assertEquals(0, r.exit(), r::describe);
        assertEquals(List.of("1"), lines(r.out()), r::describe);
        assertEquals(name + " \u00df|" + name + " \u00df", both(5));
    }

    @Test
    void describeTableAndListTables() {
        Result d = psql("-c", "\\d people").run();
        assertEquals(0, d.exit(), d::describe);
        for (String expected : List.of("Table \"public.people\"", "full_name", "display_name", "email",
                "people_pkey")) {
            assertTrue(d.out().contains(expected), () -> "missing " + expected + "\n" + d.describe());
        }
        Result dt = psql("-c", "\\dt", "-c", "\\d+ legacy_items", "-c", "\\l " + db).run();
        assertEquals(0, dt.exit(), dt::describe);
        for (String expected : List.of("people", "legacy_items", "notes", "Table \"public.legacy_items\"", db)) {
            assertTrue(dt.out().contains(expected), () -> "missing " + expected + "\n" + dt.describe());
        }
        assertTrue(dt.err().isEmpty(), dt::describe);
    }

    @Test
    void copyOfAPlainTableRoundTripsByteForByte() throws SQLException {
        // 30000 rows: several CopyData messages each way, and more than the sidecar's write buffer holds.
        String data = IntStream.rangeClosed(1, 30_000)
                .mapToObj(i -> i + "\tnote number " + i + " with a tab-free text ü€ " + "x".repeat(i % 50)
                        + "\t2024-01-" + String.format("%02d", 1 + i % 28))
                .collect(Collectors.joining("\n", "", "\n"));
        Result in = psql("-v", "ON_ERROR_STOP=1", "-c", "\\copy notes from stdin").stdin(data).run();
        assertEquals(0, in.exit(), in::describe);
        assertTrue(in.out().contains("COPY 30000"), in::describe);
        assertEquals(30_000, TestPostgres.queryLong(db, "SELECT count(*) FROM notes"));

        Result out = psql("-v", "ON_ERROR_STOP=1", "-c", "COPY (SELECT * FROM notes ORDER BY id) TO STDOUT").run();
        assertEquals(0, out.exit(), out::describe);
        assertEquals(data, out.out(), "COPY TO STDOUT must return exactly what COPY FROM STDIN loaded");

        Result psqlCopy = psql("-v", "ON_ERROR_STOP=1", "-c", "\\copy notes (id, body) to stdout with (format csv)")
                .run();
        assertEquals(0, psqlCopy.exit(), psqlCopy::describe);
        assertEquals(30_000, lines(psqlCopy.out()).size(), psqlCopy::describe);
    }

    @Test
    void copyOutOfAWindowTableReadsThroughTheWindow() throws SQLException {
        // Physically different values, so the output shows which column was read: mirror reads come from full_name.
        TestPostgres.execute(db, "INSERT INTO people (id, full_name, display_name) VALUES"
                + " (1, 'from-column', 'to-column'), (2, 'b-from', 'b-to')");
        Result query = psql("-v", "ON_ERROR_STOP=1",
                "-c", "COPY (SELECT id, display_name FROM people ORDER BY id) TO STDOUT").run();
        assertEquals(0, query.exit(), query::describe);
        assertEquals(List.of("1\tfrom-column", "2\tb-from"), lines(query.out()), query::describe);

        Result table = psql("-v", "ON_ERROR_STOP=1", "-c", "\\copy people (id, display_name) to stdout").run();
        assertEquals(0, table.exit(), table::describe);
        assertEquals(List.of("1\tfrom-column", "2\tb-from"), lines(table.out()), table::describe);
    }

    @Test
    void copyIntoANewOnlyWindowTableUsesTheNewColumn() throws SQLException {
        Result in = psql("-v", "ON_ERROR_STOP=1", "-c", "\\copy legacy_items (id, title) from stdin")
                .stdin("1\tfirst\n2\tsecond\n").run();
        assertEquals(0, in.exit(), in::describe);
        assertEquals("first,second", TestPostgres.queryValue(db,
                "SELECT string_agg(name, ',' ORDER BY id) FROM legacy_items"));
        Result out = psql("-v", "ON_ERROR_STOP=1", "-c", "\\copy legacy_items (id, title) to stdout").run();
        assertEquals(0, out.exit(), out::describe);
        assertEquals(List.of("1\tfirst", "2\tsecond"), lines(out.out()), out::describe);
    }

    @Test
    void copyIntoAMirroredColumnIsRefusedAndTheSessionGoesOn() throws SQLException {
        // COPY cannot write a second column: it must be refused with a clear error, never load only full_name.
        Result r = psql("-A", "-t", "-c", "\\copy people (id, full_name) from stdin", "-c",
                "SELECT 'still connected'").stdin("1\tAda\n2\tGrace\n").run();
        assertTrue(r.err().contains("dualwrite rejected the statement") && r.err().contains("COPY"), r::describe);
        assertTrue(r.out().contains("still connected"), r::describe);
        assertEquals(0, TestPostgres.queryLong(db, "SELECT count(*) FROM people"));
    }

    @Test
    void ctrlCCancelsARunningStatement() throws Exception {
        String marker = "/* " + TestPostgres.unique("cancel") + " */";
        Started p = psql("-c", marker + " SELECT pg_sleep(30)").timeout(Duration.ofSeconds(40)).start();
        awaitActive(marker);
        long sent = System.nanoTime();
        p.signal("INT");
        Result r = p.await(Duration.ofSeconds(15));
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertNotEquals(0, r.exit(), r::describe);
        assertTrue(r.err().contains("canceling statement due to user request"), r::describe);
        assertTrue(tookMs < 10_000, () -> "the cancel took " + tookMs + " ms\n" + r.describe());
        assertEquals(0, TestPostgres.queryLong(db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE '%" + marker.substring(3, marker.length() - 3) + "%' AND pid <> pg_backend_pid()"));
    }

    @Test
    void aMigrationThatFailsInsideATransactionCanBeRolledBack() {
        // DDL makes the sidecar re-read the catalog before the next statement, which here is the ROLLBACK of an
        // aborted transaction.
        Result r = psql("-A", "-t").stdin(String.join("\n",
                "BEGIN;",
                "ALTER TABLE notes ADD COLUMN body text;",
                "ROLLBACK;",
                "SELECT 'after rollback';", "")).timeout(Duration.ofSeconds(10)).run();
        assertTrue(r.err().contains("column \"body\" of relation \"notes\" already exists"), r::describe);
        assertTrue(r.out().contains("after rollback"), r::describe);
    }

    @Test
    void rollbackAfterAnErrorCompletesWhenThePhaseChangedMeanwhile(@TempDir Path handshake) throws Exception {
        // A psql session whose transaction failed; while it sits there, the window moves on; then ROLLBACK.
        Path ready = handshake.resolve("ready");
        Path go = handshake.resolve("go");
        String script = String.join("\n",
                "SELECT display_name FROM people;",
                "BEGIN;",
                "SELECT 1/0;",
                "\\! touch '" + ready + "'; while [ ! -f '" + go + "' ]; do sleep 0.05; done",
                "ROLLBACK;",
                "SELECT 'after rollback';", "");
        Started p = psql("-A", "-t").stdin(script).timeout(Duration.ofSeconds(20)).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!Files.exists(ready) && p.process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            config.set(Configuration.builder()
                    .rename("people", "full_name", "display_name", Phase.READ_NEW)
                    .rename("legacy_items", "title", "name", Phase.NEW_ONLY)
                    .build());
            Files.writeString(go, "go");
            Result r = p.await(Duration.ofSeconds(10));
            assertTrue(r.out().contains("after rollback"), r::describe);
            assertTrue(r.err().contains("division by zero") && !r.err().contains("does not exist"), r::describe);
        } finally {
            config.set(Configuration.builder()
                    .rename("people", "full_name", "display_name", Phase.MIRROR)
                    .rename("legacy_items", "title", "name", Phase.NEW_ONLY)
                    .build());
        }
    }

    /** Waits until a statement carrying {@code marker} is running on the server. */
    static void awaitActive(String marker) throws Exception {
        String key = marker.replace("/*", "").replace("*/", "").trim();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                    + " AND query LIKE '%" + key + "%' AND pid <> pg_backend_pid()") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the statement marked " + key + " never started on the server");
    }

    private static String both(int id) throws SQLException {
        return TestPostgres.queryValue(db, "SELECT full_name || '|' || display_name FROM people WHERE id = " + id);
    }

    static List<String> lines(String out) {
        return out.lines().filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }
}
