package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.rewrite.Catalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The JDBC door's catalog reads on the application's connection, inside the application's transaction, on PostgreSQL
 * (where a failed statement aborts the transaction): a read that fails there must leave the transaction able to go on
 * and commit, and a check that fails half-way must publish nothing. The failing reads are real failing statements on
 * the application's connection ({@code SELECT 1/0}), so the database decides what they do to the transaction.
 */
@Tag("database")
class JdbcCatalogTest {
    private static final DoorDatabase DB = DoorDatabase.POSTGRESQL;

    /** Reads the real metadata, except for the tables in {@link #failing}: for those it runs a failing statement. */
    private static final class Reader implements JdbcCatalog.ColumnReader {
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public List<String> read(Connection connection, String schema, String table) throws SQLException {
            if (failing.contains(table)) {
                failures.incrementAndGet();
                try (Statement s = connection.createStatement()) {
                    s.executeQuery("SELECT 1/0").close();
                }
            }
            return JdbcCatalog.read(connection, schema, table);
        }
    }

    @Test
    void aCheckThatFailsInsideTheApplicationsTransactionLeavesItToCommit() throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(DB); Connection app = DB.connect()) {
            String table = tables.create(DB.newTable("people"), "id INT PRIMARY KEY, full_name TEXT");
            Reader reader = new Reader();
            JdbcCatalog catalog = new JdbcCatalog(true, reader);
            Catalog view = catalog.bind(app);
            app.setAutoCommit(false);
            insert(app, table, 1);
            assertEquals(List.of("id", "full_name"), view.columns(null, table));
            long version = view.version();

            reader.failing.add(table);
            catalog.checkSoon();
            Thread.sleep(120); // checkSoon never checks more often than every 100 ms
            assertEquals(version, view.version(), "a failed check publishes nothing");
            assertEquals(1, reader.failures.get(), "the check ran, and its statement failed");

            insert(app, table, 2);
            app.commit();
            assertEquals(2, count(table), "the application's transaction committed both rows");
        }
    }

    @Test
    void aFirstReadThatFailsInsideTheApplicationsTransactionLeavesItToCommit() throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(DB); Connection app = DB.connect()) {
            String table = tables.create(DB.newTable("people"), "id INT PRIMARY KEY, full_name TEXT");
            Reader reader = new Reader();
            reader.failing.add(table);
            Catalog view = new JdbcCatalog(true, reader).bind(app);
            app.setAutoCommit(false);
            insert(app, table, 1);
            assertNull(view.columns(null, table), "a list that cannot be read is unknown, not an error");
            assertEquals(1, reader.failures.get());
            insert(app, table, 2);
            app.commit();
            assertEquals(2, count(table));
        }
    }

    @Test
    void controlWithoutTheSavepointTheFailedReadAbortsTheTransaction() throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(DB); Connection app = DB.connect()) {
            String table = tables.create(DB.newTable("people"), "id INT PRIMARY KEY, full_name TEXT");
            Reader reader = new Reader();
            reader.failing.add(table);
            Catalog view = new JdbcCatalog(false, reader).bind(app);
            app.setAutoCommit(false);
            insert(app, table, 1);
            assertNull(view.columns(null, table));
            SQLException e = assertThrows(SQLException.class, () -> insert(app, table, 2));
            assertEquals("25P02", e.getSQLState(), "what the savepoint prevents");
            app.rollback();
        }
    }

    @Test
    void aCheckPublishesOnlyWhenTheWholePassSucceeded() throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(DB); Connection app = DB.connect()) {
            String a = tables.create(DB.newTable("a"), "id INT PRIMARY KEY");
            String b = tables.create(DB.newTable("b"), "id INT PRIMARY KEY");
            Reader reader = new Reader();
            JdbcCatalog catalog = new JdbcCatalog(true, reader);
            Catalog view = catalog.bind(app);
            app.setAutoCommit(false);
            assertEquals(List.of("id"), view.columns(null, a));
            assertEquals(List.of("id"), view.columns(null, b));
            long version = view.version();
            app.commit(); // the DDL below waits for no lock of the application's
            try (Connection other = DB.connect(); Statement s = other.createStatement()) {
                s.execute("ALTER TABLE " + a + " ADD COLUMN age INT");
            }

            reader.failing.add(b);
            catalog.checkSoon();
            Thread.sleep(120);
            assertEquals(version, view.version(), "b could not be read: the pass publishes nothing");
            assertEquals(List.of("id"), view.columns(null, a), "a's new list is not published alone");

            reader.failing.clear();
            catalog.checkSoon();
            Thread.sleep(120);
            assertEquals(version + 1, view.version());
            assertEquals(List.of("id", "age"), view.columns(null, a));
            app.commit();
        }
    }

    @Test
    void throughTheDoorACheckDueInsideATransactionLetsItCommit() throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(DB)) {
            String table = tables.create(DB.newTable("people"), "id INT PRIMARY KEY, full_name TEXT,"
                    + " display_name TEXT");
            Configuration config = Configuration.builder().rename(table, "full_name", "display_name", Phase.MIRROR)
                    .build();
            try (Connection app = DB.dualwrite(new ManualConfigSource(config))) {
                app.setAutoCommit(false);
                insert(app, table, 1);
                assertEquals(3, columnsOfStar(app, table), "SELECT * read the column list");
                Thread.sleep(JdbcCatalog.CHECK_MILLIS + 50);
                assertEquals(3, columnsOfStar(app, table), "a statement after the check fell due, inside the transaction");
                insert(app, table, 2);
                app.commit();
            }
            assertEquals(2, count(table));
        }
    }

    private static int columnsOfStar(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            return rs.getMetaData().getColumnCount();
        }
    }

    private static void insert(Connection c, String table, int id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + table + " (id, full_name) VALUES (" + id + ", 'n')");
        }
    }

    private static int count(String table) throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
