package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * pgjdbc through the sidecar with server-side prepared statements ({@code prepareThreshold=1}: a named statement
 * from the first execution, then Bind/Execute only; {@code -1}: named and binary from the start). Window
 * {@code people.full_name -> display_name}; each test starts in mirror. The statements the server actually prepared
 * are read back from {@code pg_prepared_statements} on the same connection.
 * <p>
 * Covered: rewriting and renumbering of named statements, parameter metadata, phase changes (and a drop window added)
 * between executions of a prepared statement, SELECT * across phases, batches, fetch sizes, binary values,
 * rejections, cancel, LISTEN/NOTIFY, and what the sidecar does between the client's statements (its catalog
 * question) when the client is inside a transaction, in a failed one, or on a schema of its own.
 */
@Tag("database")
class PgJdbcTest {
    @RegisterExtension
    static final SidecarDatabase PG = SidecarDatabase.named("pgjdbc",
            "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text,"
                + " email text, phone_number text, born timestamp)");



    @BeforeEach
    void reset() throws SQLException {
        phase(Phase.MIRROR);
        TestPostgres.execute(PG.db(), "TRUNCATE people");
    }

    @AfterEach
    void backToMirror() {
        phase(Phase.MIRROR);
    }

    private static void phase(Phase phase) {
        PG.config().set(Configuration.builder().rename("people", "full_name", "display_name", phase).build());
    }

    private static void phaseWithDrop(Phase phase) {
        PG.config().set(Configuration.builder().rename("people", "full_name", "display_name", phase)
                .drop("people", "phone_number").build());
    }

    private static Connection open(int prepareThreshold) throws SQLException {
        return Sidecars.connect(PG.sidecar(), PG.db(), "prepareThreshold=" + prepareThreshold);
    }

    private static String physical(int id) throws SQLException {
        return TestPostgres.queryValue(PG.db(), "SELECT coalesce(full_name, 'null') || '/' || coalesce(display_name,"
                + " 'null') FROM people WHERE id = " + id);
    }

