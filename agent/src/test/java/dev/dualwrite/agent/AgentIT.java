package dev.dualwrite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.agent.apps.AttachApp;
import dev.dualwrite.agent.apps.DataSourceApp;
import dev.dualwrite.agent.apps.DriverManagerApp;
import dev.dualwrite.agent.apps.HibernateApp;
import dev.dualwrite.agent.apps.HikariApp;
import dev.dualwrite.core.db.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real applications in their own JVMs, on Java 17 and on Java 25, with {@code -javaagent:dualwrite-agent.jar}: each
 * writes with the old names while the window is in mirror, and the database must show both columns written and the
 * dropped column left alone.
 */
@Tag("database")
@Tag("process")
class AgentIT {
    private static final AtomicInteger IDS = new AtomicInteger(100);

    @TempDir
    Path dir;

    static Stream<Arguments> applications() {
        List<Arguments> all = new ArrayList<>();
        for (int jdk : new int[] {17, 25}) {
            for (String db : new String[] {"h2", "postgresql"}) {
                for (Class<?> app : new Class<?>[] {DriverManagerApp.class, HikariApp.class, DataSourceApp.class,
                    HibernateApp.class}) {
                    all.add(Arguments.of(jdk, db, app.getName()));
                }
            }
        }
        return all.stream();
    }

    /** A database for one test: an H2 file in the temporary directory, or a fresh PostgreSQL schema. */
    private final class Target implements AutoCloseable {
        final String url;
        final String user;
        final String password;
        final String schema;

        Target(String db) throws Exception {
            if (db.equals("h2")) {
                url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
                user = "sa";
                password = "";
                schema = null;
            } else {
                schema = "dw_agent_" + System.nanoTime();
                try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                url = TestDatabases.PG_URL.replace("?", "?currentSchema=" + schema + "&");
                user = "postgres";
                password = "";
            }
        }

