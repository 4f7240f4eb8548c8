package dev.dualwrite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.agent.apps.SeedWorkerApp;
import dev.dualwrite.core.db.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed scenario with the two application versions as two JVMs running at once, each with the agent (v1 on Java
 * 17, v2 on Java 25) against one PostgreSQL table: first in mirror, then in new-only after full_name and the dropped
 * phone_number are physically dropped. Neither version may see a failed statement; both must read the same names.
 */
@Tag("database")
@Tag("process")
class SeedScenarioIT {
    private static final int ROWS = 150;

    @TempDir
    Path dir;

    private static long scalar(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void phase(String table, String phase, int firstId) throws Exception {
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: " + table + "\n    from: full_name\n    to: display_name\n"
                + "    phase: " + phase + "\n  - table: " + table + "\n    drop: phone_number\n");
        String agent = "config=" + config.toAbsolutePath();
        String[] common = {TestDatabases.PG_URL, "postgres", "", table};
        Process v1 = Forks.start(17, agent, dir, SeedWorkerApp.class.getName(), "v1", common[0], common[1],
                common[2], common[3], Integer.toString(firstId), Integer.toString(ROWS));
        Process v2 = Forks.start(25, agent, dir, SeedWorkerApp.class.getName(), "v2", common[0], common[1],
                common[2], common[3], Integer.toString(firstId + ROWS), Integer.toString(ROWS));
        Forks.Run r1 = Forks.await(v1);
        Forks.Run r2 = Forks.await(v2);
        for (Forks.Run r : new Forks.Run[] {r1, r2}) {
            assertEquals(0, r.exit(), r::toString);
            assertEquals("0", r.result("failures"), r::toString);
            assertTrue(r.stderr().contains("dualwrite agent started"), r::toString);
        }
        assertNotNull(r1.result("checksum"), r1::toString);
        assertEquals(r1.result("rows"), r2.result("rows"), "both versions see every row");
        assertEquals(r1.result("checksum"), r2.result("checksum"), "each version reads what the other wrote");
    }

    @Test
    void twoVersionsInTwoJvmsThroughTheAgent() throws Exception {
        String table = "people_agent_" + System.nanoTime();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, email VARCHAR(100), full_name VARCHAR(100),"
                    + " display_name VARCHAR(100), phone_number VARCHAR(40))");
            try {
                phase(table, "mirror", 1);
                assertEquals(0, scalar(s, "SELECT count(*) FROM " + table
                        + " WHERE full_name IS DISTINCT FROM display_name"), "divergent rows after mirror");
                assertEquals(0, scalar(s, "SELECT count(*) FROM " + table + " WHERE phone_number IS NOT NULL"));

                s.execute("ALTER TABLE " + table + " DROP COLUMN full_name");
                s.execute("ALTER TABLE " + table + " DROP COLUMN phone_number");
                s.execute("DELETE FROM " + table);
                phase(table, "new-only", 10_000);
                assertEquals(2L * ROWS, scalar(s, "SELECT count(*) FROM " + table + " WHERE display_name LIKE"
                        + " '% renamed %'"));
            } finally {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }
}
