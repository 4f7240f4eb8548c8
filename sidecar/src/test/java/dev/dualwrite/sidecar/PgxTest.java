package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of a Go application on pgx v4 (built offline from Debian's sources) through the sidecar across a whole
 * rename window (see {@link RollingRename}). pgx prepares every statement and keeps it in its statement cache,
 * decoding later results with the row description of the first preparation, so this is where a re-preparation that
 * changes a statement's result shape shows first. See {@code clients/pgx_workload.go}.
 */
@Tag("database")
@Tag("process")
class PgxTest {
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
    void oldAndNewPgxVersionsRunThroughTheWholeWindow() throws Exception {
        Path source = ClientScripts.script("pgx_workload.go", Files.createDirectories(dir.resolve("src")));
        Path program = ClientRuntimes.goProgramWithPgx(source, dir);
        window = RollingRename.prepare("pgx", dir);
        RollingRename.Outcome o = window.run(role -> new Run(program));
        assertAll(o.describe(), List.of("old", "new").stream().flatMap(role -> {
            Map<String, String> seen = o.report(role);
            return List.of("batched", "in_transaction", "server_prepared").stream().map(key -> () -> assertTrue(
                    Long.parseLong(seen.getOrDefault(key, "0")) > 0, role + " version's " + key));
        }));
    }
}
