package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.control.ControlTables;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.ops.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet commands on a real database, run through picocli in the test JVM: init, declaring windows, every
 * refusal of {@code phase} and its {@code --force}, the backfill waiting for the fleet, {@code apply drop} gated on
 * the live instances, {@code window remove} and its quiet period, and the shape of {@code status --json}. The
 * instances are rows the test writes the way an instance does: one live, one whose heartbeat is old (gone), which
 * every gate must ignore.
 */
abstract class FleetCommandsTest {
    static final int ROWS = 500;

    @TempDir
    Path dir;
    TestDb db;
    String people;
    String schema;
    ControlTables tables;
    String windowKey;

    abstract TestDb open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        schema = "dwfl_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        String physical = db.dialect() == Dialect.H2 ? schema.toUpperCase(Locale.ROOT) : schema;
        tables = new ControlTables(db.dialect(), physical);
        people = db.table("people");
        db.exec("CREATE TABLE " + people + " (id INT PRIMARY KEY, full_name VARCHAR(60), phone VARCHAR(20))");
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO " + people
                + " VALUES (?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                ps.setInt(1, i);
                ps.setString(2, i % 10 == 0 ? null : "Person " + i);
                ps.setString(3, "555-" + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            db.exec(db.dialect() == Dialect.MYSQL ? "DROP DATABASE IF EXISTS " + schema
                    : "DROP SCHEMA IF EXISTS " + tables.schema() + " CASCADE");
        } finally {
            db.close();
        }
    }

    Cli.Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.url(), "--schema", schema));
        return InProcess.run(all.toArray(String[]::new));
    }

    static void ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.toString());
    }

    /** Exit 1 with one line on stderr that holds every fragment. */
    static void refused(Cli.Result r, String... fragments) {
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r);
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in\n" + r);
        }
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    /** Writes an instance's heartbeat and its report for the window, the way an instance does. */
    void heartbeat(String id, long lastSeen, String phase, long oldStatements, Long oldLastUsed) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + tables.table(ControlTables.INSTANCES) + " WHERE instance_id = '" + id + "'");
            st.execute("DELETE FROM " + tables.table(ControlTables.INSTANCE_WINDOWS) + " WHERE instance_id = '" + id
                    + "'");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.table(ControlTables.INSTANCES)
                    + " (instance_id, kind, host, pid, app, started_at, poll_ms, config_version, last_seen, stopped_at)"
                    + " VALUES (?, 'jdbc', 'web-1', 4242, 'shop', ?, 2000, 1, ?, NULL)")) {
                ps.setString(1, id);
                ps.setLong(2, lastSeen - 60_000);
                ps.setLong(3, lastSeen);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tables.table(
                    ControlTables.INSTANCE_WINDOWS) + " (instance_id, window_key, phase_applied, old_name_statements,"
                    + " new_name_statements, old_name_last_used, updated_at) VALUES (?, ?, ?, ?, 7, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, windowKey);
                ps.setString(3, phase);
                ps.setLong(4, oldStatements);
                if (oldLastUsed == null) {
                    ps.setNull(5, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(5, oldLastUsed);
                }
                ps.setLong(6, lastSeen);
                ps.executeUpdate();
            }
        }
    }

    void live(String phase) throws Exception {
        heartbeat("live-1", System.currentTimeMillis(), phase, 12, System.currentTimeMillis() - 60_000);
    }

    String phaseInTable() throws Exception {
        return db.string("SELECT phase FROM " + tables.table(ControlTables.WINDOWS) + " WHERE window_key = '"
                + windowKey + "'");
    }

    long version() throws Exception {
        return db.count("SELECT config_version FROM " + tables.table(ControlTables.FLEET));
    }

    @Test
    void aRenameThroughEveryPhaseWithTheFleet() throws Exception {
        String w = people + ".full_name";
        // Before init: every fleet command says to run it.
        Cli.Result none = cli("status");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().contains("run dualwrite init --schema " + schema + " first")
                || none.err().contains("run dualwrite init --schema " + tables.schema() + " first"), none.toString());

        Cli.Result init = cli("init");
        ok(init);
        assertEquals(ControlTables.ALL_TABLES.size(), init.out().lines().filter(l -> l.startsWith("created \""))
                .count() + init.out().lines().filter(l -> l.startsWith("created `")).count(), init.out());
        Cli.Result again = cli("init");
        ok(again);
        assertTrue(again.out().contains("nothing changed"), again.out());

        ok(cli("window", "rename", w, "display_name"));
        windowKey = db.string("SELECT window_key FROM " + tables.table(ControlTables.WINDOWS));
        assertTrue(windowKey.toLowerCase(Locale.ROOT).endsWith("." + people + ".full_name"), windowKey);
        assertEquals("old-only", phaseInTable());
        assertEquals(1, version(), "declaring raised the fleet's version");
        Cli.Result same = cli("window", "rename", w, "display_name");
        ok(same);
        assertTrue(same.out().contains("declared already; nothing changed"), same.out());
        refused(cli("window", "rename", w, "other_name"), "is declared already as", "window remove");
        assertEquals(1, version(), "a refused or idempotent declaration changes nothing");

        // The gone instance never moves: every gate must ignore it.
        heartbeat("gone-1", System.currentTimeMillis() - 3_600_000, "old-only", 99, System.currentTimeMillis()
                - 3_600_000);
        live("old-only");

        refused(cli("phase", w, "read-new"), "one phase at a time", "next: dualwrite phase " + w + " mirror");
        refused(cli("phase", w, "mirror"), "does not exist", "dualwrite apply " + w + " add-column (ALTER TABLE");
        assertEquals("old-only", phaseInTable());
        ok(cli("apply", w, "add-column")); // the window comes from the control tables: no --config

        ok(cli("phase", w, "mirror"));
        assertEquals("mirror", phaseInTable());
        assertEquals(2, version());
        Cli.Result already = cli("phase", w, "mirror");
        ok(already);
        assertTrue(already.out().contains("already"), already.out());

        // The live instance still applies old-only; the backfill waits for it and gives up.
        Cli.Result waited = cli("backfill", w, "--fleet-wait", "1s");
        refused(waited, "does not apply mirror yet", "live-1 (jdbc on web-1, pid 4242, shop) applies old-only");
        assertFalse(waited.err().contains("gone-1"), waited.toString());
        refused(cli("phase", w, "read-new"), "backfill is not complete", "live instance does not apply mirror",
                "live-1");
        live("mirror");
        refused(cli("phase", w, "read-new"), "backfill is not complete (it never ran)", "dualwrite backfill " + w);
        ok(cli("backfill", w));
        refused(cli("phase", w, "read-new"), "no verify ran after the backfill", "dualwrite verify " + w);
        db.exec("UPDATE " + people + " SET display_name = 'planted' WHERE id = 3");
        assertEquals(1, cli("verify", w).exit());
        refused(cli("phase", w, "read-new"), "the last verify found 1 differing rows", "--restart");
        db.exec("UPDATE " + people + " SET display_name = full_name WHERE id = 3");
        ok(cli("verify", w));
        ok(cli("phase", w, "read-new"));
        assertEquals("read-new", phaseInTable());

        // Forward while the live instance lags: refused, then forced with a warning.
        refused(cli("phase", w, "new-only"), "1 live instance does not apply read-new yet", "live-1");
        Cli.Result forced = cli("phase", w, "new-only", "--force");
        ok(forced);
        assertTrue(forced.err().startsWith("warning: --force"), forced.toString());
        assertEquals("new-only", phaseInTable());
        // A move back is never held back by the fleet.
        ok(cli("phase", w, "read-new"));
        live("read-new");
        ok(cli("phase", w, "new-only"));

        // apply drop waits for the live instance, never for the gone one.
        refused(cli("apply", w, "drop"), "1 live instance does not apply new-only yet", "live-1", "safeToDropColumn");
        assertEquals(1, db.count("SELECT COUNT(full_name) FROM " + people + " WHERE id = 1"), "not dropped");
        Cli.Result before = cli("status", w, "--json");
        ok(before);
        assertTrue(before.out().contains("\"safeToDropColumn\":false"), before.out());
        live("new-only");
        Cli.Result safe = cli("status", w, "--json");
        assertTrue(safe.out().contains("\"safeToDropColumn\":true"), safe.out());
        ok(cli("apply", w, "drop"));

        // status: the JSON shape, and the table a person reads.
        Cli.Result json = cli("status", "--json");
        ok(json);
        String out = json.out().strip();
        String time = "\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"";
        String instance = "\\{\"id\":\"%s\",\"kind\":\"jdbc\",\"host\":\"web-1\",\"app\":\"shop\",\"phase\":\"%s\","
                + "\"lastSeen\":" + time + ",\"live\":%s,\"oldNameStatements\":\\d+,\"newNameStatements\":7,"
                + "\"oldNameLastUsed\":" + time + "\\}";
        String shape = "\\{\"windows\":\\[\\{\"window\":\"" + Pattern.quote(windowKey) + "\",\"kind\":\"rename\","
                + "\"phase\":\"new-only\",\"instances\":\\[" + String.format(instance, "gone-1", "old-only", "false")
                + "," + String.format(instance, "live-1", "new-only", "true") + "\\],\"oldNameLastUsed\":" + time
                + ",\"backfill\":\\{\"state\":\"done\",\"rowsScanned\":" + ROWS + ",\"rowsUpdated\":\\d+,"
                + "\"estimatedRows\":\\d+,\"startedAt\":" + time + ",\"finishedAt\":" + time + "\\},"
                + "\"verify\":\\{\"rowsChecked\":" + ROWS + ",\"differing\":0,\"finishedAt\":" + time
                + ",\"afterBackfill\":true\\},\"safeToDropColumn\":true,\"safeToRemoveWindow\":false,"
                + "\"reasons\":\\[\"drop column: .*\",\"remove window: .*\"\\]\\}\\]\\}";
        assertTrue(out.matches(shape), "status --json shape:\n" + out);
        Cli.Result text = cli("status");
        ok(text);
        assertTrue(text.out().contains("rename " + db.stored("full_name") + " -> " + db.stored("display_name")
                + "  phase new-only"), text.out());
        assertTrue(Pattern.compile("(?m)^  instance\\s+kind\\s+host\\s+app\\s+phase\\s+heartbeat").matcher(text.out())
                .find(), text.out());
        assertTrue(text.out().contains("+ 1 gone instance"), text.out());
        assertTrue(text.out().contains("drop column    SAFE"), text.out());
        assertTrue(text.out().contains("remove window  NOT YET: the old name " + db.stored("full_name")
                + " was used 1m"), text.out());

        // remove: the old name was used a minute ago.
        refused(cli("window", "remove", w), "was used 1m", "by live-1", "quiet period of 1d");
        Cli.Result badQuiet = cli("window", "remove", w, "--quiet-for", "soon");
        assertEquals(2, badQuiet.exit(), badQuiet.toString());
        ok(cli("window", "remove", w, "--quiet-for", "30s"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM " + tables.table(ControlTables.WINDOWS)));
        assertEquals(7, version(), "declare, mirror, read-new, new-only, read-new, new-only, remove: one each");
    }

    @Test
    void dropWindowsImportAndBadInput() throws Exception {
        ok(cli("init"));
        String p = people + ".phone";
        Cli.Result declared = cli("window", "drop", p, "--default", "'n/a'");
        ok(declared);
        assertTrue(declared.out().contains("(drop, reads return 'n/a')"), declared.out());
        windowKey = db.string("SELECT window_key FROM " + tables.table(ControlTables.WINDOWS));
        assertNull(phaseInTable());
        assertEquals("'n/a'", db.string("SELECT drop_default FROM " + tables.table(ControlTables.WINDOWS)));
        Cli.Result phase = cli("phase", p, "mirror");
        assertEquals(2, phase.exit(), phase.toString());
        assertTrue(phase.err().contains("is a drop window: it has no phases"), phase.toString());
        assertEquals(2, cli("phase", p, "sideways").exit());
        assertEquals(2, cli("window", "rename", "nosuch_table_x.a", "b").exit());
        Cli.Result unknown = cli("status", people + ".nope");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no window " + people + ".nope in the control tables"), unknown.toString());

        // The drop: refused while the live instance does not apply it; the gone one is ignored.
        heartbeat("gone-2", System.currentTimeMillis() - 600_000, "none", 0, null);
        live("none");
        refused(cli("apply", p, "drop"), "does not apply the drop window yet", "live-1");
        live("drop");
        Cli.Result status = cli("status", p);
        assertTrue(status.out().contains("drop column    SAFE: every live instance (1) applies the drop window"),
                status.out());
        ok(cli("apply", p, "drop"));

        // import: the file's windows in their phases, one transaction; the same file again changes nothing.
        String other = db.table("orders");
        db.exec("CREATE TABLE " + other + " (id INT PRIMARY KEY, total_cents INT)");
        Path yaml = dir.resolve("dualwrite.yaml");
        Files.writeString(yaml, "windows:\n  - table: " + other + "\n    from: total_cents\n    to: amount_cents\n"
                + "    phase: mirror\n");
        Cli.Result imported = cli("window", "import", yaml.toString());
        ok(imported);
        assertTrue(imported.out().contains("-> " + db.stored("amount_cents") + " (mirror)"), imported.out());
        long v = version();
        ok(cli("window", "import", yaml.toString()));
        assertEquals(v, version());
        assertEquals(2, cli("window", "import", dir.resolve("missing.yaml").toString()).exit());
        // A window of the control tables is found by plan without --config.
        ok(cli("plan", other + ".total_cents"));
        // The live instance used the dropped column's name a minute ago: removing is refused, --force warns.
        refused(cli("window", "remove", p), "was used 1m", "by live-1");
        Cli.Result removed = cli("window", "remove", p, "--force");
        ok(removed);
        assertTrue(removed.err().startsWith("warning: --force: removing"), removed.toString());
        assertEquals(1, db.count("SELECT COUNT(*) FROM " + tables.table(ControlTables.WINDOWS)), "the import's stays");
    }

    static String firstRow(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
