package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.ops.TestDb;
import org.junit.jupiter.api.Test;

class PostgresFleetCommandsTest extends FleetCommandsTest {
    @Override
    TestDb open() throws Exception {
        return TestDb.postgres();
    }

    /** A couple of exit codes from a real process (the in-memory H2 of the other runs is not reachable from one). */
    @Test
    void exitCodesOfARealProcess() throws Exception {
        Cli.Result uninitialised = Cli.run("status", "--url", db.url(), "--schema", schema);
        CliErrorsTest.assertOneLine(uninitialised, 2, "run dualwrite init");
        ok(cli("init"));
        ok(cli("window", "rename", people + ".full_name", "display_name"));
        Cli.Result skip = Cli.run("phase", people + ".full_name", "new-only", "--url", db.url(), "--schema", schema);
        CliErrorsTest.assertOneLine(skip, 1, "one phase at a time");
        Cli.Result json = Cli.run("status", "--json", "--url", db.url(), "--schema", schema);
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().startsWith("{\"windows\":[{\"window\":"), json.toString());
    }
}
