package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;

class H2FleetCommandsTest extends FleetCommandsTest {
    @Override
    TestDb open() throws Exception {
        return TestDb.h2();
    }
}
