package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python application on psycopg2 through the sidecar (window {@code people.full_name -> display_name}, mirror):
 * parameterized statements (inlined by the driver), executemany and execute_values, transactions committed and rolled
 * back, a rejected statement (its SQLSTATE, the transaction it aborts, the session afterwards), a server error,
 * autocommit, a named server-side cursor and SQL-level PREPARE/EXECUTE. See {@code clients/psycopg2_client.py}.
 */
@Tag("database")
@Tag("process")
class PsycopgTest {
    @RegisterExtension
    static final SidecarDatabase PG = SidecarDatabase.named("psycopg",
            "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text,"
                + " email text)");


    @TempDir
    static Path dir;


    @Test
    void aPsycopg2ApplicationWorksThroughTheSidecar() throws Exception {
        Path python = ClientScripts.pythonWithPsycopg2();
        Path script = ClientScripts.script("psycopg2_client.py", dir);
        Result r = new Run(python, script, Sidecars.host(PG.sidecar()), Sidecars.port(PG.sidecar()), PG.db())
                .timeout(Duration.ofSeconds(60)).run();
        Map<String, String> seen = ClientScripts.report(r);
        assertEquals(0, r.exit(), r::describe);
        assertAll(r.describe(),
                () -> assertEquals("id,display_name,full_name", seen.get("columns")),
                () -> assertEquals("Ada O'Brien|Ada O'Brien", seen.get("row1")),
                () -> assertEquals("Gr\u00e2ce \u2013 Hopper|Gr\u00e2ce \u2013 Hopper", seen.get("row2")),
                () -> assertEquals("15", seen.get("bulk_count")),
                () -> assertEquals("Ada Byron", seen.get("returning")),
                () -> assertEquals("0AW00", seen.get("rejected_pgcode")),
                () -> assertTrue(seen.getOrDefault("rejected_message", "").contains(
                        "dualwrite rejected the statement (window people.full_name -> display_name (mirror))")),
                // psycopg2's TRANSACTION_STATUS_INERROR: the rejection aborted the transaction like any error.
                () -> assertEquals("3", seen.get("rejected_status")),
                () -> assertEquals("25P02", seen.get("after_rejection_in_tx")),
                () -> assertEquals("Ada Byron", seen.get("after_rollback")),
                () -> assertEquals("23505", seen.get("duplicate_pgcode")),
                () -> assertEquals("0AW00", seen.get("autocommit_rejected_pgcode")),
                () -> assertEquals("1", seen.get("autocommit_next")),
                () -> assertEquals("16", seen.get("named_cursor_rows")),
                () -> assertEquals("Gr\u00e2ce \u2013 Hopper", seen.get("prepared_sql")),
                () -> assertEquals("yes", seen.get("done")));
        assertEquals(0, TestPostgres.queryLong(PG.db(),
                "SELECT count(*) FROM people WHERE full_name IS DISTINCT FROM display_name"),
                "every write through the PG.sidecar() reached both columns");
        assertEquals(18, TestPostgres.queryLong(PG.db(), "SELECT count(*) FROM people"));
    }
}
