package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the door's wrappers are to the application besides rewriting: the objects they hand out, what they unwrap to,
 * and the error funnel every forwarded call's exception goes through, on the three databases' own drivers.
 */
@Tag("database")
class WrapperTest {
    private static Configuration mirror(String table) {
        return Configuration.builder().rename(table, "full_name", "display_name", Phase.MIRROR).build();
    }

    private static String people(DoorDatabase.Tables tables, DoorDatabase db) throws SQLException {
        String table = tables.create(db.newTable("people"), "id INT PRIMARY KEY, full_name VARCHAR(100),"
                + " display_name VARCHAR(100)");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " VALUES (1, 'Ann', 'Ann')");
        }
        return table;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void resultSetsBelongToTheStatementThatMadeThemAndAreHandedOutOnce(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = people(tables, db);
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("SELECT display_name FROM " + table + " WHERE id = ?")) {
                assertTrue(s.execute("SELECT display_name FROM " + table));
                ResultSet first = s.getResultSet();
                assertSame(first, s.getResultSet(), "the same wrapper while the driver's result set is the same");
                assertSame(s, first.getStatement());
                assertSame(c, s.getConnection());
                assertTrue(first.next());
                assertEquals("Ann", first.getString("display_name"));
                ResultSet queried = s.executeQuery("SELECT display_name FROM " + table);
                assertNotSame(first, queried, "another execution, another result");
                assertSame(queried, s.getResultSet(), "the result of executeQuery is the current result");

                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertSame(ps, rs.getStatement());
                    assertSame(rs, ps.getResultSet());
                    assertTrue(rs.next());
                    assertEquals("Ann", rs.getString(1));
                }
                assertSame(c, ps.getConnection());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void everyWrapperUnwrapsToTheDriversObject(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = people(tables, db);
            try (Connection raw = db.connect();
                    Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    Statement s = c.createStatement();
                    PreparedStatement ps = c.prepareStatement("SELECT full_name FROM " + table);
                    ResultSet rs = s.executeQuery("SELECT full_name FROM " + table)) {
                Class<? extends Connection> driverConnection = raw.getClass();
                assertInstanceOf(driverConnection, c.unwrap(driverConnection));
                assertTrue(c.isWrapperFor(driverConnection));
                assertSame(c, c.unwrap(DualWriteConnection.class));
                assertTrue(s.isWrapperFor(RewritingStatement.class));
                assertTrue(s.unwrap(Statement.class) instanceof RewritingStatement, "the wrapper is a Statement");
                try (Statement rawStatement = raw.createStatement()) {
                    assertInstanceOf(rawStatement.getClass(), s.unwrap(rawStatement.getClass()));
                    assertTrue(s.isWrapperFor(rawStatement.getClass()));
                }
                try (PreparedStatement rawPrepared = raw.prepareStatement("SELECT 1")) {
                    assertInstanceOf(rawPrepared.getClass(), ps.unwrap(rawPrepared.getClass()));
                }
                try (Statement rawStatement = raw.createStatement();
                        ResultSet rawResult = rawStatement.executeQuery("SELECT 1")) {
                    assertInstanceOf(rawResult.getClass(), rs.unwrap(rawResult.getClass()));
                    assertTrue(rs.isWrapperFor(rawResult.getClass()));
                }
                if (db != DoorDatabase.MARIADB) {
                    try (CallableStatement cs = c.prepareCall("SELECT full_name FROM " + table)) {
                        assertTrue(cs.isWrapperFor(RewritingCallableStatement.class));
                    }
                }
            }
        }
    }

    /**
     * The error funnel: a label the result does not have may mean that a column was added elsewhere since the lists
     * were read; the next statement that depends on the lists checks them at once instead of within the second. The
     * lists are checked every second anyway, so an attempt in which a second passed between the reads (a loaded
     * machine) proves nothing and is made again on a new table.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void aLabelNotFoundSendsTheNextStatementBackToTheCatalog(DoorDatabase db) throws Exception {
        for (int attempt = 1; ; attempt++) {
            if (labelNotFoundThenFound(db)) {
                return;
            }
            assertTrue(attempt < 5, "in 5 attempts, never two executions less than a second apart");
        }
    }

    /** False when the attempt proves nothing: the periodic check came first. */
    private static boolean labelNotFoundThenFound(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String table = people(tables, db);
            try (Connection c = db.dualwrite(new ManualConfigSource(mirror(table)));
                    PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(3, rs.getMetaData().getColumnCount());
                }
                try (Connection raw = db.connect(); Statement s = raw.createStatement()) {
                    s.execute("ALTER TABLE " + table + " ADD COLUMN age INT");
                    s.execute("UPDATE " + table + " SET age = 42");
                }
                long stale = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    if (rs.getMetaData().getColumnCount() == 4) {
                        return false;
                    }
                    assertThrows(SQLException.class, () -> rs.getInt("age"), "this result lacks the column");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    if (rs.getMetaData().getColumnCount() == 3) {
                        assertTrue((System.nanoTime() - stale) / 1_000_000 >= JdbcCatalog.CHECK_MILLIS,
                                "the execution right after the missing label still lacks the added column");
                        return false;
                    }
                    assertEquals(42, rs.getInt("age"), "the next execution expands * with the added column");
                    return true;
                }
            }
        }
    }
}
