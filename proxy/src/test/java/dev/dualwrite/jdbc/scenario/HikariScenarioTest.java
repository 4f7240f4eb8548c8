package dev.dualwrite.jdbc.scenario;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename scenario with a HikariCP pool per application version: pools over the {@code jdbc:dualwrite:} URL
 * (phases in dualwrite.yaml), and pools over the direct URL wrapped with {@code DualWrite.wrap} (phases set in code).
 */
@Tag("database")
@Timeout(90)
class HikariScenarioTest {
    @TempDir
    Path dir;

    @Test
    void h2PoolsOverTheUrl() throws Exception {
        RenameScenario.run(ScenarioDatabase.h2(), dir, JdbcDoors::hikariOverUrl);
    }

    @Test
    void postgresqlPoolsOverTheUrl() throws Exception {
        RenameScenario.run(ScenarioDatabase.postgres(), dir, JdbcDoors::hikariOverUrl);
    }

    @Test
    void mariadbPoolsOverTheUrl() throws Exception {
        RenameScenario.run(ScenarioDatabase.mariadb(), dir, JdbcDoors::hikariOverUrl);
    }

    @Test
    void h2WrappedPools() throws Exception {
        RenameScenario.run(ScenarioDatabase.h2(), dir, JdbcDoors::hikariWrapped);
    }

    @Test
    void postgresqlWrappedPools() throws Exception {
        RenameScenario.run(ScenarioDatabase.postgres(), dir, JdbcDoors::hikariWrapped);
    }

    @Test
    void mariadbThroughMysqlConnectorJWrappedPools() throws Exception {
        RenameScenario.run(ScenarioDatabase.mysqlConnectorJ(), dir, JdbcDoors::hikariWrapped);
    }
}
