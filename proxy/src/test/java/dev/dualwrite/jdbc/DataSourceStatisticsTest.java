package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.rewrite.UsageCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** What a wrapped data source tells a metrics exporter: its configuration source and its engine's counters. */
class DataSourceStatisticsTest {

    @Test
    void theEngineAppearsWithTheFirstConnectionAndCountsWhatItsConnectionsDo() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(TestDatabases.newH2Url());
        h2.setUser("sa");
        ManualConfigSource config = new ManualConfigSource(Configuration.builder()
                .rename("people", "full_name", "display_name", Phase.MIRROR).build());
        DualWriteDataSource ds = DualWrite.wrap(h2, config);
        assertSame(config, ds.configSource());
        assertTrue(ds.engine().isEmpty(), "no connection yet, so no dialect and no engine");

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(100), display_name VARCHAR(100))");
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO people (id, full_name) VALUES (?, ?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "P" + id);
                    insert.executeUpdate();
                }
            }
            s.executeQuery("SELECT display_name FROM people").close();
            assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE people SET display_name = RANDOM_UUID()"));
        }

        RewriteEngine engine = ds.engine().orElseThrow();
        RewriteEngine.Statistics stats = engine.statistics();
        assertEquals(2, stats.rewritten(), "one prepared INSERT (planned once, run three times) and one SELECT");
        assertEquals(1, stats.rejected());
        List<UsageCounters.Snapshot> usage = engine.usage();
        assertEquals(1, usage.size());
        assertEquals(3, usage.get(0).oldNameStatements(), "three executions of the INSERT");
        assertEquals(1, usage.get(0).newNameStatements());
    }
}
