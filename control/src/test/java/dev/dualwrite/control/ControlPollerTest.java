package dev.dualwrite.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.db.TcpRelay;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An instance's side of the control tables on each database: a phase move is applied within one poll plus a second,
 * the heartbeat rows say what the instance applies and counts, a clean stop is recorded, and an outage of the control
 * database is survived on the last windows, shown as the instance being gone, and healed.
 */
class ControlPollerTest {
    private static final long POLL = 200;
    private static final String SCHEMA = "dw_fleet_ctl";

    enum Db {
        H2(Dialect.H2), POSTGRESQL(Dialect.POSTGRESQL), MARIADB(Dialect.MYSQL);

        final Dialect dialect;
        String url;

        Db(Dialect dialect) {
            this.dialect = dialect;
        }

        Connection connect() throws SQLException {
            switch (this) {
                case H2:
                    url = url == null ? TestDatabases.newH2Url() : url;
                    return DriverManager.getConnection(url, "sa", "");
                case POSTGRESQL:
                    url = TestDatabases.PG_URL;
                    return TestDatabases.postgres();
                default:
                    url = TestDatabases.MARIADB_URL;
                    return TestDatabases.mariadb();
            }
        }

        Properties credentials() {
            Properties p = new Properties();
            if (this == H2) {
                p.setProperty("user", "sa");
                p.setProperty("password", "");
            }
            return p;
        }

        /** A name as this database stores it unquoted. */
        String stored(String name) {
            return this == H2 ? name.toUpperCase(Locale.ROOT) : name;
        }

