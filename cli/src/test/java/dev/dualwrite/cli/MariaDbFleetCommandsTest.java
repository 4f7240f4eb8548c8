package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;

class MariaDbFleetCommandsTest extends FleetCommandsTest {
    @Override
    TestDb open() throws Exception {
        return TestDb.mariadb();
    }
}
