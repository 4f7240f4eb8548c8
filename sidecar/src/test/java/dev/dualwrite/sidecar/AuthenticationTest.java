package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.TestRoles.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every authentication method, through the sidecar, against the real server: trust, cleartext password, MD5 and
 * SCRAM-SHA-256. The sidecar has no credentials and must relay the server's own challenge and the client's answers
 * untouched; a wrong password must be refused by the server with its own error.
 */
@Tag("database")
@Tag("process")
class AuthenticationTest {
    static final Role TRUST = new Role("postgres", "trust", null, 0);

    private static String db;
    private static SidecarServer sidecar;

    static Stream<Role> allMethods() {
        return Stream.of(TRUST, TestRoles.CLEARTEXT, TestRoles.MD5, TestRoles.SCRAM);
    }

    static Stream<Role> passwordMethods() {
        return TestRoles.PASSWORD_ROLES.stream();
    }

    @BeforeAll
    static void setUp() throws Exception {
        try (Connection admin = TestPostgres.admin()) {
            TestRoles.createRoles(admin);
            TestRoles.ensureRules(admin);
        }
        db = TestPostgres.createDatabase("auth");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
                "INSERT INTO people VALUES (1, 'Ada', 'Ada')",
                "GRANT SELECT, INSERT, UPDATE ON people TO dw_sidecar_password, dw_sidecar_md5, dw_sidecar_scram");
        sidecar = Sidecars.start(Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR));
    }

    @AfterAll
    static void tearDown() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
        try (Connection admin = DriverManager.getConnection(TestDatabases.PG_URL)) {
            TestRoles.dropRoles(admin);
        } catch (SQLException e) {
            System.err.println("could not drop the test roles: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allMethods")
    void theClientReceivesTheServersOwnChallenge(Role role) throws Exception {
        assertEquals(role.authCode(), TestRoles.firstAuthCode(TestPostgres.address(), role.name(), db),
                "the server itself (directly) must ask " + role.name() + " for " + role.method());
        assertEquals(role.authCode(), TestRoles.firstAuthCode(sidecar.listenAddress(), role.name(), db),
                "through the sidecar, " + role.name() + " must be asked for " + role.method());
        if (role == TestRoles.SCRAM) {
            List<String> direct = TestRoles.saslMechanisms(TestPostgres.address(), role.name(), db);
            assertTrue(direct.contains("SCRAM-SHA-256"), direct::toString);
            assertEquals(direct, TestRoles.saslMechanisms(sidecar.listenAddress(), role.name(), db));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allMethods")
    void pgjdbcLogsInAndWorks(Role role) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", role.name());
        if (role.password() != null) {
            p.setProperty("password", role.password());
        }
        String url = "jdbc:postgresql://" + Sidecars.host(sidecar) + ":" + Sidecars.port(sidecar) + "/" + db;
        try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, display_name FROM people WHERE id = 1")) {
            assertTrue(rs.next());
            assertEquals(role.name(), rs.getString(1));
            assertEquals("Ada", rs.getString("display_name"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("passwordMethods")
    void pgjdbcWithAWrongPasswordIsRefusedByTheServer(Role role) {
        Properties p = new Properties();
        p.setProperty("user", role.name());
        p.setProperty("password", role.password() + "-wrong");
        String url = "jdbc:postgresql://" + Sidecars.host(sidecar) + ":" + Sidecars.port(sidecar) + "/" + db;
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, p).close());
        assertEquals("28P01", e.getSQLState(), e::toString);
        assertTrue(e.getMessage().contains("password authentication failed for user \"" + role.name() + "\""),
                e::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allMethods")
    void psqlLogsInAndAWrongPasswordIsRefused(Role role) {
        Path psql = ExternalPrograms.require("psql");
        Run ok = new Run(psql, "-X", "-A", "-t", "-w", "-h", Sidecars.host(sidecar), "-p", Sidecars.port(sidecar),
                "-U", role.name(), "-d", db, "-c", "SELECT current_user || ' ' || display_name FROM people");
        if (role.password() != null) {
            ok.env("PGPASSWORD", role.password());
        }
        Result r = ok.run();
        assertEquals(0, r.exit(), r::describe);
        assertEquals(role.name() + " Ada", r.out().trim(), r::describe);
        if (role.password() == null) {
            return;
        }
        Result wrong = new Run(psql, "-X", "-w", "-h", Sidecars.host(sidecar), "-p", Sidecars.port(sidecar),
                "-U", role.name(), "-d", db, "-c", "SELECT 1").env("PGPASSWORD", "not " + role.password()).run();
        assertNotEquals(0, wrong.exit(), wrong::describe);
        assertTrue(wrong.err().contains("password authentication failed for user \"" + role.name() + "\""),
                wrong::describe);
    }

    @Test
    void noPasswordAppearsInTheMetricsOrTheHealthEndpoint() {
        String all = Sidecars.metrics(sidecar) + Sidecars.get(sidecar, "/health");
        for (Role r : TestRoles.PASSWORD_ROLES) {
            assertFalse(all.contains(r.password()), all);
        }
    }
}
