package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dualwrite.core.rewrite.Rejection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A HikariCP pool over the {@code jdbc:dualwrite:} URL, so that every rejection passes through the pool's proxy:
 * HikariCP marks a connection broken and evicts it on SQLSTATE 0A000 (and on class 08). A rejected statement must
 * leave the pooled connection in the pool: same server session afterwards, same connection object, one connection in
 * the pool. The control (PostgreSQL, MariaDB) raises 0A000 from the database and shows the probe sees an eviction.
 */
@Tag("database")
class HikariRejectionTest {
    @TempDir
    Path dir;
    private String table;

    @ParameterizedTest
    @EnumSource(DoorDatabase.class)
    void aRejectedStatementLeavesThePooledConnectionInThePool(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db); HikariDataSource pool = pool(db, tables)) {
            Probe before = Probe.of(pool, db);
            for (int i = 0; i < 3; i++) {
                SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () -> {
                    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO " + table + " VALUES (1, 'Ann', 'Ann')");
                    }
                });
                assertEquals(Rejection.UNSUPPORTED, e.getSQLState(), e::toString);
                assertTrue(e.getMessage().startsWith("dualwrite rejected the statement"), e::toString);
            }
            Probe after = Probe.of(pool, db);
            assertSame(before.connection, after.connection, "the pool kept the connection object");
            assertEquals(before.session, after.session, "the same server session");
            assertEquals(1, pool.getHikariPoolMXBean().getTotalConnections());
        }
    }

    @Test
    void controlPostgresqlsOwn0A000EvictsTheConnection() throws Exception {
        evictedBy(DoorDatabase.POSTGRESQL,
                "DO $$BEGIN RAISE EXCEPTION 'feature not supported' USING ERRCODE = '0A000'; END$$");
    }

    @Test
    void controlMariadbSignalling0A000EvictsTheConnection() throws Exception {
        evictedBy(DoorDatabase.MARIADB, "SIGNAL SQLSTATE '0A000' SET MESSAGE_TEXT = 'feature not supported'");
    }

    private void evictedBy(DoorDatabase db, String statement) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db); HikariDataSource pool = pool(db, tables)) {
            Probe before = Probe.of(pool, db);
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute(statement);
                }
            });
            assertEquals("0A000", e.getSQLState(), e::toString);
            Probe after = Probe.of(pool, db);
            assertNotSame(before.connection, after.connection, "HikariCP threw the connection away");
            assertNotEquals(before.session, after.session);
        }
    }

    /** A pool of one connection over the dualwrite URL, with a mirror window on a fresh table. */
    private HikariDataSource pool(DoorDatabase db, DoorDatabase.Tables tables) throws Exception {
        table = tables.create(db.newTable("people"), "id INT PRIMARY KEY, full_name " + db.varchar
                + ", display_name " + db.varchar);
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: " + table + "\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n", StandardCharsets.UTF_8);
        HikariConfig c = new HikariConfig();
        String raw = db.url();
        c.setJdbcUrl(DualWriteDriver.PREFIX + raw.substring("jdbc:".length()));
        if (db == DoorDatabase.H2) {
            c.setUsername("sa");
            c.setPassword("");
        }
        c.addDataSourceProperty(DualWriteDriver.CONFIG_PROPERTY, config.toString());
        c.setMaximumPoolSize(1);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(10_000);
        c.setPoolName("rejection-" + table);
        return new HikariDataSource(c);
    }

    /** Which connection the pool hands out: the object behind the pool's proxy and the server's session id. */
    private record Probe(Connection connection, String session) {
        static Probe of(HikariDataSource pool, DoorDatabase db) throws SQLException {
            String query = switch (db) {
                case H2 -> "SELECT SESSION_ID()";
                case POSTGRESQL -> "SELECT pg_backend_pid()";
                case MARIADB -> "SELECT CONNECTION_ID()";
            };
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return new Probe(c.unwrap(Connection.class), rs.getString(1));
            }
        }
    }
}
