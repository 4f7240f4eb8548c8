package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;

class MariaDbBackfillKillTest extends BackfillKillTest {
    @Override
    TestDb open() {
        return TestDb.mariadb();
    }
}
