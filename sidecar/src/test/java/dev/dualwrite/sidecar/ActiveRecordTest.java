package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of a Rails application's model layer (ActiveRecord 6.1, pg adapter) through the sidecar across a
 * whole rename window (see {@link RollingRename}). Each version boots from the schema cache dump of its own schema,
 * made the way {@code rails db:schema:cache:dump} makes it, so its model knows only its own name; prepared
 * statements are on, as ActiveRecord has them by default. See {@code clients/activerecord_workload.rb}.
 */
@Tag("database")
@Tag("process")
class ActiveRecordTest {
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
    void oldAndNewRailsVersionsRunThroughTheWholeWindow() throws Exception {
        Path ruby = ClientRuntimes.rubyWithActiveRecord();
        Path script = ClientScripts.script("activerecord_workload.rb", dir);
        Path oldCache = dumpSchemaCache(ruby, script, "full_name", dir.resolve("schema_cache_old.yml"));
        Path newCache = dumpSchemaCache(ruby, script, "display_name", dir.resolve("schema_cache_new.yml"));
        window = RollingRename.prepare("activerecord", dir);
        RollingRename.Outcome o = window.run(role -> new Run(ruby, script)
                .env("SCHEMA_CACHE_DUMP", (role.equals("old") ? oldCache : newCache).toString()));
        Map<String, String> old = o.report("old");
        Map<String, String> current = o.report("new");
        assertAll(o.describe(),
                () -> assertEquals("id,email,full_name", old.get("model_columns")),
                () -> assertEquals("id,email,display_name", current.get("model_columns")),
                () -> assertTrue(Long.parseLong(old.getOrDefault("server_prepared", "0")) > 0,
                        "old version's prepared statements"),
                () -> assertTrue(Long.parseLong(current.getOrDefault("server_prepared", "0")) > 0,
                        "new version's prepared statements"));
    }

    /** The version's build step: the schema cache of a database migrated to that version's schema. */
    private static Path dumpSchemaCache(Path ruby, Path script, String nameColumn, Path file) throws Exception {
        String db = TestPostgres.createDatabase("ar_schema");
        try {
            TestPostgres.execute(db, "CREATE TABLE people (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE, "
                    + nameColumn + " text)");
            Result r = new Run(ruby, script, "dump-schema-cache", TestPostgres.HOST, TestPostgres.PORT, db, file)
                    .timeout(Duration.ofSeconds(60)).run();
            assertEquals(0, r.exit(), r::describe);
            assertEquals("id,email," + nameColumn, ClientScripts.report(r).get("dumped"), r::describe);
            return file;
        } finally {
            TestPostgres.dropDatabase(db);
        }
    }
}
