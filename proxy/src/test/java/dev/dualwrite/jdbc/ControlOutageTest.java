package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.control.WindowChanges;
import dev.dualwrite.core.db.TcpRelay;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.core.sql.Dialect;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real 30 s: the URL driver's control database (reached through {@code control.url}, a relay here) goes
 * away for 30 s while the application writes through its own connection. No statement fails, the last windows stay in
 * force (a move made meanwhile is not applied), the instance is shown as gone and blocks nothing, and when the
 * database is back it applies the move and is live again.
 */
class ControlOutageTest {
    private static final String SCHEMA = "dw_fleet_outage";
    private static final long POLL = 1000;

    @TempDir
    Path dir;

    @Test
    void thirtySecondsWithoutTheControlDatabase() throws Exception {
        DoorDatabase db = DoorDatabase.POSTGRESQL;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db); Connection bare = db.connect();
                Statement st = bare.createStatement()) {
            String table = tables.create(db.newTable("out_people"),
                    "id INT PRIMARY KEY, full_name VARCHAR(200), display_name VARCHAR(200)");
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            ControlTables control = new ControlTables(Dialect.POSTGRESQL, SCHEMA);
            control.ensure(bare, ControlTables.FLEET_TABLES);
            WindowChanges changes = new WindowChanges(control);
            String key = "public." + table + ".full_name";
            changes.declare(bare, List.of(new ControlWindow(key, ControlWindow.RENAME, "public", table, "full_name",
                    "display_name", null, "mirror", 0, 0, 0)), System.currentTimeMillis());

            URI pg = URI.create(TestDatabases.PG_URL.substring(5));
            try (TcpRelay relay = new TcpRelay(new InetSocketAddress(pg.getHost(), pg.getPort())).start()) {
                Path yaml = Files.writeString(dir.resolve("dualwrite.yaml"), "control:\n  poll: 1s\n  schema: "
                        + SCHEMA + "\n  url: jdbc:postgresql://127.0.0.1:" + relay.address().getPort() + pg.getPath()
                        + "?connectTimeout=2\n  user: postgres\n");
                Properties props = new Properties();
                props.setProperty(DualWriteDriver.CONFIG_PROPERTY, yaml.toString());
                ControlConfigSource source = (ControlConfigSource) Registry.config(yaml);
                int id = 0;
                int failed = 0;
                try (Connection app = DriverManager.getConnection("jdbc:dualwrite:" + TestDatabases.PG_URL
                        .substring(5), props); PreparedStatement insert = app.prepareStatement("INSERT INTO " + table
                                + " (id, full_name) VALUES (?, ?)")) {
                    assertTrue(source.status().reachable(), "read at the first connection");
                    String instance = source.status().instanceId();

                    relay.stop();
                    long cut = System.currentTimeMillis();
                    changes.setPhase(bare, key, "mirror", "read-new", System.currentTimeMillis());
                    boolean seenGone = false;
                    while (System.currentTimeMillis() - cut < 30_000) {
                        id++;
                        insert.setInt(1, id);
                        insert.setString(2, "n" + id);
                        try {
                            assertEquals(1, insert.executeUpdate());
                        } catch (java.sql.SQLException e) {
                            failed++;
                        }
                        if (!seenGone && System.currentTimeMillis() - cut > 4 * POLL) {
                            FleetState s = FleetState.read(bare, control);
                            assertFalse(s.instance(instance).live(System.currentTimeMillis()), "gone after 3 polls");
                            assertTrue(s.liveNotApplying(key, List.of("read-new"), System.currentTimeMillis())
                                    .isEmpty(), "a gone instance blocks nothing");
                            seenGone = true;
                        }
                        Thread.sleep(50);
                    }
                    assertTrue(seenGone);
                    assertEquals(0, failed, "statements failed during the outage");
                    assertFalse(source.status().reachable());
                    assertEquals(0, count(st, table + " WHERE display_name IS DISTINCT FROM full_name"),
                            "still mirror: both columns written");

                    relay.start();
                    long back = System.currentTimeMillis();
                    long deadline = back + 10_000 + POLL + 1000;
                    while (!(source.status().reachable() && FleetState.read(bare, control).instance(instance)
                            .live(System.currentTimeMillis()) && "read-new".equals(FleetState.read(bare, control)
                                    .reports(key).get(instance).phaseApplied()))) {
                        if (System.currentTimeMillis() > deadline) {
                            fail("not back within the longest back-off and a poll");
                        }
                        Thread.sleep(50);
                    }
                    System.out.println("back and applying read-new " + (System.currentTimeMillis() - back)
                            + " ms after the control database returned; " + id + " inserts during the outage");
                } finally {
                    source.close();
                }
            }
            st.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    private static long count(Statement st, String from) throws java.sql.SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
