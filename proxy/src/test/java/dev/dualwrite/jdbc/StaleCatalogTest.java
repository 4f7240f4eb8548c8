package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code SELECT *} over a window table is expanded from the column lists dualwrite read from the catalog. In a rolling
 * deploy the DDL comes from elsewhere (a migration tool, another instance), so these tests run it on a direct
 * connection, never through dualwrite: a column added elsewhere must appear within about a second (the catalog is
 * checked again that often), and a column dropped elsewhere must not make the next statement fail (the database's
 * "unknown column" sends dualwrite back to the catalog, and the statement runs again once with the new expansion).
 */
@Tag("database")
class StaleCatalogTest {
    /** The new default re-reads the catalog after 1 s; this leaves room for a loaded machine, far below 30 s. */
    private static final long NOTICED_WITHIN_MILLIS = 4_000;

    private static Configuration mirror(String table) {
        return Configuration.builder().rename(table, "full_name", "display_name", Phase.MIRROR).build();
    }

    private static String create(DoorDatabase.Tables tables, DoorDatabase db, String extra) throws SQLException {
        String table = tables.create(db.newTable("users"), "id INT PRIMARY KEY, full_name VARCHAR(100),"
                + " display_name VARCHAR(100)" + extra);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " (id, full_name, display_name" + (extra.isEmpty() ? "" : ", age")
                    + ") VALUES (1, 'Ann', 'Ann'" + (extra.isEmpty() ? "" : ", 41") + ")");
        }
        return table;
    }

    private static void ddlElsewhere(DoorDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void aColumnAddedElsewhereAppearsInSelectStarWithinSeconds(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = create(tables, db, "");
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                }
                ddlElsewhere(db, "ALTER TABLE " + table + " ADD COLUMN age INT");
                ddlElsewhere(db, "UPDATE " + table + " SET age = 42");
                long start = System.nanoTime();
                boolean prepared = false;
                boolean plain = false;
                while (!(prepared && plain)) {
                    long waited = (System.nanoTime() - start) / 1_000_000;
                    if (waited > NOTICED_WITHIN_MILLIS) {
                        fail("after " + waited + " ms SELECT * still leaves out the added column (prepared: "
                                + prepared + ", plain: " + plain + ")");
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        prepared = labels(rs).contains("age") && rs.next() && rs.getInt("age") == 42;
                    }
                    try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                        plain = labels(rs).contains("age") && rs.next() && rs.getInt("age") == 42;
                    }
                    Thread.sleep(50);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(List.of("id", "full_name", "age", "display_name"), labels(rs));
                }
            }
        }
    }

    /** Autocommit: the statement that meets the dropped column runs again at once with the new column list. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void aColumnDroppedElsewhereDoesNotFailTheNextStatement(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = create(tables, db, ", age INT");
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                ps.setInt(1, 1);
                // More executions than pgjdbc's prepareThreshold, so PostgreSQL holds a server-side statement.
                for (int i = 0; i < 6; i++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        assertEquals(List.of("id", "full_name", "age", "display_name"), labels(rs));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(List.of("id", "full_name", "age", "display_name"), labels(rs));
                }
                ddlElsewhere(db, "ALTER TABLE " + table + " DROP COLUMN age");
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                    assertTrue(rs.next());
                    assertEquals("Ann", rs.getString("display_name"));
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                }
                try (PreparedStatement fresh = c.prepareStatement("SELECT * FROM " + table + " WHERE id = 1");
                        ResultSet rs = fresh.executeQuery()) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                }
            }
        }
    }

    /**
     * The last step of a rename: with every instance in new-only, the migration drops the old column. The old
     * version's {@code SELECT *} (still cached with both columns) must go on giving it both names, from display_name.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void theOldColumnDroppedElsewhereInNewOnlyDoesNotFailSelectStar(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = create(tables, db, "");
            Configuration newOnly = Configuration.builder().rename(table, "full_name", "display_name", Phase.NEW_ONLY)
                    .build();
            try (Connection c = db.dualwrite(new ManualConfigSource(newOnly));
                    PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(labels(rs).containsAll(List.of("id", "full_name", "display_name")), labels(rs)
                            .toString());
                }
                ddlElsewhere(db, "ALTER TABLE " + table + " DROP COLUMN full_name");
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(3, labels(rs).size(), labels(rs).toString());
                    assertTrue(labels(rs).containsAll(List.of("id", "full_name", "display_name")), labels(rs)
                            .toString());
                    assertTrue(rs.next());
                    assertEquals("Ann", rs.getString("full_name"));
                    assertEquals("Ann", rs.getString("display_name"));
                }
            }
        }
    }

    /**
     * Where the database has prepared the statement itself when it is prepared (H2), the column dropped elsewhere is
     * met by {@code prepareStatement}, which must not fail either.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void aColumnDroppedElsewhereDoesNotFailTheNextPreparation(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = create(tables, db, ", age INT");
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(4, labels(rs).size(), "the column list is in the cache");
                }
                ddlElsewhere(db, "ALTER TABLE " + table + " DROP COLUMN age");
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                    ps.setInt(1, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                    }
                }
            }
        }
    }

    /**
     * Inside a PostgreSQL transaction the failed statement has aborted the transaction, so it cannot run again: the
     * application gets the database's error, and after its rollback the next statement uses the new column list. (On
     * H2 and MariaDB a failed statement leaves the transaction usable, and it runs again there too.)
     */
    @Test
    void insideAPostgresqlTransactionTheErrorIsTheDatabasesAndTheNextTransactionWorks() throws Exception {
        DoorDatabase db = DoorDatabase.POSTGRESQL;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = create(tables, db, ", age INT");
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(4, labels(rs).size());
                }
                c.setAutoCommit(false);
                s.execute("SELECT 1");
                ddlElsewhere(db, "ALTER TABLE " + table + " DROP COLUMN age");
                SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM " + table));
                assertEquals("42703", e.getSQLState(), e.getMessage());
                c.rollback();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                }
                c.commit();
            }
        }
    }

    /** On MariaDB (and H2) a transaction survives a failed statement, so the statement runs again inside it. */
    @Test
    void insideAMariadbTransactionTheStatementRunsAgain() throws Exception {
        DoorDatabase db = DoorDatabase.MARIADB;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = create(tables, db, ", age INT");
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(4, labels(rs).size());
                }
                c.setAutoCommit(false);
                s.execute("SELECT 1");
                ddlElsewhere(db, "ALTER TABLE " + table + " DROP COLUMN age");
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    assertEquals(List.of("id", "full_name", "display_name"), labels(rs));
                }
                c.commit();
            }
        }
    }
}
