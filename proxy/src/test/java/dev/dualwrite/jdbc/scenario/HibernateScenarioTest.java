package dev.dualwrite.jdbc.scenario;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rename scenario with two Hibernate ORM applications: v1's entity maps full_name and phone_number, v2's maps
 * display_name; each has its own SessionFactory over its own HikariCP pool through dualwrite.
 */
@Tag("database")
@Timeout(90)
class HibernateScenarioTest {
    @TempDir
    Path dir;

    @Test
    void h2() throws Exception {
        RenameScenario.run(ScenarioDatabase.h2(), dir, HibernateDoor::open);
    }

    @Test
    void postgresql() throws Exception {
        RenameScenario.run(ScenarioDatabase.postgres(), dir, HibernateDoor::open);
    }

    @Test
    void mariadb() throws Exception {
        RenameScenario.run(ScenarioDatabase.mariadb(), dir, HibernateDoor::open);
    }
}
