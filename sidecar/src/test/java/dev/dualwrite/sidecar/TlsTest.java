package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.ExternalPrograms.Started;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS. Toward clients: the sidecar terminates TLS with a certificate made for the test; verifying clients (pgjdbc
 * and psql with {@code verify-full}) connect, run rewritten statements, large results, password logins and cancels
 * over it; a client that requires TLS from a sidecar that offers none is refused clearly. Toward the server: with
 * {@code ssl = on} on the server, {@code require} and {@code prefer} encrypt; with it off, {@code prefer} falls back to
 * plain and {@code require} gives the client a clear error.
 */
@Tag("database")
@Tag("process")
class TlsTest {
    private static String db;
    private static ManualConfigSource config;
    private static TestCertificates certs;
    private static SidecarServer tls;
    private static boolean serverSsl;
    private static boolean rolesCreated;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        try (Connection admin = TestPostgres.admin(); Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("SHOW ssl")) {
            rs.next();
            serverSsl = "on".equals(rs.getString(1));
        }
        db = TestPostgres.createDatabase("tls");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
                "INSERT INTO people (id, full_name, display_name) VALUES (1, 'Ada', 'Ada')");
        config = Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR);
        certs = TestCertificates.create(dir, "dualwrite-sidecar-test");
        tls = Sidecars.start(new SidecarOptions(Sidecars.anyLoopbackPort(), TestPostgres.address(), config,
                certs.serverContext(), UpstreamTls.DISABLED, null, SidecarOptions.DEFAULT_MAX_MESSAGE, 2));
    }

    @AfterAll
    static void tearDown() throws SQLException {
        Sidecars.close(tls);
        TestPostgres.dropDatabase(db);
        if (rolesCreated) {
            try (Connection admin = TestPostgres.admin()) {
                TestRoles.dropRoles(admin);
            }
        }
    }

    private static String verifyFull() {
        return "sslmode=verify-full&sslrootcert=" + certs.certificatePem;
    }

    @Test
    void pgjdbcVerifiesTheSidecarsCertificateAndWorksOverTls() throws SQLException {
        try (Connection c = Sidecars.connect(tls, db, verifyFull() + "&prepareThreshold=1");
                PreparedStatement insert = c.prepareStatement("INSERT INTO people (id, display_name) VALUES (?, ?)");
                PreparedStatement big = c.prepareStatement("SELECT repeat(display_name, ?) FROM people WHERE id = ?")) {
            for (int i = 2; i <= 6; i++) {
                insert.setInt(1, i);
                insert.setString(2, "over tls " + i);
                assertEquals(1, insert.executeUpdate());
            }
            big.setInt(1, 500_000);
            big.setInt(2, 1);
            try (ResultSet rs = big.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("Ada".repeat(500_000), rs.getString(1), "a 1.5 MB value over several TLS records");
            }
        }
        assertEquals(0, TestPostgres.queryLong(db, "SELECT count(*) FROM people WHERE full_name IS DISTINCT FROM"
                + " display_name"));
        assertEquals(6, TestPostgres.queryLong(db, "SELECT count(*) FROM people"));
    }

    @Test
    void aCertificateTheClientDoesNotTrustIsRefusedByTheClient() throws Exception {
        TestCertificates other = TestCertificates.create(dir, "some-other-authority");
        SQLException e = assertThrows(SQLException.class, () -> Sidecars.connect(tls, db,
                "sslmode=verify-full&sslrootcert=" + other.certificatePem).close());
        assertTrue(e.getMessage().toLowerCase().contains("ssl") || e.getMessage().contains("certificate"),
                e::toString);
    }

    @Test
    void psqlVerifiesTheSidecarsCertificateAndWorksOverTls() {
        Path psql = ExternalPrograms.require("psql");
        Result r = new Run(psql, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "host=" + Sidecars.host(tls)
                + " port=" + Sidecars.port(tls) + " user=postgres dbname=" + db + " sslmode=verify-full sslrootcert="
                + certs.certificatePem, "-c", "\\conninfo", "-c", "SELECT display_name FROM people WHERE id = 1")
                .run();
        assertEquals(0, r.exit(), r::describe);
        assertTrue(r.out().contains("SSL connection"), r::describe);
        assertTrue(r.out().trim().endsWith("Ada"), r::describe);
    }

    @Test
    void aPasswordLoginOverTlsToTheSidecar() throws Exception {
        try (Connection admin = TestPostgres.admin()) {
            rolesCreated = true;
            TestRoles.createRoles(admin);
            TestRoles.ensureRules(admin);
        }
        TestPostgres.execute(db, "GRANT SELECT ON people TO " + TestRoles.SCRAM.name());
        Properties p = new Properties();
        p.setProperty("user", TestRoles.SCRAM.name());
        p.setProperty("password", TestRoles.SCRAM.password());
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", certs.certificatePem.toString());
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + Sidecars.host(tls) + ":"
                + Sidecars.port(tls) + "/" + db, p); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, display_name FROM people WHERE id = 1")) {
            assertTrue(rs.next());
            assertEquals(TestRoles.SCRAM.name(), rs.getString(1));
        }
        Path psql = ExternalPrograms.require("psql");
        Result r = new Run(psql, "-X", "-A", "-t", "-w", "host=" + Sidecars.host(tls) + " port=" + Sidecars.port(tls)
                + " user=" + TestRoles.SCRAM.name() + " dbname=" + db + " sslmode=verify-full sslrootcert="
                + certs.certificatePem, "-c", "SELECT current_user").env("PGPASSWORD", TestRoles.SCRAM.password())
                .run();
        assertEquals(0, r.exit(), r::describe);
        assertEquals(TestRoles.SCRAM.name(), r.out().trim(), r::describe);
    }

    @Test
    void cancelRequestsWorkForTlsClients() throws Exception {
        String marker = TestPostgres.unique("tlscancel");
        try (Connection c = Sidecars.connect(tls, db, verifyFull());
                PreparedStatement ps = c.prepareStatement("SELECT pg_sleep(30), '" + marker + "'")) {
            CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                } catch (SQLException e) {
                    return e;
                }
            });
            PsqlTest.awaitActive("/* " + marker + " */");
            ps.cancel();
            Object outcome = running.get(15, TimeUnit.SECONDS);
            assertTrue(outcome instanceof SQLException, () -> "expected a cancel, got " + outcome);
            assertEquals("57014", ((SQLException) outcome).getSQLState(), outcome::toString);
        }
        Path psql = ExternalPrograms.require("psql");
        String marker2 = TestPostgres.unique("tlscancel");
        Started p = new Run(psql, "-X", "host=" + Sidecars.host(tls) + " port=" + Sidecars.port(tls)
                + " user=postgres dbname=" + db + " sslmode=require", "-c", "SELECT pg_sleep(30), '" + marker2 + "'")
                .timeout(Duration.ofSeconds(40)).start();
        PsqlTest.awaitActive("/* " + marker2 + " */");
        p.signal("INT");
        Result r = p.await(Duration.ofSeconds(15));
        assertTrue(r.err().contains("canceling statement due to user request"), r::describe);
    }

    @Test
    void aClientThatRequiresTlsFromASidecarWithoutItIsRefusedClearly() throws Exception {
        SidecarServer plain = Sidecars.start(config);
        try {
            SQLException e = assertThrows(SQLException.class,
                    () -> Sidecars.connect(plain, db, "sslmode=require").close());
            assertTrue(e.getMessage().contains("does not support SSL"), e::toString);
            try (Connection c = Sidecars.connect(plain, db, "sslmode=prefer"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT display_name FROM people WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("Ada", rs.getString(1));
            }
            Path psql = ExternalPrograms.require("psql");
            Result r = new Run(psql, "-X", "host=" + Sidecars.host(plain) + " port=" + Sidecars.port(plain)
                    + " user=postgres dbname=" + db + " sslmode=require", "-c", "SELECT 1").run();
            assertNotEquals(0, r.exit(), r::describe);
            assertTrue(r.err().contains("server does not support SSL"), r::describe);
        } finally {
            plain.close();
        }
    }

    private static SidecarServer upstream(String mode, Path ca) throws Exception {
        return Sidecars.start(new SidecarOptions(Sidecars.anyLoopbackPort(), TestPostgres.address(), config, null,
                UpstreamTls.of(mode, ca == null ? null : ca.toFile()), null, SidecarOptions.DEFAULT_MAX_MESSAGE, 1));
    }

    /** Whether the server sees this session's connection (the sidecar's upstream one) as encrypted. */
    private static boolean upstreamEncrypted(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            return rs.getBoolean(1);
        }
    }

    @Test
    void upstreamPrefer() throws Exception {
        SidecarServer s = upstream("prefer", null);
        try (Connection c = Sidecars.connect(s, db)) {
            assertEquals(serverSsl, upstreamEncrypted(c), "prefer encrypts exactly when the server offers TLS");
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT display_name FROM people WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("Ada", rs.getString(1));
            }
        } finally {
            s.close();
        }
    }

    @Test
    void upstreamRequire() throws Exception {
        SidecarServer s = upstream("require", null);
        try {
            if (serverSsl) {
                try (Connection c = Sidecars.connect(s, db)) {
                    assertTrue(upstreamEncrypted(c));
                }
            } else {
                SQLException e = assertThrows(SQLException.class, () -> Sidecars.connect(s, db).close());
                assertEquals("08001", e.getSQLState(), e::toString);
                assertTrue(e.getMessage().contains("does not accept TLS") && e.getMessage().contains("require"),
                        e::toString);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void upstreamVerifyFullWithACertificateTheServerDoesNotHaveFails() throws Exception {
        // Our test certificate is not the server's: verify-full must refuse either way (no TLS, or a failed check).
        SidecarServer s = upstream("verify-full", certs.certificatePem);
        try {
            SQLException e = assertThrows(SQLException.class, () -> Sidecars.connect(s, db).close());
            assertEquals("08001", e.getSQLState(), e::toString);
            assertTrue(e.getMessage().contains("could not reach the upstream server"), e::toString);
        } finally {
            s.close();
        }
    }
}
