package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DataSource wrapper over a HikariCP pool on PostgreSQL with a {@code control:} block: the control tables are
 * read through a connection borrowed from the pool for each poll and given back (the pool is idle between polls), the
 * application's statements follow the move to mirror, and the heartbeat names the application.
 */
class ControlledDataSourceTest {
    private static final String SCHEMA = "dw_fleet_ds";

    @TempDir
    Path dir;

    @Test
    void aPoolLendsTheControlConnectionPerPoll() throws Exception {
        DoorDatabase db = DoorDatabase.POSTGRESQL;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db); Connection bare = db.connect();
                Statement st = bare.createStatement()) {
            String table = tables.create(db.newTable("ds_people"),
                    "id INT PRIMARY KEY, full_name VARCHAR(200), display_name VARCHAR(200)");
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            ControlTables control = new ControlTables(Dialect.POSTGRESQL, SCHEMA);
            control.ensure(bare, ControlTables.FLEET_TABLES);
            WindowChanges changes = new WindowChanges(control);
            String key = "public." + table + ".full_name";
            changes.declare(bare, List.of(new ControlWindow(key, ControlWindow.RENAME, "public", table, "full_name",
                    "display_name", null, "old-only", 0, 0, 0)), System.currentTimeMillis());
            Path yaml = Files.writeString(dir.resolve("dualwrite.yaml"), "control:\n  poll: 200ms\n  schema: "
                    + SCHEMA + "\n");
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(TestDatabases.PG_URL);
            hc.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(hc)) {
                DualWriteDataSource ds = DualWrite.wrap(pool, yaml).applicationName("orders");
                ControlConfigSource source = (ControlConfigSource) ds.configSource();
                try {
                    try (Connection app = ds.getConnection()) {
                        assertTrue(source.status().reachable(), "the first read happened before the connection"
                                + " was handed out: " + source.status().problem());
                    }
                    changes.setPhase(bare, key, "old-only", "mirror", System.currentTimeMillis());
                    long deadline = System.currentTimeMillis() + 1200;
                    int id = 0;
                    while (true) {
                        id++;
                        try (Connection app = ds.getConnection(); PreparedStatement ps = app.prepareStatement(
                                "INSERT INTO " + table + " (id, full_name) VALUES (?, 'x')")) {
                            ps.setInt(1, id);
                            assertEquals(1, ps.executeUpdate());
                        }
                        try (ResultSet rs = st.executeQuery("SELECT display_name FROM " + table + " WHERE id = " + id)) {
                            rs.next();
                            if ("x".equals(rs.getString(1))) {
                                break;
                            }
                        }
                        if (System.currentTimeMillis() > deadline) {
                            fail("the data source did not follow the move to mirror within a poll and a second");
                        }
                        Thread.sleep(10);
                    }
                    // Between polls the pool lends nothing to the poller.
                    int idle = 0;
                    for (int i = 0; i < 50; i++) {
                        if (pool.getHikariPoolMXBean().getActiveConnections() == 0) {
                            idle++;
                        }
                        Thread.sleep(20);
                    }
                    assertTrue(idle > 40, "the pool was idle " + idle + " of 50 samples");
                    FleetState.Instance me = FleetState.read(bare, control).instance(source.status().instanceId());
                    assertEquals("orders", me.app());
                    assertEquals("jdbc", me.kind());
                } finally {
                    source.close();
                }
            }
            st.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }
}
