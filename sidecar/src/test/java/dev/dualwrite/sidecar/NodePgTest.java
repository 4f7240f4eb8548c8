package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.ExternalPrograms.Started;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Node application on node-postgres through the sidecar: parameterized queries (extended protocol, unnamed), named
 * queries (prepared once per connection, then only bound), transactions, a rejected statement and a rejected named
 * statement (SQLSTATE, aborted transaction, usable session), a server error, and a phase change between executions of
 * named statements (mirror to new-only: they must run with the new rewrite). See {@code clients/node_pg_client.js}.
 */
@Tag("database")
@Tag("process")
class NodePgTest {
    @RegisterExtension
    static final SidecarDatabase PG = SidecarDatabase.named("nodepg",
            "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text,"
                + " email text)",
                "INSERT INTO people (id, full_name, display_name) VALUES (30, 'from-column', 'to-column')");


    @TempDir
    static Path dir;


    @Test
    void aNodePgApplicationWorksThroughTheSidecar() throws Exception {
        Path modules = ClientScripts.nodeModulesDir();
        Path node = ExternalPrograms.require("node");
        Path script = ClientScripts.script("node_pg_client.js", dir);
        Path handshake = Files.createDirectories(dir.resolve("handshake"));
        Started p = new Run(node, script, Sidecars.host(PG.sidecar()), Sidecars.port(PG.sidecar()), PG.db(), handshake)
                .env("NODE_PATH", modules.resolve("node_modules").toString())
                .timeout(Duration.ofSeconds(60)).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(handshake.resolve("ready")) && p.process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (Files.exists(handshake.resolve("ready"))) {
            PG.config().set(Configuration.builder().rename("people", "full_name", "display_name", Phase.NEW_ONLY).build());
            Files.writeString(handshake.resolve("go"), "go");
        }
        Result r = p.await();
        Map<String, String> seen = ClientScripts.report(r);
        assertEquals(0, r.exit(), r::describe);
        assertAll(r.describe(),
                () -> assertEquals("id,display_name,full_name", seen.get("fields")),
                () -> assertEquals("1:Ada/Ada,2:Grace/Grace", seen.get("rows")),
                () -> assertEquals("Ada Lovelace/Ada Lovelace", seen.get("returning")),
                () -> assertEquals("named 12", seen.get("named_read")),
                () -> assertEquals("named 13", seen.get("named_read_again")),
                () -> assertEquals("Grace", seen.get("after_rollback")),
                () -> assertEquals("0AW00", seen.get("rejected")),
                () -> assertTrue(seen.getOrDefault("rejected_message", "").startsWith(
                        "dualwrite rejected the statement (window people.full_name -> display_name (mirror))")),
                () -> assertEquals("25P02", seen.get("after_rejection_in_tx")),
                () -> assertEquals("0AW00", seen.get("rejected_named")),
                () -> assertEquals("0AW00", seen.get("rejected_named_again")),
                () -> assertEquals("23505", seen.get("duplicate")),
                () -> assertEquals("9", seen.get("count_after_errors")),
                () -> assertEquals("from-column", seen.get("named_read_before_phase_change"),
                        "mirror reads come from full_name"),
                () -> assertEquals("to-column", seen.get("named_read_after_phase_change"),
                        "new-only reads come from display_name, also for a statement prepared in mirror"),
                () -> assertEquals("written in new-only", seen.get("named_insert_after_phase_change")),
                () -> assertEquals("yes", seen.get("done")));
        assertEquals(0, TestPostgres.queryLong(PG.db(), "SELECT count(*) FROM people WHERE id < 30"
                + " AND full_name IS DISTINCT FROM display_name"), "mirror writes reached both columns");
        assertEquals("null/written in new-only", TestPostgres.queryValue(PG.db(),
                "SELECT coalesce(full_name, 'null') || '/' || display_name FROM people WHERE id = 31"),
                "a named INSERT prepared in mirror, run in new-only, writes only display_name");
    }
}
