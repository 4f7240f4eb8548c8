package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;
import org.junit.jupiter.api.Tag;

@Tag("database")
@Tag("process")
class PostgresBackfillKillTest extends BackfillKillTest {
    @Override
    TestDb open() {
        return TestDb.postgres();
    }
}
