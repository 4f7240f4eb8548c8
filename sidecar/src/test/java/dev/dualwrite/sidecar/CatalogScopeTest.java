package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalog the sidecar plans with knows every table in a statement's scope, not only the window tables: joins with
 * an ordinary table, a view and a temporary table, with unqualified columns, are rewritten as the JDBC door rewrites
 * them (the rows compared with the same statement on the logical schema), over the simple and the extended protocol.
 * Each test runs on a fresh sidecar, so the first statement that names a table is the one that makes the sidecar
 * read it.
 */
@Tag("database")
class CatalogScopeTest {
    private static String db;
    private ManualConfigSource config;
    private SidecarServer sidecar;

    @BeforeAll
    static void createSchema() throws SQLException {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("scope");
        TestPostgres.execute(db,
                "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
                "CREATE TABLE orders (order_id int PRIMARY KEY, user_id int, amount int)",
                "CREATE VIEW order_totals AS SELECT user_id, sum(amount) AS total FROM orders GROUP BY user_id",
                // Mirror: reads come from full_name; display_name is marked so that a read from it shows.
                "INSERT INTO people VALUES (1, 'Ada', 'wrong-column'), (2, 'Grace', 'wrong-column')",
                "INSERT INTO orders VALUES (10, 1, 5), (11, 1, 7), (12, 2, 3)");
    }

    @AfterAll
    static void dropSchema() {
        TestPostgres.dropDatabase(db);
    }

    @BeforeEach
    void freshSidecar() {
        config = new ManualConfigSource(Configuration.builder()
                .rename("people", "full_name", "display_name", Phase.MIRROR).build());
    }

    @org.junit.jupiter.api.AfterEach
    void closeSidecar() {
        Sidecars.close(sidecar);
    }

    private Connection open(String mode) throws SQLException {
        return open(mode, "");
    }

    private Connection open(String mode, String parameters) throws SQLException {
        sidecar = Sidecars.start(config);
        return Sidecars.connect(sidecar, db, "preferQueryMode=" + mode + parameters);
    }

