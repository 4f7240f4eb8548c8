package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of a Node application on node-postgres's {@code pg.Pool} through the sidecar across a whole rename
 * window (see {@link RollingRename}): the pool ends idle clients after a short idle timeout and connects new ones all
 * through the phase changes; named statements are prepared again on every new client. Any error the pool reports
 * counts as a failed statement. See {@code clients/node_pg_pool_workload.js}.
 */
@Tag("database")
@Tag("process")
class NodePgPoolTest {
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
    void oldAndNewNodeVersionsWithAPoolRunThroughTheWholeWindow() throws Exception {
        Path modules = ClientScripts.nodeModulesDir();
        Path node = ExternalPrograms.require("node");
        Path script = ClientScripts.script("node_pg_pool_workload.js", dir);
        window = RollingRename.prepare("nodepool", dir);
        RollingRename.Outcome o = window.run(role -> new Run(node, script)
                .env("NODE_PATH", modules.resolve("node_modules").toString()));
        List<Executable> checks = new ArrayList<>();
        for (String role : List.of("old", "new")) {
            Map<String, String> seen = o.report(role);
            // At least one client ended by the idle timeout, and one connected anew, per step of the window.
            checks.add(() -> assertTrue(Long.parseLong(seen.getOrDefault("clients_removed", "0")) >= 7,
                    role + " version's pool ended idle clients in the steps"));
            checks.add(() -> assertTrue(Long.parseLong(seen.getOrDefault("clients_connected", "0")) >= 7,
                    role + " version's pool connected new clients in the steps"));
            checks.add(() -> assertTrue(Long.parseLong(seen.getOrDefault("in_transaction", "0")) > 0,
                    role + " version's transactions"));
        }
        assertAll(o.describe(), checks.stream());
    }

    /**
     * The pool's failure above in its smallest form: clients that connect, query and end, one after the other. Each
     * end sends Terminate; the server then closes its side, and the sidecar must close the client's connection without
     * telling a client that has already said goodbye that "the upstream server closed the connection" (node-postgres
     * emits that as an error event on the ending client). Directly against the server there is no such event.
     */
    @Test
    void clientsThatEndGetNoErrorEvent() throws Exception {
        Path modules = ClientScripts.nodeModulesDir();
        Path node = ExternalPrograms.require("node");
        Path script = ClientScripts.script("node_pg_end.js", dir);
        TestPostgres.admin().close();
        String db = TestPostgres.createDatabase("nodeend");
        SidecarServer sidecar = Sidecars.start(Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR));
        try {
            Result r = new Run(node, script, Sidecars.host(sidecar), Sidecars.port(sidecar), db, 200)
                    .env("NODE_PATH", modules.resolve("node_modules").toString())
                    .timeout(Duration.ofSeconds(60)).run();
            Map<String, String> seen = ClientScripts.report(r);
            assertEquals(0, r.exit(), r::describe);
            assertEquals("200", seen.get("ended"), r::describe);
            assertEquals("0", seen.get("errors"), r::describe);
        } finally {
            Sidecars.close(sidecar);
            TestPostgres.dropDatabase(db);
        }
    }
}
