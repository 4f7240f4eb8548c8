package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that ends its session (Terminate, then close) must see a clean end: node-postgres emits an 'error' event
 * for any message that arrives after its Terminate, and an application without a listener for it crashes. Hundreds of
 * connect / SELECT 1 / end cycles, and a pg.Pool ending its idle clients, with no error at all. See
 * {@code clients/node_pg_disconnect.js}.
 */
@Tag("database")
@Tag("process")
class NodePgDisconnectTest {
    private static final int CYCLES = 300;

    private static String db;
    private static SidecarServer sidecar;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("nodeend");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)");
        sidecar = Sidecars.start(Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR));
    }

    @AfterAll
    static void tearDown() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    @Test
    void endedClientsAndPoolIdleTimeoutsCloseWithoutAnError() throws Exception {
        Path modules = ClientScripts.nodeModulesDir();
        Path node = ExternalPrograms.require("node");
        Path script = ClientScripts.script("node_pg_disconnect.js", dir);
        Result r = new Run(node, script, Sidecars.host(sidecar), Sidecars.port(sidecar), db, CYCLES)
                .env("NODE_PATH", modules.resolve("node_modules").toString())
                .timeout(Duration.ofSeconds(120)).run();
        Map<String, String> seen = ClientScripts.report(r);
        assertEquals(0, r.exit(), r::describe);
        assertAll(r.describe(),
                () -> assertEquals(String.valueOf(CYCLES), seen.get("client_cycles_ok")),
                () -> assertEquals("80", seen.get("pool_queries_ok")),
                () -> assertTrue(Integer.parseInt(seen.getOrDefault("pool_idle_removed", "0")) >= 10,
                        "the pool ended its idle clients between rounds"),
                () -> assertEquals("0", seen.get("errors"), () -> "error events: " + seen.get("error_sample")),
                () -> assertEquals("yes", seen.get("done")));
    }
}
