package dev.dualwrite.jdbc.scenario;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename scenario through the {@code jdbc:dualwrite:} URL wrapper, one connection per data-access object, with the
 * phases changed in dualwrite.yaml.
 */
@Tag("database")
@Timeout(90)
class UrlWrapperScenarioTest {
    @TempDir
    Path dir;

    @Test
    void h2() throws Exception {
        RenameScenario.run(ScenarioDatabase.h2(), dir, JdbcDoors::urlConnections);
    }

    @Test
    void postgresql() throws Exception {
        RenameScenario.run(ScenarioDatabase.postgres(), dir, JdbcDoors::urlConnections);
    }

    @Test
    void mariadb() throws Exception {
        RenameScenario.run(ScenarioDatabase.mariadb(), dir, JdbcDoors::urlConnections);
    }

    @Test
    void mariadbThroughMysqlConnectorJ() throws Exception {
        RenameScenario.run(ScenarioDatabase.mysqlConnectorJ(), dir, JdbcDoors::urlConnections);
    }
}
