package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;

class PostgresBackfillKillTest extends BackfillKillTest {
    @Override
    TestDb open() {
        return TestDb.postgres();
    }
}
