package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.FleetWindows;
import dev.dualwrite.control.Heartbeat;
import dev.dualwrite.control.Heartbeats;
import dev.dualwrite.control.Instance;
import dev.dualwrite.control.WindowRows;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.ops.TestDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The minimal GRANTs of docs/operations.md, tested: a role that has only them can poll the windows and write its
 * heartbeats (the real {@link WindowRows} and {@link Heartbeats}) and run {@code dualwrite status}, and cannot change
 * a window.
 */
class ControlGrantsTest {

    @Test
    void postgres() throws Exception {
        try (TestDb db = TestDb.postgres()) {
            String suffix = suffix();
            String schema = "dwgr_" + suffix;
            String role = "dwctl_" + suffix;
            String base = db.url().replaceAll("\\?.*$", "");
            try {
                prepare(db, schema);
                db.exec("CREATE ROLE " + role + " LOGIN PASSWORD 'ctl-pw'",
                        // The grants as docs/operations.md lists them.
                        "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                        "GRANT SELECT ON " + schema + ".dualwrite_fleet, " + schema + ".dualwrite_windows TO " + role,
                        "GRANT SELECT, INSERT, UPDATE, DELETE ON " + schema + ".dualwrite_instances, " + schema
                                + ".dualwrite_instance_windows TO " + role,
                        "GRANT SELECT ON " + schema + ".dualwrite_backfill, " + schema + ".dualwrite_verify TO "
                                + role);
                check(db.dialect(), schema, base + "?user=" + role + "&password=ctl-pw");
            } finally {
                db.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void mariadb() throws Exception {
        try (TestDb db = TestDb.mariadb()) {
            String suffix = suffix();
            String schema = "dwgr_" + suffix;
            String role = "dwctl_" + suffix;
            String base = db.url().replaceAll("\\?.*$", "").replaceAll("/[^/]*$", "/" + schema);
            try {
                prepare(db, schema);
                db.exec("CREATE USER '" + role + "'@'%' IDENTIFIED BY 'ctl-pw'",
                        "CREATE USER '" + role + "'@'localhost' IDENTIFIED BY 'ctl-pw'");
                for (String host : List.of("%", "localhost")) {
                    String who = "'" + role + "'@'" + host + "'";
                    db.exec("GRANT SELECT ON " + schema + ".dualwrite_fleet TO " + who,
                            "GRANT SELECT ON " + schema + ".dualwrite_windows TO " + who,
                            "GRANT SELECT, INSERT, UPDATE, DELETE ON " + schema + ".dualwrite_instances TO " + who,
                            "GRANT SELECT, INSERT, UPDATE, DELETE ON " + schema + ".dualwrite_instance_windows TO "
                                    + who,
                            "GRANT SELECT ON " + schema + ".dualwrite_backfill TO " + who,
                            "GRANT SELECT ON " + schema + ".dualwrite_verify TO " + who);
                }
                check(db.dialect(), schema, base + "?user=" + role + "&password=ctl-pw");
            } finally {
                db.exec("DROP DATABASE IF EXISTS " + schema, "DROP USER IF EXISTS '" + role + "'@'%'",
                        "DROP USER IF EXISTS '" + role + "'@'localhost'");
            }
        }
    }

    private static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
    }

    /** The tables and a window, made by the operator (the test's own, privileged user). */
    private static void prepare(TestDb db, String schema) throws Exception {
        String table = db.table("people");
        db.exec("CREATE TABLE " + table + " (id INT PRIMARY KEY, full_name VARCHAR(40))");
        assertEquals(0, InProcess.run("init", "--url", db.url(), "--schema", schema).exit());
        Cli.Result declared = InProcess.run("window", "rename", table + ".full_name", "display_name", "--url",
                db.url(), "--schema", schema);
        assertEquals(0, declared.exit(), declared.toString());
    }

    private static void check(Dialect dialect, String schema, String roleUrl)
            throws Exception {
        ControlTables tables = new ControlTables(dialect, schema);
        try (Connection c = DriverManager.getConnection(roleUrl)) {
            FleetWindows windows = new WindowRows(tables, dialect).read(c);
            assertEquals(1, windows.windows().size());
            String key = windows.windows().get(0).key();
            Heartbeats beats = new Heartbeats(tables);
            Instance me = new Instance("grants-test", Instance.JDBC, "host-1", 1, "app", System.currentTimeMillis(),
                    2000);
            for (int i = 0; i < 2; i++) { // the first write inserts, the second updates
                beats.write(c, new Heartbeat(me, windows.version(), System.currentTimeMillis(), null,
                        List.of(new Heartbeat.WindowUse(key, "old-only", 3 + i, 0, System.currentTimeMillis()))));
            }
            try (Statement st = c.createStatement()) {
                SQLException denied = assertThrows(SQLException.class, () -> st.executeUpdate("UPDATE "
                        + tables.table(ControlTables.WINDOWS) + " SET phase = 'mirror'"));
                assertTrue(denied.getMessage().toLowerCase().contains("denied"), denied.getMessage());
            }
        }
        Cli.Result withUrl = InProcess.run("status", "--json", "--url", roleUrl, "--schema", schema);
        assertEquals(0, withUrl.exit(), withUrl.toString());
        assertTrue(withUrl.out().contains("\"id\":\"grants-test\",\"kind\":\"jdbc\"") && withUrl.out().contains(
                "\"oldNameStatements\":4"), withUrl.out());
    }
}
