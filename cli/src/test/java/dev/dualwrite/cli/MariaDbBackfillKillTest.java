package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;
import org.junit.jupiter.api.Tag;

@Tag("database")
@Tag("process")
class MariaDbBackfillKillTest extends BackfillKillTest {
    @Override
    TestDb open() {
        return TestDb.mariadb();
    }
}
