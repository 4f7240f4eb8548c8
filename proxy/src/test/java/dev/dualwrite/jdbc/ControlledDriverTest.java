package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.control.WindowChanges;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.core.sql.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The URL driver with a {@code control:} block: the application's prepared statements follow phase moves written to
 * the control tables within one poll and a second (re-prepared, as after a file change), a move back loses nothing,
 * the heartbeat names the application, and no statement fails. Outcomes are read on a direct connection.
 */
class ControlledDriverTest {
    private static final String SCHEMA = "dw_fleet_jdbc";
    private static final long POLL = 200;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DoorDatabase.class)
    void preparedStatementsFollowTheFleetsPhases(DoorDatabase db) throws Exception {
        Dialect dialect = db == DoorDatabase.H2 ? Dialect.H2 : db == DoorDatabase.MARIADB ? Dialect.MYSQL
                : Dialect.POSTGRESQL;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db); Connection bare = db.connect()) {
            String table = tables.create(db.newTable("ctl_people"),
                    "id INT PRIMARY KEY, full_name VARCHAR(200), display_name VARCHAR(200)");
            ControlTables control = new ControlTables(dialect, SCHEMA);
            drop(bare, db);
            control.ensure(bare, ControlTables.FLEET_TABLES);
            WindowChanges changes = new WindowChanges(control);
            String schema = db == DoorDatabase.MARIADB ? bare.getCatalog() : stored(db, "public");
            String key = schema + "." + stored(db, table) + "." + stored(db, "full_name");
            changes.declare(bare, List.of(new ControlWindow(key, ControlWindow.RENAME, schema, stored(db, table),
                    stored(db, "full_name"), stored(db, "display_name"), null, "old-only", 0, 0, 0)), now());

            Path yaml = Files.writeString(dir.resolve("dualwrite.yaml"), "control:\n  poll: 200ms\n  schema: "
                    + SCHEMA + "\n");
            Properties props = new Properties();
            props.setProperty(DualWriteDriver.CONFIG_PROPERTY, yaml.toString());
            props.setProperty(FleetLink.APP_PROPERTY, "billing");
            String bareUrl = db == DoorDatabase.H2 ? bare.getMetaData().getURL() : db == DoorDatabase.POSTGRESQL
                    ? TestDatabases.PG_URL : TestDatabases.MARIADB_URL;
            if (db == DoorDatabase.H2) {
                props.setProperty("user", "sa");
                props.setProperty("password", "");
            }
            ControlConfigSource source = (ControlConfigSource) Registry.config(yaml);
            int id = 0;
            try (Connection app = DriverManager.getConnection("jdbc:dualwrite:" + bareUrl.substring(5), props);
                    PreparedStatement insert = app.prepareStatement("INSERT INTO " + table
                            + " (id, full_name) VALUES (?, ?)");
                    PreparedStatement select = app.prepareStatement("SELECT full_name FROM " + table
                            + " WHERE id = ?")) {
                await(5000, () -> source.status().reachable(), "the first poll");
                String instance = source.status().instanceId();
                FleetState.Instance me = FleetState.read(bare, control).instance(instance);
                assertEquals("jdbc", me.kind());
                assertEquals("billing", me.app());

                id = insertUntil(insert, bare, table, id, 0, null);
                changes.setPhase(bare, key, "old-only", "mirror", now());
                long moved = now();
                int firstMirrored = insertUntil(insert, bare, table, id, POLL + 1000, "mirror");
                System.out.println(db + ": a prepared INSERT mirrored " + (now() - moved) + " ms after the move");
                id = firstMirrored;

                exec(bare, "INSERT INTO " + table + " (id, full_name, display_name) VALUES (-1, 'old', 'new')");
                changes.setPhase(bare, key, "mirror", "read-new", now());
                awaitRead(select, "new", "read-new");
                id = insertUntil(insert, bare, table, id, 0, null);
                changes.setPhase(bare, key, "read-new", "mirror", now());
                awaitRead(select, "old", "the move back to mirror");
                id = insertUntil(insert, bare, table, id, 0, null);

                await(3000, () -> {
                    try {
                        FleetState.Report r = FleetState.read(bare, control).reports(key).get(instance);
                        return r != null && "mirror".equals(r.phaseApplied()) && r.oldNameStatements() > 0;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, "the heartbeat of mirror with the old name's use");
            } finally {
                source.close();
            }
            // Nothing lost: every insert is there, and from the first mirrored one on both columns agree.
            assertEquals(id, count(bare, table + " WHERE id > 0"));
            assertEquals(0, count(bare, table + " WHERE id > 0 AND display_name IS NOT NULL"
                    + " AND display_name <> full_name"));
            assertNotNull(FleetState.read(bare, control).instances().get(0).stoppedAt());
            drop(bare, db);
        }
    }

    /**
     * Inserts one row after another; returns the next id. With {@code phase}, until a row arrives with both columns
     * written (within {@code millis}); without, a handful of rows.
     */
    private static int insertUntil(PreparedStatement insert, Connection bare, String table, int id, long millis,
            String phase) throws Exception {
        long deadline = now() + millis;
        for (int n = 0; phase != null || n < 5; n++) {
            id++;
            insert.setInt(1, id);
            insert.setString(2, "name " + id);
            assertEquals(1, insert.executeUpdate());
            if (phase != null) {
                try (Statement st = bare.createStatement();
                        ResultSet rs = st.executeQuery("SELECT display_name FROM " + table + " WHERE id = " + id)) {
                    rs.next();
                    if (("name " + id).equals(rs.getString(1))) {
                        return id;
                    }
                }
                if (now() > deadline) {
                    fail("the prepared INSERT did not apply " + phase + " within " + millis + " ms");
                }
                Thread.sleep(10);
            }
        }
        return id;
    }

    private static void awaitRead(PreparedStatement select, String expected, String what) throws Exception {
        long deadline = now() + POLL + 1000;
        while (true) {
            select.setInt(1, -1);
            try (ResultSet rs = select.executeQuery()) {
                assertTrue(rs.next());
                if (expected.equals(rs.getString(1))) {
                    return;
                }
            }
            if (now() > deadline) {
                fail("the prepared SELECT did not follow " + what + " within " + (POLL + 1000) + " ms");
            }
            Thread.sleep(10);
        }
    }

    private static String stored(DoorDatabase db, String name) {
        return db == DoorDatabase.H2 ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    private static void drop(Connection bare, DoorDatabase db) throws SQLException {
        exec(bare, db == DoorDatabase.MARIADB ? "DROP DATABASE IF EXISTS " + SCHEMA
                : "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private static long count(Connection c, String from) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static void await(long millis, java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = now() + millis;
        while (!condition.getAsBoolean()) {
            if (now() > deadline) {
                fail("not within " + millis + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
