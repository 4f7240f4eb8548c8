package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of a psycopg 3 application through the sidecar across a whole rename window (see
 * {@link RollingRename}): server-side prepared statements (prepare threshold 1), binary parameters and results,
 * pipeline mode, COPY in (through a staging table) and out, and {@code SELECT *} read by column name. See
 * {@code clients/psycopg3_workload.py}.
 */
@Tag("database")
@Tag("process")
class Psycopg3Test {
    @TempDir
    Path dir;

    private RollingRename window;

    @AfterEach
    void tearDown() {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void oldAndNewPsycopg3VersionsRunThroughTheWholeWindow() throws Exception {
        Path python = ClientRuntimes.pythonWith("psycopg", "python3-psycopg");
        Path script = ClientScripts.script("psycopg3_workload.py", dir);
        window = RollingRename.prepare("psycopg3", dir);
        RollingRename.Outcome o = window.run(role -> new Run(python, script));
        List<String> counted = List.of("copied_in", "copied_out", "pipelined", "server_prepared");
        assertAll(o.describe(), List.of("old", "new").stream().flatMap(role -> {
            Map<String, String> seen = o.report(role);
            return counted.stream().map(key -> () -> assertTrue(
                    Long.parseLong(seen.getOrDefault(key, "0")) > 0, role + " version's " + key));
        }));
    }
}
