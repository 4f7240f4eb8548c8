package dev.dualwrite.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Creating the whole family on each database, twice, in a schema of its own. */
class ControlTablesTest {
    private static final String SCHEMA = "dw_control_test";

    @Test
    void h2() throws SQLException {
        try (Connection c = TestDatabases.h2(TestDatabases.newH2Url())) {
            createTwice(c, Dialect.H2);
        }
    }

    @Test
    @Tag("database")
    void postgres() throws SQLException {
        try (Connection c = TestDatabases.postgres()) {
            drop(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            createTwice(c, Dialect.POSTGRESQL);
            drop(c, "DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    @Test
    @Tag("database")
    void mariadb() throws SQLException {
        try (Connection c = TestDatabases.mariadb()) {
            drop(c, "DROP DATABASE IF EXISTS " + SCHEMA);
            createTwice(c, Dialect.MYSQL);
            drop(c, "DROP DATABASE " + SCHEMA);
        }
    }

    private static void createTwice(Connection c, Dialect dialect) throws SQLException {
        ControlTables tables = new ControlTables(dialect, SCHEMA);
        List<String> first = tables.ensure(c, ControlTables.ALL_TABLES);
        assertEquals(ControlTables.ALL_TABLES, first);
        for (String name : ControlTables.ALL_TABLES) {
            assertTrue(tables.exists(c, name), name);
        }
        assertEquals(List.of(), tables.ensure(c, ControlTables.ALL_TABLES), "a second run creates nothing");
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, config_version FROM " + tables.table(ControlTables.FLEET))) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals(0, rs.getLong(2));
            assertTrue(!rs.next(), "exactly one row of the fleet's version");
        }
    }

    private static void drop(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