        Connection connect() throws Exception {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public void close() throws Exception {
            if (schema != null) {
                try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    private Path config(String table, String phase) throws Exception {
        Path file = dir.resolve("dualwrite.yaml");
        Files.writeString(file, "windows:\n  - table: " + table + "\n    from: full_name\n    to: display_name\n"
                + "    phase: " + phase + "\n  - table: " + table + "\n    drop: phone_number\n");
        return file;
    }

    private static void createTable(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, email VARCHAR(100), full_name VARCHAR(100),"
                    + " display_name VARCHAR(100), phone_number VARCHAR(40))");
        }
    }

    private static String[] row(Connection c, String table, int id) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT full_name, display_name, phone_number FROM " + table
                        + " WHERE id = " + id)) {
            assertTrue(rs.next(), "row " + id);
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
        }
    }

    @ParameterizedTest(name = "Java {0}, {1}, {2}")
    @MethodSource("applications")
    void applicationsWriteBothColumnsThroughTheAgent(int jdk, String db, String app) throws Exception {
        String table = app.endsWith("HibernateApp") ? "people_hib" : "people";
        int id = IDS.incrementAndGet();
        try (Target target = new Target(db)) {
            try (Connection c = target.connect()) {
                createTable(c, table);
            }
            Path config = config(table, "mirror");
            Forks.Run run = Forks.run(jdk, "config=" + config.toAbsolutePath(), dir, app, target.url, target.user,
                    target.password, table, Integer.toString(id));
            assertEquals(0, run.exit(), run::toString);
            assertFalse(run.stderr().contains("Exception"), run::toString);
            assertTrue(run.stderr().contains("dualwrite agent started"), run::toString);
            if (app.endsWith("HibernateApp")) {
                assertEquals("Renamed " + id, run.result("full_name"), run::toString);
                assertEquals("null", run.result("phone_number"), run::toString);
            } else {
                assertEquals("Renamed " + id, run.result("display_name"), run::toString);
                assertEquals("null", run.result("phone_number"), run::toString);
            }
            if (!app.endsWith("HikariApp")) {
                assertEquals("dev.dualwrite.agent.internal.jdbc.DualWriteConnection", run.result("connection"),
                        run::toString);
            } else {
                assertTrue(run.result("second").contains("Hikari"), "the pool hands out its own proxies: " + run);
            }
            try (Connection c = target.connect()) {
                String[] r = row(c, table, id);
                assertEquals("Renamed " + id, r[0], "full_name");
                assertEquals("Renamed " + id, r[1], "display_name is mirrored");
                assertNull(r[2], "the dropped column is not written");
            }
        }
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(ints = {17, 25})
    void attachedToARunningApplicationTheAgentInstrumentsTheDriverAlreadyLoaded(int jdk) throws Exception {
        int id = IDS.incrementAndGet();
        try (Target target = new Target("h2")) {
            try (Connection c = target.connect()) {
                createTable(c, "people");
            }
            Path config = config("people", "mirror");
            Forks.Run run = Forks.await(Forks.start(jdk, null, List.of("-Djdk.attach.allowAttachSelf=true"), dir,
                    AttachApp.class.getName(), Forks.agentJar().toAbsolutePath().toString(),
                    "config=" + config.toAbsolutePath(), target.url, target.user, target.password, "people",
                    Integer.toString(id)));
            assertEquals(0, run.exit(), run::toString);
            assertFalse(run.stderr().contains("Exception"), run::toString);
            assertTrue(run.stderr().contains("dualwrite agent started"), run::toString);
            assertEquals("org.h2.jdbc.JdbcConnection", run.result("before"), run::toString);
            assertEquals("dev.dualwrite.agent.internal.jdbc.DualWriteConnection", run.result("connection"),
                    run::toString);
            assertEquals("Renamed " + id, run.result("display_name"), run::toString);
            try (Connection c = target.connect()) {
                String[] r = row(c, "people", id);
                assertEquals("Renamed " + id, r[0], "full_name");
                assertEquals("Renamed " + id, r[1], "display_name is mirrored");
            }
        }
    }

    @Test
    void withoutTheAgentNothingIsRewritten() throws Exception {
        try (Target target = new Target("h2")) {
            try (Connection c = target.connect()) {
                createTable(c, "people");
            }
            Forks.Run run = Forks.run(17, null, dir, DriverManagerApp.class.getName(), target.url, target.user,
                    target.password, "people", "1");
            assertEquals(0, run.exit(), run::toString);
            assertEquals("org.h2.jdbc.JdbcConnection", run.result("connection"));
            try (Connection c = target.connect()) {
                assertEquals(List.of("Renamed 1", "null", "555-1"), List.of(row(c, "people", 1)[0],
                        String.valueOf(row(c, "people", 1)[1]), row(c, "people", 1)[2]));
            }
        }
    }

    @Test
    void anInvalidConfigurationLeavesTheApplicationUntouched() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phase: soon\n");
        try (Target target = new Target("h2")) {
            try (Connection c = target.connect()) {
                createTable(c, "people");
            }
            Forks.Run run = Forks.run(25, "config=" + bad.toAbsolutePath(), dir, DriverManagerApp.class.getName(),
                    target.url, target.user, target.password, "people", "2");
            assertEquals(0, run.exit(), run::toString);
            assertEquals("org.h2.jdbc.JdbcConnection", run.result("connection"), run::toString);
            long lines = run.stderr().lines().filter(l -> l.contains("dualwrite agent not started")).count();
            assertEquals(1, lines, run::toString);
            assertTrue(run.stderr().contains("bad.yaml:5: unknown phase 'soon'"), run::toString);
        }
    }

    @Test
    void aMissingConfigurationLeavesTheApplicationUntouched() throws Exception {
        try (Target target = new Target("h2")) {
            try (Connection c = target.connect()) {
                createTable(c, "people");
            }
            Forks.Run run = Forks.run(17, "", dir, DriverManagerApp.class.getName(), target.url, target.user,
                    target.password, "people", "3");
            assertEquals(0, run.exit(), run::toString);
            assertEquals("org.h2.jdbc.JdbcConnection", run.result("connection"), run::toString);
            assertTrue(run.stderr().contains("no configuration"), run::toString);
        }
    }
}