        String schemaOfTable(Connection c) throws SQLException {
            return this == MARIADB ? c.getCatalog() : stored("public");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void followsPhaseMovesWritesHeartbeatsAndRecordsTheStop(Db db) throws Exception {
        try (Connection admin = db.connect()) {
            ControlTables tables = fresh(admin, db);
            WindowChanges changes = new WindowChanges(tables);
            String key = declare(admin, db, changes);

            ControlConfigSource source = new ControlConfigSource(base(null));
            RewriteEngine engine = RewriteEngine.builder(db.dialect).config(source).build();
            source.addUsage(engine::usage);
            try {
                assertTrue(source.start(Instance.JDBC, "fleet-test", ControlConnector.url(db.url, db.credentials())));
                assertFalse(source.start(Instance.JDBC, "twice", ControlConnector.url(db.url, db.credentials())),
                        "a second start is ignored");
                await(5000, () -> phase(source) == Phase.OLD_ONLY, "the first read of the control tables");
                for (int i = 0; i < 3; i++) {
                    engine.plan("SELECT full_name FROM people WHERE id = 1").recordExecution();
                }
                engine.plan("UPDATE people SET display_name = 'x' WHERE id = 1").recordExecution();

                long versionBefore = engine.version();
                long v2 = changes.setPhase(admin, key, "old-only", "mirror", System.currentTimeMillis());
                long moved = System.currentTimeMillis();
                await(POLL + 1000, () -> phase(source) == Phase.MIRROR, "the move to mirror within a poll and 1 s");
                System.out.println(db + ": mirror applied " + (System.currentTimeMillis() - moved) + " ms after the"
                        + " move");
                assertTrue(engine.version() > versionBefore, "the engine dropped its plans for the new version");
                assertEquals(Phase.MIRROR, ((RenameWindow) engine.configuration().windows().get(0)).phase());

                await(3000, () -> {
                    FleetState s = read(admin, tables);
                    FleetState.Report r = s.reports(key).get(source.status().instanceId());
                    return r != null && "mirror".equals(r.phaseApplied());
                }, "a heartbeat reporting mirror");
                FleetState s = read(admin, tables);
                String id = source.status().instanceId();
                FleetState.Instance me = s.instance(id);
                assertEquals("jdbc", me.kind());
                assertEquals("fleet-test", me.app());
                assertEquals(ProcessHandle.current().pid(), me.pid());
                assertEquals(POLL, me.pollMs());
                assertEquals(v2, me.configVersion());
                assertNull(me.stoppedAt());
                assertTrue(me.live(System.currentTimeMillis()));
                FleetState.Report r = s.reports(key).get(id);
                assertEquals(3, r.oldNameStatements());
                assertEquals(1, r.newNameStatements());
                assertNotNull(r.oldNameLastUsed());
                assertTrue(System.currentTimeMillis() - r.oldNameLastUsed() < 60_000);
                assertTrue(source.status().reachable());
                assertEquals(v2, source.status().fleetVersion());
            } finally {
                source.close();
                engine.close();
            }
            FleetState after = read(admin, tables);
            FleetState.Instance me = after.instance(source.status().instanceId());
            assertNotNull(me.stoppedAt(), "a clean stop is recorded");
            assertFalse(me.live(System.currentTimeMillis()));
            cleanUp(admin, db);
        }
    }

    /**
     * The control database goes away at start, comes, goes away again for 15 polls (the "30 s" of the issue at a 200 ms
     * poll) while the fleet moves on, and comes back: the instance starts on its file's window, switches to the
     * tables' when they can be read, keeps its windows through the outage, is gone while it cannot heartbeat, and
     * returns applying the move it missed.
     */
    @ParameterizedTest
    @EnumSource(value = Db.class, names = {"POSTGRESQL", "MARIADB"})
    void survivesTheControlDatabaseGoingAwayAndComesBack(Db db) throws Exception {
        try (Connection admin = db.connect()) {
            ControlTables tables = fresh(admin, db);
            WindowChanges changes = new WindowChanges(tables);
            String key = declare(admin, db, changes);
            changes.setPhase(admin, key, "old-only", "mirror", System.currentTimeMillis());

            URI target = URI.create(db.url.substring("jdbc:".length()));
            try (TcpRelay relay = new TcpRelay(new InetSocketAddress(target.getHost(), target.getPort())).start()) {
                relay.stop();
                String relayed = db.url.replace(target.getHost() + ":" + target.getPort(),
                        "127.0.0.1:" + relay.address().getPort());
                relayed += (relayed.contains("?") ? "&" : "?") + (db == Db.POSTGRESQL ? "connectTimeout=2"
                        : "connectTimeout=2000");
                Configuration file = Configuration.builder().rename("people", "full_name", "display_name",
                        Phase.OLD_ONLY).control(new ControlSettings(POLL, null, null, null, SCHEMA)).build();
                ControlConfigSource source = new ControlConfigSource(new ManualConfigSource(file));
                RewriteEngine engine = RewriteEngine.builder(db.dialect).config(source).build();
                source.addUsage(engine::usage);
                try {
                    source.start(Instance.JDBC, null, ControlConnector.url(relayed, db.credentials()));
                    Thread.sleep(3 * POLL);
                    assertEquals(Phase.OLD_ONLY, phase(source), "unreachable at start: the file's window applies");
                    assertFalse(source.status().reachable());
                    assertNotNull(source.status().problem());

                    relay.start();
                    await(source.poller().maxBackoff() + POLL + 3000, () -> phase(source) == Phase.MIRROR,
                            "the tables' window once they can be read");
                    String id = source.status().instanceId();
                    await(3000, () -> live(admin, tables, id), "the instance live");

                    relay.stop();
                    long cut = System.currentTimeMillis();
                    long v3 = changes.setPhase(admin, key, "mirror", "read-new", System.currentTimeMillis());
                    int planned = 0;
                    while (System.currentTimeMillis() - cut < 15 * POLL) {
                        engine.plan("SELECT full_name FROM people WHERE id = 1").recordExecution();
                        planned++;
                        Thread.sleep(20);
                    }
                    assertTrue(planned > 0);
                    assertEquals(Phase.MIRROR, phase(source), "the last windows stay in force through the outage");
                    assertFalse(source.status().reachable());
                    assertFalse(live(admin, tables, id), "shown as gone after three polls without a heartbeat");
                    assertFalse(read(admin, tables).liveNotApplying(key, List.of("read-new"),
                            System.currentTimeMillis()).stream().anyMatch(i -> i.id().equals(id)),
                            "a gone instance blocks nothing");

                    relay.start();
                    long back = System.currentTimeMillis();
                    await(source.poller().maxBackoff() + POLL + 3000, () -> phase(source) == Phase.READ_NEW,
                            "the move made during the outage");
                    await(3000, () -> live(admin, tables, id), "the instance live again");
                    System.out.println(db + ": back " + (System.currentTimeMillis() - back) + " ms after the database");
                    assertEquals(v3, read(admin, tables).instance(id).configVersion());
                    assertTrue(read(admin, tables).reports(key).get(id).oldNameStatements() >= planned,
                            "the statements made during the outage are counted");
                } finally {
                    source.close();
                    engine.close();
                }
            }
            cleanUp(admin, db);
        }
    }

    /** A role whose permission on the control tables is revoked and granted again. */
    @Test
    void survivesARevokedPermission() throws Exception {
        Db db = Db.POSTGRESQL;
        String role = "dw_fleet_ctl_role";
        try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
            ControlTables tables = fresh(admin, db);
            WindowChanges changes = new WindowChanges(tables);
            String key = declare(admin, db, changes);
            st.execute("DROP ROLE IF EXISTS " + role);
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'ctl'");
            String grant = "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + SCHEMA + " TO " + role;
            st.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + role);
            st.execute(grant);
            String url = db.url.substring(0, db.url.indexOf('?'));
            ControlConfigSource source = new ControlConfigSource(base(null));
            try {
                source.start(Instance.JDBC, null, ControlConnector.url(url, role, "ctl"));
                await(5000, () -> phase(source) == Phase.OLD_ONLY, "the first read");
                String id = source.status().instanceId();
                await(3000, () -> live(admin, tables, id), "live");

                st.execute("REVOKE SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + SCHEMA + " FROM "
                        + role);
                changes.setPhase(admin, key, "old-only", "mirror", System.currentTimeMillis());
                Thread.sleep(6 * POLL);
                assertFalse(source.status().reachable());
                assertTrue(source.status().problem().contains("permission denied"), source.status().problem());
                assertEquals(Phase.OLD_ONLY, phase(source));
                assertFalse(live(admin, tables, id));

                st.execute(grant);
                await(source.poller().maxBackoff() + POLL + 2000, () -> phase(source) == Phase.MIRROR,
                        "the move once the permission is back");
                await(3000, () -> live(admin, tables, id), "live again");
            } finally {
                source.close();
                st.execute("DROP OWNED BY " + role);
                st.execute("DROP ROLE " + role);
            }
            cleanUp(admin, db);
        }
    }

