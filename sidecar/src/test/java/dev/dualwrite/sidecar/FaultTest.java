package dev.dualwrite.sidecar;

import dev.dualwrite.core.db.TcpRelay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.RawClient.Message;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input and bad luck: malformed frames (a length too small or too big, before and after start-up, a truncated
 * string or value inside a well-framed message), clients that vanish in the middle of a message or stop reading, the
 * upstream down when a client connects, the upstream going away under open sessions and coming back, and a backend
 * terminated by the server. Each must end that one connection with a clear error (or quietly, when the client is
 * gone) and leave the sidecar serving everyone else; never a hang or a crash.
 */
@Tag("database")
@Tag("process")
class FaultTest {
    @RegisterExtension
    static final SidecarDatabase PG = SidecarDatabase.named("faults",
            "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text,"
                + " phone_number text)",
                "INSERT INTO people (id, full_name, display_name) VALUES (1, 'Ada', 'Ada')");

    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(5);



    private static RawClient session(String applicationName) throws IOException {
        RawClient c = RawClient.to(PG.sidecar());
        List<Message> start = c.startup("postgres", PG.db(), applicationName);
        assertNotNull(RawClient.first(start, 'Z'), () -> "start-up failed: " + RawClient.describe(start));
        return c;
    }

    /** The sidecar still serves a new client, rewrite included. */
    private static void assertStillServing() throws SQLException {
        try (Connection c = Sidecars.connect(PG.sidecar(), PG.db()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT display_name FROM people WHERE id = 1")) {
            assertTrue(rs.next());
            assertEquals("Ada", rs.getString(1));
        }
    }

    /** Waits until the server has no session left for an application name (its upstream connection was closed). */
    private static void assertBackendGone(String applicationName) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long n = -1;
        while (System.nanoTime() < deadline) {
            n = TestPostgres.queryLong("postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                    + applicationName + "'");
            if (n == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(n + " server session(s) of " + applicationName + " still open 10 s after the client"
                + " connection ended: the PG.sidecar() did not close the upstream connection");
    }

    private static void assertProtocolErrorAndClose(RawClient c, String what) throws IOException {
        long t0 = System.nanoTime();
        List<Message> rest = c.readToEnd(CLOSE_WITHIN);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Message error = RawClient.first(rest, 'E');
        assertNotNull(error, () -> what + ": expected an ErrorResponse, got " + RawClient.describe(rest));
        assertEquals("08P01", error.sqlState(), () -> what + ": " + RawClient.describe(rest));
        assertTrue(ms < CLOSE_WITHIN.toMillis(), what + ": the connection was closed after " + ms + " ms");
    }

    @ParameterizedTest(name = "declared length {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aMessageLengthBelowFourEndsTheConnectionWithAProtocolError(int length) throws Exception {
        String app = TestPostgres.unique("short");
        try (RawClient c = session(app)) {
            c.send(ByteBuffer.allocate(5).put((byte) 'Q').putInt(length).array());
            assertProtocolErrorAndClose(c, "Query with length " + length);
        }
        assertBackendGone(app);
        assertStillServing();
    }

    @ParameterizedTest(name = "declared length {0}")
    @ValueSource(ints = {0x7fffffff, 0x80000000, 0xffffffff})
    void aMessageLengthOverTheLimitEndsTheConnectionAtOnce(int length) throws Exception {
        String app = TestPostgres.unique("long");
        try (RawClient c = session(app)) {
            c.send(ByteBuffer.allocate(9).put((byte) 'Q').putInt(length).put("SELE".getBytes()).array());
            assertProtocolErrorAndClose(c, "Query with length " + Integer.toUnsignedString(length));
        }
        assertBackendGone(app);
        assertStillServing();
    }

    @Test
    void theConfiguredMessageLimitIsEnforcedAndMessagesBelowItPass() throws Exception {
        SidecarServer small = Sidecars.start(new SidecarOptions(Sidecars.anyLoopbackPort(), TestPostgres.address(),
                PG.config(), null, UpstreamTls.DISABLED, null, 64 * 1024, 1));
        try {
            String app = TestPostgres.unique("limit");
            try (RawClient c = new RawClient(small.listenAddress())) {
                c.startup("postgres", PG.db(), app);
                String fits = "SELECT display_name, '" + "x".repeat(60_000) + "' FROM people";
                List<Message> ok = c.simpleQuery(fits);
                assertEquals("Ada", RawClient.firstValue(ok), () -> RawClient.describe(ok));
                c.send(RawClient.query("SELECT '" + "y".repeat(100_000) + "'"));
                assertProtocolErrorAndClose(c, "a 100 kB Query with a 64 KiB limit");
            }
            assertBackendGone(app);
        } finally {
            small.close();
        }
    }

    @Test
    void malformedStartupPacketsAreRefused() throws Exception {
        // A length below 8 (length + protocol), a start-up packet over the 10000 bytes PostgreSQL allows, and an
        // unknown protocol version: each gets an error or a close, never a hang.
        byte[][] bad = {
            ByteBuffer.allocate(4).putInt(3).array(),
            ByteBuffer.allocate(8).putInt(20_000).putInt(RawClient.PROTOCOL_3).array(),
            ByteBuffer.allocate(8).putInt(0x7fffffff).putInt(RawClient.PROTOCOL_3).array(),
            RawClient.startupMessage(0x00020000, Map.of("user", "postgres", "database", PG.db())),
            RawClient.startupMessage(0x12345678, Map.of("user", "postgres", "database", PG.db())),
        };
        for (byte[] packet : bad) {
            try (RawClient c = RawClient.to(PG.sidecar())) {
                c.send(packet);
                long t0 = System.nanoTime();
                List<Message> answer = c.readToEnd(CLOSE_WITHIN);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms < CLOSE_WITHIN.toMillis(), "closed after " + ms + " ms");
                assertTrue(answer.stream().allMatch(m -> m.type() == 'E'), () -> RawClient.describe(answer));
                assertTrue(!answer.isEmpty(), "a refused start-up should say why (an ErrorResponse) before closing");
            }
        }
        assertStillServing();
    }

    @Test
    void encryptionRequestsAreAnsweredAndTheStartupGoesOn() throws Exception {
        for (int request : new int[] {RawClient.GSSENC_REQUEST, RawClient.SSL_REQUEST}) {
            try (RawClient c = RawClient.to(PG.sidecar())) {
                c.send(ByteBuffer.allocate(8).putInt(8).putInt(request).array());
                assertEquals('N', c.readByte(), "a PG.sidecar() without client TLS declines");
                List<Message> start = c.startup("postgres", PG.db(), "after-encryption-request");
                assertNotNull(RawClient.first(start, 'Z'), () -> RawClient.describe(start));
                assertEquals("Ada", RawClient.firstValue(c.simpleQuery("SELECT display_name FROM people")));
            }
        }
    }

    @Test
    void aStringWithoutItsTerminatorInAParseIsAProtocolError() throws Exception {
        String app = TestPostgres.unique("parse");
        try (RawClient c = session(app)) {
            byte[] body = "s1\0SELECT display_name FROM people".getBytes();
            c.send(RawClient.message('P', body), RawClient.message('S', new byte[0]));
            assertProtocolErrorAndClose(c, "Parse whose query string is not terminated");
        }
        assertBackendGone(app);
        assertStillServing();
    }

    /** Parse {@code sql} as {@code name}, then a Bind announcing two values but carrying one and a half. */
    private static void parseThenTruncatedBind(RawClient c, String name, String sql, boolean sync)
            throws IOException {
        ByteArrayOutputStream parse = new ByteArrayOutputStream();
        RawClient.cstring(parse, name);
        RawClient.cstring(parse, sql);
        parse.write(0);
        parse.write(0);
        c.send(RawClient.message('P', parse.toByteArray()), RawClient.message('S', new byte[0]));
        List<Message> parsed = c.readUntilReady();
        assertNotNull(RawClient.first(parsed, '1'), () -> RawClient.describe(parsed));
        ByteBuffer bind = ByteBuffer.allocate(64).put((byte) 0).put(name.getBytes()).put((byte) 0)
                .putShort((short) 0).putShort((short) 2).putInt(1).put((byte) '7').putInt(40).put("ab".getBytes());
        byte[] b = new byte[bind.position()];
        bind.flip().get(b);
        if (sync) {
            c.send(RawClient.message('B', b), RawClient.message('E', new byte[] {0, 0, 0, 0, 0}),
                    RawClient.message('S', new byte[0]));
        } else {
            c.send(RawClient.message('B', b));
        }
    }

    @Test
    void aTruncatedBindPassedThroughGetsTheServersErrorAndTheSessionGoesOn() throws Exception {
        // In mirror "$2" is simply used twice, so the Bind is the application's own and the server judges it.
        try (RawClient c = session(TestPostgres.unique("bind"))) {
            parseThenTruncatedBind(c, "ins", "INSERT INTO people (id, full_name) VALUES ($1, $2)", true);
            List<Message> answer = c.readUntilReady();
            Message error = RawClient.first(answer, 'E');
            assertNotNull(error, () -> RawClient.describe(answer));
            assertEquals("08P01", error.sqlState(), () -> RawClient.describe(answer));
            assertNotNull(RawClient.first(answer, 'Z'), () -> RawClient.describe(answer));
            assertEquals("Ada", RawClient.firstValue(c.simpleQuery("SELECT display_name FROM people WHERE id = 1")));
        }
        assertEquals(0, TestPostgres.queryLong(PG.db(), "SELECT count(*) FROM people WHERE id = 7"));
    }

    @Test
    void aTruncatedBindTheSidecarMustRenumberIsAProtocolError() throws Exception {
        // With a drop window the sidecar removes a placeholder, so it reads the values to renumber them.
        SidecarServer dropping = Sidecars.start(new ManualConfigSource(
                Configuration.builder()
                        .rename("people", "full_name", "display_name", Phase.MIRROR)
                        .drop("people", "phone_number").build()));
        String app = TestPostgres.unique("bind");
        try (RawClient c = new RawClient(dropping.listenAddress())) {
            c.startup("postgres", PG.db(), app);
            // Nothing after the Bind: the connection is closed at once, and unread input would turn into a reset.
            parseThenTruncatedBind(c, "ins", "INSERT INTO people (id, phone_number) VALUES ($1, $2)", false);
            assertProtocolErrorAndClose(c, "Bind with a truncated value");
        } finally {
            assertBackendGone(app);
            dropping.close();
        }
        assertEquals(0, TestPostgres.queryLong(PG.db(), "SELECT count(*) FROM people WHERE id = 7"));
        assertStillServing();
    }

    @Test
    void aClientThatVanishesMidMessageOrMidStartupLeavesNothingBehind() throws Exception {
        long openBefore = Sidecars.metric(PG.sidecar(), "dualwrite_connections_open");
        String app = TestPostgres.unique("vanish");
        try (RawClient c = session(app)) {
            byte[] partial = ByteBuffer.allocate(15).put((byte) 'Q').putInt(1000).put("SELECT 1; ".getBytes())
                    .array();
            c.send(partial);
        }
        assertBackendGone(app);
        try (RawClient c = RawClient.to(PG.sidecar())) {
            c.send(ByteBuffer.allocate(14).putInt(100).putInt(RawClient.PROTOCOL_3).put("user\0p".getBytes()).array());
        }
        try (RawClient c = RawClient.to(PG.sidecar())) {
            c.send(new byte[] {0, 0});
        }
        awaitOpenConnections(PG.sidecar(), openBefore);
        assertStillServing();
    }

    @Test
    void aClientThatStopsReadingDoesNotMakeTheSidecarBuffer() throws Exception {
        String app = TestPostgres.unique("stall");
        long before = usedDirect();
        try (RawClient c = session(app)) {
            // About 400 MB of rows that the client does not read.
            c.send(RawClient.query("SELECT repeat('x', 2000) FROM generate_series(1, 200000)"));
            Thread.sleep(3000);
            long during = usedDirect() - before;
            Runtime rt = Runtime.getRuntime();
            long heap = rt.totalMemory() - rt.freeMemory();
            assertTrue(during < 64L * 1024 * 1024, "the PG.sidecar() holds " + (during >> 20) + " MiB more direct memory"
                    + " for a client that does not read (heap in use " + (heap >> 20) + " MiB)");
            // Then read a little and vanish with the rest still coming.
            c.input().readNBytes(100_000);
        }
        assertBackendGone(app);
        assertStillServing();
    }

    private static long usedDirect() {
        ByteBufAllocator a = ByteBufAllocator.DEFAULT;
        return a instanceof ByteBufAllocatorMetricProvider p ? p.metric().usedDirectMemory()
                : PlatformDependent.usedDirectMemory();
    }

    private static void awaitOpenConnections(SidecarServer server, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long open = -1;
        while (System.nanoTime() < deadline) {
            open = Sidecars.metric(server, "dualwrite_connections_open");
            if (open <= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("dualwrite_connections_open is " + open + ", expected " + expected);
    }

    @Test
    void theUpstreamDownAtConnectGivesTheClientAClearError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", closedPort);
        SidecarServer orphan = Sidecars.start(new SidecarOptions(Sidecars.anyLoopbackPort(), nowhere, PG.config(), null,
                UpstreamTls.DISABLED, Sidecars.anyLoopbackPort(), SidecarOptions.DEFAULT_MAX_MESSAGE, 1));
        try {
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class,
                    () -> Sidecars.connect(orphan, PG.db(), "connectTimeout=20").close());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("08001", e.getSQLState(), e::toString);
            assertTrue(e.getMessage().contains("could not reach the upstream server")
                    && e.getMessage().contains(String.valueOf(closedPort)), e::toString);
            assertTrue(ms < 5000, "the error took " + ms + " ms");
            assertTrue(Sidecars.metric(orphan, "dualwrite_upstream_failures_total") >= 1);
            assertEquals("ok", Sidecars.get(orphan, "/health").trim(), "the PG.sidecar() itself is up");

            Optional<Path> psql = ExternalPrograms.find("psql");
            if (psql.isPresent()) {
                Result r = new Run(psql.get(), "-X", "-h", Sidecars.host(orphan), "-p", Sidecars.port(orphan), "-U",
                        "postgres", "-d", PG.db(), "-c", "SELECT 1").run();
                assertNotEquals(0, r.exit(), r::describe);
                assertTrue(r.err().contains("could not reach the upstream server"), r::describe);
            }
        } finally {
            orphan.close();
        }
    }

    @Test
    void theUpstreamGoingAwayEndsOpenSessionsAndNewOnesWorkOnceItIsBack() throws Exception {
        try (TcpRelay relay = new TcpRelay(TestPostgres.address()).start()) {
            SidecarServer viaRelay = Sidecars.start(new SidecarOptions(Sidecars.anyLoopbackPort(), relay.address(),
                    PG.config(), null, UpstreamTls.DISABLED, Sidecars.anyLoopbackPort(), SidecarOptions.DEFAULT_MAX_MESSAGE,
                    1));
            try (Connection before = Sidecars.connect(viaRelay, PG.db(), "socketTimeout=30")) {
                assertEquals("Ada", displayName(before));
                relay.stop();
                long t0 = System.nanoTime();
                SQLException lost = assertThrows(SQLException.class, () -> displayName(before));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(lost.getSQLState() != null && lost.getSQLState().startsWith("08"), lost::toString);
                assertTrue(ms < 5000, "the open session learned of the loss after " + ms + " ms");

                SQLException down = assertThrows(SQLException.class,
                        () -> Sidecars.connect(viaRelay, PG.db(), "connectTimeout=20").close());
                assertEquals("08001", down.getSQLState(), down::toString);

                relay.start();
                try (Connection after = Sidecars.connect(viaRelay, PG.db(), "prepareThreshold=1")) {
                    for (int i = 0; i < 3; i++) {
                        assertEquals("Ada", displayName(after));
                    }
                }
                awaitOpenConnections(viaRelay, 0);
            } finally {
                viaRelay.close();
            }
        }
    }

    @Test
    void aBackendTerminatedByTheServerEndsOnlyThatSession() throws Exception {
        try (Connection victim = Sidecars.connect(PG.sidecar(), PG.db()); Connection bystander = Sidecars.connect(PG.sidecar(), PG.db())) {
            int pid;
            try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (Connection admin = TestPostgres.admin(); Statement s = admin.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            SQLException e = assertThrows(SQLException.class, () -> displayName(victim));
            assertTrue("57P01".equals(e.getSQLState()) || e.getSQLState().startsWith("08"), e::toString);
            assertEquals("Ada", displayName(bystander));
        }
        assertStillServing();
    }

    private static String displayName(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT display_name FROM people WHERE id = 1")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
