package dev.dualwrite.ops;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("database")
class PostgresPlanApplyTest extends PlanApplyTest {
    private String mood;

    @Override
    TestDb open() {
        return TestDb.postgres();
    }

    @Override
    void createTables() throws SQLException {
        mood = db.table("mood");
        db.dropOnClose("DROP TYPE IF EXISTS " + mood);
        db.exec("CREATE TYPE " + mood + " AS ENUM ('happy', 'sad')",
                "CREATE TABLE " + org + " (code varchar(10) PRIMARY KEY)",
                "CREATE TABLE " + people + " (id bigint PRIMARY KEY,"
                        + " name varchar(80) COLLATE \"C\" NOT NULL DEFAULT 'anon' CHECK (length(name) > 0),"
                        + " amount numeric(12,4) DEFAULT 0, seen timestamptz(3) DEFAULT now(), doc jsonb, docs json,"
                        + " tags text[], mood " + mood + " DEFAULT 'happy', org varchar(10) REFERENCES " + org
                        + " (code), phone text NOT NULL)",
                "CREATE INDEX " + people + "_name_lower ON " + people + " (lower(name)) WHERE name <> ''",
                "CREATE UNIQUE INDEX " + people + "_org_name ON " + people + " (org, name)",
                "CREATE INDEX " + people + "_tags ON " + people + " USING gin (tags)");
    }

    @Override
    Map<String, String> renames() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("name", "display_name");
        r.put("amount", "total");
        r.put("seen", "seen_at");
        r.put("doc", "document");
        r.put("docs", "documents");
        r.put("tags", "labels");
        r.put("mood", "feeling");
        r.put("org", "org_code");
        return r;
    }

    /** A volatile default (clock_timestamp) would make ADD COLUMN ... DEFAULT rewrite the table under its lock. */
    @org.junit.jupiter.api.Test
    void addColumnLeavesTheTableInPlaceWhateverTheDefault() throws Exception {
        db.exec("ALTER TABLE " + people + " ADD COLUMN stamp timestamptz DEFAULT clock_timestamp()");
        String before = db.string("SELECT relfilenode FROM pg_class WHERE oid = '" + people + "'::regclass");
        Operations ops = new Operations(db.target(), TestDb.windows("windows:\n  - table: " + people
                + "\n    from: stamp\n    to: stamped_at\n    phase: old-only\n"), null);
        ops.apply(people + ".stamp", "add-column", out::add);
        assertEquals(before, db.string("SELECT relfilenode FROM pg_class WHERE oid = '" + people + "'::regclass"),
                "the table was not rewritten");
        assertEquals("clock_timestamp()", db.string("SELECT column_default FROM information_schema.columns"
                + " WHERE table_name = '" + people + "' AND column_name = 'stamped_at'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + people + " WHERE stamped_at IS NOT NULL"),
                "existing rows wait for the backfill");
        db.exec("INSERT INTO " + people + " (id, phone) VALUES (3001, '1')");
        assertEquals(1, db.count("SELECT COUNT(*) FROM " + people + " WHERE stamped_at IS NOT NULL"),
                "new rows get the default");
    }

    @Override
    String collation(String column) throws SQLException {
        return db.string("SELECT collation_name FROM information_schema.columns WHERE table_name = '" + people
                + "' AND column_name = '" + column + "'");
    }
}