    private static ManualConfigSource base(String schemaOverride) {
        return new ManualConfigSource(Configuration.builder()
                .control(new ControlSettings(POLL, null, null, null, schemaOverride == null ? SCHEMA : schemaOverride))
                .build());
    }

    private static ControlTables fresh(Connection admin, Db db) throws SQLException {
        cleanUp(admin, db);
        ControlTables tables = new ControlTables(db.dialect, SCHEMA);
        tables.ensure(admin, ControlTables.FLEET_TABLES);
        return tables;
    }

    private static void cleanUp(Connection admin, Db db) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute(db == Db.MARIADB ? "DROP DATABASE IF EXISTS " + SCHEMA
                    : "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /** Declares people.full_name -> display_name in old-only; returns its key. */
    private static String declare(Connection admin, Db db, WindowChanges changes) throws Exception {
        String schema = db.schemaOfTable(admin);
        String key = schema + "." + db.stored("people") + "." + db.stored("full_name");
        changes.declare(admin, List.of(new ControlWindow(key, ControlWindow.RENAME, schema, db.stored("people"),
                db.stored("full_name"), db.stored("display_name"), null, "old-only", 0, 0, 0)),
                System.currentTimeMillis());
        return key;
    }

    private static Phase phase(ControlConfigSource source) {
        List<dev.dualwrite.core.config.Window> windows = source.current().windows();
        return windows.size() == 1 && windows.get(0) instanceof RenameWindow r ? r.phase() : null;
    }

    private static FleetState read(Connection admin, ControlTables tables) {
        try {
            return FleetState.read(admin, tables);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean live(Connection admin, ControlTables tables, String id) {
        FleetState.Instance i = read(admin, tables).instance(id);
        return i != null && i.live(System.currentTimeMillis());
    }

    private static void await(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("not within " + millis + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
