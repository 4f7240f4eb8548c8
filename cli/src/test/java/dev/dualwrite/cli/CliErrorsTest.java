package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.db.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives exit status 2 and exactly one line on stderr that says what is wrong, never a stack trace; the help
 * of each command lists its flags.
 */
@Tag("database")
@Tag("process")
class CliErrorsTest {
    static final String H2_DB = "dwcli" + System.nanoTime();
    static Connection keepAlive;
    static String h2;
    @TempDir
    static Path dir;
    static Path config;

    @BeforeAll
    static void setUp() throws Exception {
        // A file database that every process can open (the test JVM closes it before the processes run).
        h2 = "jdbc:h2:" + dir.resolve(H2_DB).toAbsolutePath() + ";USER=sa";
        keepAlive = DriverManager.getConnection(h2);
        try (Statement st = keepAlive.createStatement()) {
            st.execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(50))");
        }
        keepAlive.close();
        config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n  - table: ghost\n    from: a\n    to: b\n    phase: mirror\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (keepAlive != null) {
            keepAlive.close();
        }
    }

    static void assertOneLine(Cli.Result r, int exit, String contains) {
        assertEquals(exit, r.exit(), r.toString());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), r.toString());
        assertEquals(1, err.lines().count(), "one line on stderr:\n" + r);
        assertTrue(err.contains(contains), r.toString());
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace:\n" + r);
    }

    @Test
    void unknownWindow() throws Exception {
        assertOneLine(Cli.run("plan", "people.fullname", "--url", h2, "--config", config.toString()), 2,
                "no window people.fullname in " + config);
    }

    @Test
    void unknownTable() throws Exception {
        assertOneLine(Cli.run("backfill", "ghost.a", "--url", h2, "--config", config.toString()), 2,
                "table ghost of window ghost.a does not exist");
    }

    @Test
    void unreachableDatabase() throws Exception {
        assertOneLine(Cli.run("verify", "people.full_name", "--url", "jdbc:postgresql://127.0.0.1:1/app",
                "--config", config.toString()), 2, "cannot reach the database at jdbc:postgresql://127.0.0.1:1/app");
    }

    @Test
    void wrongPasswordOnMariaDb() throws Exception {
        TestDatabases.mariadb().close(); // the server must be there (skips or fails like every database test)
        String url = TestDatabases.MARIADB_URL.replaceAll("\\?.*$", "");
        assertOneLine(Cli.run(Map.of("DUALWRITE_PASSWORD", "not-the-password"), "plan", "people.full_name",
                "--url", url, "--user", "root", "--config", config.toString()), 2,
                "refused user root");
        assertOneLine(Cli.run(Map.of("SECRET", "not-the-password"), "plan", "people.full_name", "--url", url,
                "--user", "root", "--password-env", "SECRET", "--config", config.toString()), 2,
                "check --user and the password in the environment variable SECRET");
    }

    @Test
    void thePasswordComesFromTheEnvironment() throws Exception {
        TestDatabases.mariadb().close();
        String url = TestDatabases.MARIADB_URL.replaceAll("\\?.*$", "");
        // The right (empty) password: the login passes, and the next problem is named (no such table there).
        assertOneLine(Cli.run(Map.of("DUALWRITE_PASSWORD", ""), "plan", "people.full_name", "--url", url, "--user",
                "root", "--config", config.toString()), 2, "table people of window people.full_name does not exist");
    }

    @Test
    void planAsJsonAndTheWrapperPrefixIsIgnored() throws Exception {
        Cli.Result r = Cli.run("plan", "people.full_name", "--json", "--url", "jdbc:dualwrite:" + h2.substring(5),
                "--config", config.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().strip().matches("\\{\"window\":\"people.full_name\",\"steps\":\\[\\{\"name\":\"add-column\","
                + "\"when\":\"before mirror\",\"sql\":\\[\"ALTER TABLE \\\\\"PUBLIC\\\\\".*\\]\\}\\]\\}"), r.out());
        assertEquals("", r.err());
        Cli.Result text = Cli.run("plan", "people.full_name", "--url", h2, "--config", config.toString());
        assertTrue(text.out().contains("1. add-column  (before mirror)"), text.out());
        assertTrue(text.out().contains("drop  (after new-only)"), text.out());
    }

    @Test
    void wrongPasswordOnH2() throws Exception {
        assertOneLine(Cli.run(Map.of("DUALWRITE_PASSWORD", "nope"), "plan", "people.full_name", "--url", h2,
                "--config", config.toString()), 2, "refused");
    }

    @Test
    void usageErrors() throws Exception {
        assertOneLine(Cli.run("plan", "people.full_name", "--config", config.toString()), 2, "--url");
        assertOneLine(Cli.run("backfill", "people.full_name", "--url", h2, "--batch-size", "many"), 2,
                "--batch-size");
        assertOneLine(Cli.run("plan", "people.full_name", "--url", h2, "--password-env", "UNSET_VARIABLE_X",
                "--config", config.toString()), 2, "UNSET_VARIABLE_X");
        assertOneLine(Cli.run("plan", "people", "--url", h2, "--config", config.toString()), 2,
                "named by its table and old column");
        assertOneLine(Cli.run("plan", "people.full_name", "--url", "jdbc:oracle:thin:@x", "--config",
                config.toString()), 2, "unsupported database URL");
        assertOneLine(Cli.run("plan", "people.full_name", "--url", h2, "--config", dir.resolve("none.yaml")
                .toString()), 2, "does not exist");
        assertOneLine(Cli.run("apply", "people.full_name", "explode", "--url", h2, "--config", config.toString()), 2,
                "has no step 'explode'");
    }

    @Test
    void helpListsEveryFlag() throws Exception {
        Cli.Result backfill = Cli.run("backfill", "--help");
        assertEquals(0, backfill.exit());
        for (String flag : List.of("--url", "--user", "--password-env", "--config", "--batch-size",
                "--target-batch-ms", "--pause-ms", "--max-rows-per-second", "--restart", "--workers", "--join")) {
            assertTrue(backfill.out().contains(flag), flag + " in\n" + backfill.out());
        }
        assertTrue(Cli.run("plan", "--help").out().contains("--json"));
        assertTrue(Cli.run("verify", "--help").out().contains("--samples"));
        Cli.Result top = Cli.run("--help");
        for (String command : List.of("sidecar", "plan", "apply", "backfill", "verify", "init", "window", "phase",
                "status")) {
            assertTrue(top.out().contains(command), command + " in\n" + top.out());
        }
        for (String variable : List.of("  JAVA ", "JAVA_HOME", "JAVA_OPTS", "DUALWRITE_PASSWORD")) {
            assertTrue(top.out().contains(variable), variable + " in\n" + top.out());
        }
        assertTrue(Cli.run("status", "--help").out().contains("--quiet-for"));
        assertTrue(Cli.run("phase", "--help").out().contains("--force"));
        assertTrue(Cli.run("window", "remove", "--help").out().contains("--quiet-for"));
        assertTrue(Cli.run("window", "drop", "--help").out().contains("--default"));
        assertTrue(backfill.out().contains("--fleet-wait"), backfill.out());
    }
}