    private static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getMetaData().getColumnLabel(i)).append('=')
                            .append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Has the sidecar read {@code people} (only), then waits until the lists it read are stale. */
    private static void readPeopleThenLetTheListsGoStale(Statement s) throws Exception {
        assertEquals(List.of("display_name=Ada"), rows(s, "SELECT display_name FROM people WHERE id = 1"));
        Thread.sleep(SidecarCatalog.TTL_MILLIS + 200);
    }

    /** A join of {@code people} with {@code orders} whose unqualified display_name only people has. */
    private static void assertTheJoinWithOrders(Statement s) throws SQLException {
        assertEquals(List.of("display_name=Grace|amount=3"),
                rows(s, "SELECT display_name, amount FROM people JOIN orders ON user_id = id WHERE amount < 4"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aJoinWithAnOrdinaryTable(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            assertEquals(List.of("id=1|display_name=Ada|amount=5", "id=1|display_name=Ada|amount=7",
                    "id=2|display_name=Grace|amount=3"),
                    rows(s, "SELECT u.id, display_name, amount FROM people u JOIN orders o ON user_id = u.id"
                            + " ORDER BY order_id"));
            assertEquals(List.of("display_name=Ada|n=2"), rows(s, "SELECT display_name, count(*) AS n"
                    + " FROM people, orders WHERE user_id = id AND amount > 4 GROUP BY display_name"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aJoinWithAView(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            assertEquals(List.of("display_name=Ada|total=12", "display_name=Grace|total=3"),
                    rows(s, "SELECT display_name, total FROM people JOIN order_totals ON user_id = id ORDER BY id"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aJoinWithATemporaryTable(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE picks (pick int)");
            s.execute("INSERT INTO picks VALUES (2)");
            assertEquals(List.of("display_name=Grace"),
                    rows(s, "SELECT display_name FROM people JOIN picks ON pick = id"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aJoinInsideATransactionOnceTheTableIsKnown(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            assertEquals(3, rows(s, "SELECT display_name FROM people JOIN orders ON user_id = id").size());
            c.setAutoCommit(false);
            assertTheJoinWithOrders(s);
            s.executeUpdate("UPDATE people SET display_name = 'Ada L.' WHERE id IN (SELECT user_id FROM orders"
                    + " WHERE amount = 7)");
            c.commit();
        }
        assertEquals("Ada L./Ada L.", TestPostgres.queryValue(db, "SELECT full_name || '/' || display_name"
                + " FROM people WHERE id = 1"), "mirror writes both columns");
        TestPostgres.execute(db, "UPDATE people SET full_name = 'Ada', display_name = 'wrong-column' WHERE id = 1");
    }

    /**
     * The known tables' answer has gone stale when a statement names a table not read yet: the sidecar refreshes the
     * answer before planning the statement, which covers only the tables it knew, then plans it, finds the new table
     * missing and reads it too (before, the statement was planned without it and refused as ambiguous, 42702).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aTableNotReadYetRightAfterTheKnownOnesWentStale(String mode) throws Exception {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            readPeopleThenLetTheListsGoStale(s);
            assertEquals(List.of("id=1|display_name=Ada|amount=5", "id=1|display_name=Ada|amount=7",
                    "id=2|display_name=Grace|amount=3"),
                    rows(s, "SELECT u.id, display_name, amount FROM people u JOIN orders o ON user_id = u.id"
                            + " ORDER BY order_id"));
        }
    }

    /**
     * As above, but the stale answer is found by the BEGIN that pgjdbc sends right before the statement: the BEGIN
     * waits for the refresh and the statement behind it with it; replayed behind the BEGIN, still unanswered, the
     * statement finds the new table missing and waits for the BEGIN's answer to have it read (before, it was planned
     * without it and refused).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aTableNotReadYetBehindABeginThatFoundTheKnownOnesStale(String mode) throws Exception {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            readPeopleThenLetTheListsGoStale(s);
            c.setAutoCommit(false);
            assertTheJoinWithOrders(s);
            c.rollback();
        }
    }

    /**
     * The first statement naming a table is inside a transaction: the sidecar reads the table there, in a savepoint,
     * and the transaction goes on (a serializable one keeps its isolation, and its own write stays visible to it).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aJoinInsideATransactionWithATableNotReadYet(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            s.executeUpdate("UPDATE people SET display_name = 'Grace H.' WHERE id = 2");
            assertEquals(List.of("display_name=Grace H.|amount=3"),
                    rows(s, "SELECT display_name, amount FROM people JOIN orders ON user_id = id WHERE amount < 4"));
            assertEquals(List.of("current_setting=serializable"),
                    rows(s, "SELECT current_setting('transaction_isolation')"));
            c.rollback();
        }
        assertEquals("Grace/wrong-column", TestPostgres.queryValue(db, "SELECT full_name || '/' || display_name"
                + " FROM people WHERE id = 2"), "the rollback undid the transaction's own write");
    }

    /**
     * The transaction's first statement names the table not read yet: pgjdbc sends it right behind its BEGIN, before
     * the server has answered, so the sidecar holds it until the BEGIN's answer is in and reads the table then.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void theFirstStatementOfATransactionNamesATableNotReadYet(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            assertTheJoinWithOrders(s);
            c.rollback();
        }
    }

    /**
     * A catalog question that fails inside the client's transaction (here the role may no longer read pg_attribute) is
     * rolled back to its savepoint: the statement that needed it is refused for what it is (42702, planned without the
     * table), not for an aborted transaction (25P02), and the transaction goes on to its end.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aFailedQuestionInsideATransactionLeavesItHealthy(String mode) throws SQLException {
        String role = "dw_catalog_denied";
        TestPostgres.execute(db, "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "')"
                + " THEN CREATE ROLE " + role + " LOGIN; END IF; END$$",
                "GRANT SELECT, UPDATE ON people, orders TO " + role);
        try (Connection c = open(mode, "&user=" + role); Statement s = c.createStatement()) {
            // Between transactions the sidecar learns the session's search path and the window table.
            assertEquals(List.of("current_user=" + role), rows(s, "SELECT current_user"));
            assertEquals(2, rows(s, "SELECT display_name FROM people").size());
            TestPostgres.execute(db, "REVOKE SELECT ON pg_catalog.pg_attribute FROM PUBLIC");
            c.setAutoCommit(false);
            assertEquals(List.of("display_name=Ada"), rows(s, "SELECT display_name FROM people WHERE id = 1"));
            SQLException refused = assertThrows(SQLException.class,
                    () -> rows(s, "SELECT display_name, amount FROM people JOIN orders ON user_id = id"));
            assertEquals("42702", refused.getSQLState(), refused.getMessage());
            c.rollback();
            assertEquals(List.of("display_name=Grace"), rows(s, "SELECT display_name FROM people WHERE id = 2"),
                    "the connection goes on");
        } finally {
            TestPostgres.execute(db, "GRANT SELECT ON pg_catalog.pg_attribute TO PUBLIC",
                    "REVOKE ALL ON people, orders FROM " + role, "DROP ROLE " + role);
        }
    }

    /** After DDL inside the transaction its view of the schema is its own: the sidecar does not read it there. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void noTableIsReadInsideATransactionThatChangedASchema(String mode) throws SQLException {
        try (Connection c = open(mode); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE scratch_" + mode + " (n int)");
            SQLException refused = assertThrows(SQLException.class,
                    () -> rows(s, "SELECT display_name, amount FROM people JOIN orders ON user_id = id"));
            assertEquals("42702", refused.getSQLState(), refused.getMessage());
            c.rollback();
            assertEquals(3, rows(s, "SELECT display_name, amount FROM people JOIN orders ON user_id = id").size(),
                    "read at the next moment it may be");
        }
    }
}