    /** The statements the server holds prepared for this session. */
    private static List<String> preparedOnServer(Connection c) throws SQLException {
        List<String> s = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT statement FROM pg_prepared_statements ORDER BY statement")) {
            while (rs.next()) {
                s.add(rs.getString(1));
            }
        }
        return s;
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {1, -1})
    void namedStatementsAreRewrittenAndBoundInTheApplicationsNumbering(int threshold) throws SQLException {
        try (Connection c = open(threshold);
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO people (id, full_name, email, born) VALUES (?, ?, ?, ?)");
                PreparedStatement read = c.prepareStatement(
                        "SELECT p.display_name, p.email, p.born FROM people p WHERE p.id = ?")) {
            Timestamp born = Timestamp.valueOf("1815-12-10 10:00:00");
            for (int i = 1; i <= 5; i++) {
                insert.setInt(1, i);
                insert.setString(2, "name " + i);
                insert.setString(3, "e" + i + "@example.org");
                insert.setTimestamp(4, born);
                assertEquals(1, insert.executeUpdate());
            }
            for (int i = 1; i <= 5; i++) {
                read.setInt(1, i);
                try (ResultSet rs = read.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("display_name", rs.getMetaData().getColumnLabel(1));
                    assertEquals("name " + i, rs.getString("display_name"));
                    assertEquals("e" + i + "@example.org", rs.getString(2));
                    assertEquals(born, rs.getTimestamp(3));
                }
                assertEquals("name " + i + "/name " + i, physical(i));
            }
            List<String> prepared = preparedOnServer(c);
            assertTrue(prepared.stream().anyMatch(s -> s.contains("full_name") && s.contains("display_name")
                    && s.startsWith("INSERT")), () -> "the server holds the rewritten INSERT: " + prepared);
            assertTrue(prepared.stream().anyMatch(s -> s.contains("p.full_name AS display_name")),
                    () -> "the server holds the rewritten SELECT: " + prepared);
        }
    }

    @Test
    void parameterMetadataIsInTheApplicationsNumbering() throws SQLException {
        try (Connection c = open(1); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO people (id, full_name, born) VALUES (?, ?, ?)")) {
            // Physically four parameters ($2 goes to both columns); the application declared three.
            assertEquals(3, ps.getParameterMetaData().getParameterCount());
            assertEquals("int4", ps.getParameterMetaData().getParameterTypeName(1));
            assertEquals("text", ps.getParameterMetaData().getParameterTypeName(2));
            assertEquals("timestamp", ps.getParameterMetaData().getParameterTypeName(3));
        }
    }

    @Test
    void aPreparedReadRunsWithTheNewRewriteAfterAPhaseChange() throws SQLException {
        TestPostgres.execute(PG.db(), "INSERT INTO people (id, full_name, display_name) VALUES (1, 'from-col', 'to-col')");
        try (Connection c = open(1);
                PreparedStatement read = c.prepareStatement("SELECT display_name FROM people WHERE id = ?")) {
            for (int i = 0; i < 3; i++) {
                assertEquals("from-col", readOne(read, 1), "mirror reads come from full_name");
            }
            phase(Phase.READ_NEW);
            assertEquals("to-col", readOne(read, 1), "read-new: the same prepared statement must read display_name");
            assertEquals("to-col", readOne(read, 1));
            phase(Phase.MIRROR);
            assertEquals("from-col", readOne(read, 1), "and back in mirror, full_name again");
            phase(Phase.NEW_ONLY);
            assertEquals("to-col", readOne(read, 1));
        }
    }

    @Test
    void aPreparedWriteRunsWithTheNewRewriteAfterAPhaseChange() throws SQLException {
        try (Connection c = open(1);
                PreparedStatement insert = c.prepareStatement("INSERT INTO people (id, full_name) VALUES (?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE people SET full_name = ? WHERE id = ?")) {
            for (int i = 1; i <= 3; i++) {
                insert(insert, i, "mirror " + i);
                assertEquals("mirror " + i + "/mirror " + i, physical(i));
            }
            phase(Phase.NEW_ONLY);
            insert(insert, 4, "new-only");
            assertEquals("null/new-only", physical(4), "new-only writes only display_name");
            update.setString(1, "updated");
            update.setInt(2, 1);
            assertEquals(1, update.executeUpdate());
            assertEquals("mirror 1/updated", physical(1));
            phase(Phase.OLD_ONLY);
            insert(insert, 5, "old-only");
            assertEquals("old-only/null", physical(5), "old-only writes only full_name");
            phase(Phase.MIRROR);
            insert(insert, 6, "mirror again");
            assertEquals("mirror again/mirror again", physical(6));
        }
    }

    @Test
    void aDropWindowAddedBetweenExecutionsRenumbersTheBind() throws SQLException {
        try (Connection c = open(1); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO people (id, phone_number, full_name, email) VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= 2; i++) {
                insertWithPhone(insert, i);
            }
            assertEquals("555-1", TestPostgres.queryValue(PG.db(), "SELECT phone_number FROM people WHERE id = 1"));
            phaseWithDrop(Phase.MIRROR);
            insertWithPhone(insert, 3);
            assertNull(TestPostgres.queryValue(PG.db(), "SELECT phone_number FROM people WHERE id = 3"),
                    "the dropped column is no longer written");
            assertEquals("name 3/name 3", physical(3));
            assertEquals("e3@example.org", TestPostgres.queryValue(PG.db(), "SELECT email FROM people WHERE id = 3"));
            phase(Phase.MIRROR);
            insertWithPhone(insert, 4);
            assertEquals("555-4", TestPostgres.queryValue(PG.db(), "SELECT phone_number FROM people WHERE id = 4"));
        }
    }

    @Test
    void setTransactionRightAfterBeginStillWorksWhenTheConfigurationChangedInBetween() throws SQLException {
        // The sidecar may ask the server about the catalog on the client's connection, but refreshes it only between
        // the client's transactions: right after BEGIN it would take the snapshot before SET TRANSACTION, which must
        // come first. (Inside one it reads only a table a statement names, and SET TRANSACTION names none.)
        try (Connection c = open(0); Statement s = c.createStatement()) {
            s.execute("SELECT display_name FROM people");
            s.execute("BEGIN");
            phase(Phase.READ_NEW);
            s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
            try (ResultSet rs = s.executeQuery("SELECT current_setting('transaction_isolation')")) {
                assertTrue(rs.next());
                assertEquals("serializable", rs.getString(1));
            }
            s.execute("COMMIT");
        }
    }

    @Test
    void rollbackOfAnAbortedTransactionAfterAPhaseChangeCompletes() throws SQLException {
        try (Connection c = Sidecars.connect(PG.sidecar(), PG.db(), "socketTimeout=8"); Statement s = c.createStatement()) {
            s.execute("SELECT display_name FROM people");
            s.execute("BEGIN");
            assertThrows(SQLException.class, () -> s.execute("SELECT 1/0"));
            phase(Phase.READ_NEW);
            long t0 = System.nanoTime();
            s.execute("ROLLBACK");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "ROLLBACK took " + ms + " ms");
            try (ResultSet rs = s.executeQuery("SELECT 42")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void aPhaseChangeWhileTheTransactionIsAbortedLeavesPreparedStatementsUsableAfterRollback() throws SQLException {
        TestPostgres.execute(PG.db(), "INSERT INTO people (id, full_name, display_name) VALUES (1, 'from-col', 'to-col')");
        try (Connection c = Sidecars.connect(PG.sidecar(), PG.db(), "prepareThreshold=1&socketTimeout=8");
                PreparedStatement read = c.prepareStatement("SELECT display_name FROM people WHERE id = ?")) {
            c.setAutoCommit(false);
            assertEquals("from-col", readOne(read, 1));
            assertEquals("from-col", readOne(read, 1));
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute("SELECT 1/0"));
            }
            phase(Phase.READ_NEW);
            SQLException aborted = assertThrows(SQLException.class, () -> readOne(read, 1));
            assertEquals("25P02", aborted.getSQLState(), aborted::toString);
            c.rollback();
            assertEquals("to-col", readOne(read, 1), "after the rollback the statement runs with the new rewrite");
            c.commit();
        }
    }

    @Test
    void selectStarIsExpandedWithTheTableTheSessionsSearchPathFinds() throws SQLException {
        // Schema-per-tenant: the same table name in two schemas with different columns, each session on its own
        // search_path. Read-new expands SELECT * from the catalog, which must be the one this session sees.
        TestPostgres.execute(PG.db(), "CREATE SCHEMA IF NOT EXISTS tenant_a", "CREATE SCHEMA IF NOT EXISTS tenant_b",
                "DROP TABLE IF EXISTS tenant_a.people, tenant_b.people",
                "CREATE TABLE tenant_a.people (id int, full_name text, display_name text, only_in_a text)",
                "CREATE TABLE tenant_b.people (id int, full_name text, display_name text, only_in_b text)",
                "INSERT INTO tenant_a.people VALUES (1, 'a-from', 'a-to', 'a')",
                "INSERT INTO tenant_b.people VALUES (1, 'b-from', 'b-to', 'b')");
        SidecarServer readNew = Sidecars.start(Sidecars.rename("people", "full_name", "display_name",
                Phase.READ_NEW));
        try {
            for (String tenant : List.of("tenant_a", "tenant_b", "tenant_a")) {
                try (Connection c = Sidecars.connect(readNew, PG.db(), "currentSchema=" + tenant);
                        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM people")) {
                    List<String> labels = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        labels.add(rs.getMetaData().getColumnLabel(i));
                    }
                    String other = tenant.equals("tenant_a") ? "only_in_b" : "only_in_a";
                    String own = tenant.equals("tenant_a") ? "only_in_a" : "only_in_b";
                    assertTrue(labels.contains(own) && !labels.contains(other), tenant + ": " + labels);
                    assertTrue(rs.next());
                    assertEquals(tenant.substring(7) + "-to", rs.getString("full_name"), tenant);
                }
            }
        } finally {
            readNew.close();
            TestPostgres.execute(PG.db(), "DROP SCHEMA tenant_a, tenant_b CASCADE");
        }
    }

    @Test
    void notificationsReachTheListener() throws Exception {
        try (Connection listener = open(0); Connection notifier = open(0)) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN people_changed");
            }
            try (Statement s = notifier.createStatement()) {
                s.execute("UPDATE people SET full_name = 'x' WHERE id = -1");
                s.execute("NOTIFY people_changed, 'payload \u00e9'");
            }
            PGNotification[] got = listener.unwrap(PGConnection.class)
                    .getNotifications(5000);
            assertTrue(got != null && got.length == 1, "one notification");
            assertEquals("people_changed", got[0].getName());
            assertEquals("payload \u00e9", got[0].getParameter());
        }
    }

    @Test
    void aPreparedSelectStarKeepsItsShapeAcrossPhases() throws SQLException {
        TestPostgres.execute(PG.db(), "INSERT INTO people (id, full_name, display_name, phone_number)"
                + " VALUES (1, 'from-col', 'to-col', '555')");
        try (Connection c = open(1); PreparedStatement star = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
            String[] phases = {"mirror", "read-new", "new-only", "read-new", "mirror", "mirror+drop"};
            for (String step : phases) {
                if (step.equals("mirror+drop")) {
                    phaseWithDrop(Phase.MIRROR);
                } else {
                    phase(Phase.fromConfigName(step));
                }
                for (int i = 0; i < 2; i++) {
                    star.setInt(1, 1);
                    try (ResultSet rs = star.executeQuery()) {
                        List<String> labels = new ArrayList<>();
                        for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                            labels.add(rs.getMetaData().getColumnLabel(k));
                        }
                        assertEquals(List.of("id", "full_name", "email", "phone_number", "born", "display_name"),
                                labels, step);
                        assertTrue(rs.next());
                        String expected = step.startsWith("mirror") ? "from-col" : "to-col";
                        assertEquals(expected, rs.getString("full_name"), step);
                        assertEquals(expected, rs.getString("display_name"), step);
                        assertEquals(step.equals("mirror+drop") ? null : "555", rs.getString("phone_number"), step);
                    }
                }
            }
        }
    }

    @Test
    void aRewrittenQueryFetchedInPortionsWithAFetchSize() throws SQLException {
        TestPostgres.execute(PG.db(), "INSERT INTO people (id, full_name, display_name) SELECT i, 'n' || i, 'n' || i"
                + " FROM generate_series(1, 500) i");
        try (Connection c = open(1)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, display_name FROM people WHERE id > ? ORDER BY id")) {
                ps.setFetchSize(7);
                for (int round = 0; round < 3; round++) {
                    ps.setInt(1, 0);
                    int n = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            n++;
                            assertEquals("n" + n, rs.getString(2));
                        }
                    }
                    assertEquals(500, n);
                }
            }
            c.commit();
        }
    }

    @Test
    void batchesOfPreparedInsertsAreMirrored() throws SQLException {
        try (Connection c = open(1); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO people (id, display_name, email) VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 1; i <= 500; i++) {
                insert.setInt(1, i);
                insert.setString(2, "batch " + i);
                insert.setString(3, i % 2 == 0 ? null : "odd@example.org");
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            c.commit();
            assertEquals(500, counts.length);
        }
        assertEquals(500, TestPostgres.queryLong(PG.db(), "SELECT count(*) FROM people WHERE full_name = display_name"
                + " AND full_name LIKE 'batch %'"));
    }

    @Test
    void aRejectedStatementFailsWithItsSqlStateAndTheConnectionStaysUsable() throws SQLException {
        try (Connection c = open(1)) {
            try (PreparedStatement bad = c.prepareStatement(
                    "UPDATE people SET full_name = md5(random()::text) || ? WHERE id = ?")) {
                for (int i = 0; i < 3; i++) {
                    bad.setString(1, "x");
                    bad.setInt(2, 1);
                    SQLException e = assertThrows(SQLException.class, bad::executeUpdate);
                    assertEquals("0AW00", e.getSQLState(), e::toString);
                    assertTrue(e.getMessage().contains("dualwrite rejected the statement"), e::toString);
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO people (id, full_name) VALUES (1, 'kept?')");
                SQLException e = assertThrows(SQLException.class,
                        () -> s.executeUpdate("INSERT INTO people (id, display_name) VALUES (2, random()::text)"));
                assertEquals("0AW00", e.getSQLState());
                SQLException aborted = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
                assertEquals("25P02", aborted.getSQLState(), "the rejection aborted the transaction");
                c.rollback();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM people")) {
                    assertTrue(rs.next());
                    assertEquals(0, rs.getInt(1));
                }
            }
            c.setAutoCommit(true);
            try (PreparedStatement ok = c.prepareStatement("INSERT INTO people (id, full_name) VALUES (?, ?)")) {
                insert(ok, 7, "after the errors");
            }
            assertEquals("after the errors/after the errors", physical(7));
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {0, 1})
    void statementCancelStopsARunningRewrittenQuery(int threshold) throws Exception {
        TestPostgres.execute(PG.db(), "INSERT INTO people (id, full_name, display_name) VALUES (1, 'a', 'a')");
        String marker = TestPostgres.unique("jdbccancel");
        try (Connection c = open(threshold); PreparedStatement ps = c.prepareStatement(
                "SELECT display_name, pg_sleep(30), '" + marker + "' FROM people WHERE id = ?")) {
            ps.setInt(1, 1);
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                } catch (SQLException e) {
                    return e;
                }
            });
            PsqlTest.awaitActive("/* " + marker + " */");
            long sent = System.nanoTime();
            ps.cancel();
            Object outcome = running.get(15, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(outcome instanceof SQLException, () -> "expected a cancel, got " + outcome);
            assertEquals("57014", ((SQLException) outcome).getSQLState(), outcome::toString);
            assertTrue(ms < Duration.ofSeconds(10).toMillis(), "cancel took " + ms + " ms");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT display_name FROM people")) {
                assertTrue(rs.next(), "the connection is usable after the cancel");
                assertEquals("a", rs.getString(1));
            }
        }
    }

    @Test
    void binaryResultsAndArraysPassThroughIntact() throws SQLException {
        try (Connection c = open(-1); PreparedStatement ps = c.prepareStatement(
                "SELECT ?::int4[], ?::bytea, ?::numeric, ?::float8")) {
            byte[] bytes = new byte[70_000];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (i * 31);
            }
            for (int round = 0; round < 3; round++) {
                ps.setArray(1, c.createArrayOf("int4", new Integer[] {1, 2, null, 4}));
                ps.setBytes(2, bytes);
                ps.setBigDecimal(3, new BigDecimal("12345678901234567890.123456789"));
                ps.setDouble(4, Math.PI);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertArrayEquals(new Integer[] {1, 2, null, 4}, (Object[]) rs.getArray(1).getArray());
                    assertArrayEquals(bytes, rs.getBytes(2));
                    assertEquals(new BigDecimal("12345678901234567890.123456789"), rs.getBigDecimal(3));
                    assertEquals(Math.PI, rs.getDouble(4));
                    assertFalse(rs.next());
                }
            }
        }
    }

    private static String readOne(PreparedStatement read, int id) throws SQLException {
        read.setInt(1, id);
        try (ResultSet rs = read.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("display_name", rs.getMetaData().getColumnLabel(1));
            String v = rs.getString(1);
            assertFalse(rs.next());
            return v;
        }
    }

    private static void insert(PreparedStatement insert, int id, String name) throws SQLException {
        insert.setInt(1, id);
        insert.setString(2, name);
        assertEquals(1, insert.executeUpdate());
    }

    private static void insertWithPhone(PreparedStatement insert, int i) throws SQLException {
        insert.setInt(1, i);
        insert.setString(2, "555-" + i);
        insert.setString(3, "name " + i);
        insert.setString(4, "e" + i + "@example.org");
        assertEquals(1, insert.executeUpdate());
    }
}
