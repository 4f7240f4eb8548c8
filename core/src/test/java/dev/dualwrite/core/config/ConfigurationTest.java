package dev.dualwrite.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    static final String VALID = String.join("\n",
            "windows:",
            "  - table: people            # schema-qualified allowed: public.people",
            "    from: full_name",
            "    to: display_name",
            "    phase: mirror",
            "  - table: public.people",
            "    drop: phone_number",
            "    default: 'n/a'",
            "  - table: '\"Orders\"'",
            "    from: '\"Note\"'",
            "    to: remark",
            "    phase: read-new",
            "    on-unsupported: pass",
            "on-unsupported: reject",
            "limits:",
            "  parse-budget-ms: 50",
            "");

    @Test
    void parsesTheDocumentedFormat() throws Exception {
        Configuration c = Configuration.parse(VALID, "dualwrite.yaml");
        assertEquals(3, c.windows().size());
        RenameWindow r = (RenameWindow) c.windows().get(0);
        assertEquals("people", r.table().toString());
        assertEquals(Phase.MIRROR, r.phase());
        assertEquals("full_name", r.readColumn().text());
        assertEquals(2, r.line());
        DropWindow d = (DropWindow) c.windows().get(1);
        assertEquals("public", d.table().schema().text());
        assertEquals("'n/a'", d.defaultValue());
        RenameWindow q = (RenameWindow) c.windows().get(2);
        assertTrue(q.from().isQuoted());
        assertEquals("Note", q.from().text());
        assertEquals(OnUnsupported.PASS, c.onUnsupported(q));
        assertEquals(OnUnsupported.REJECT, c.onUnsupported(r));
        assertEquals(50, c.limits().parseBudgetMillis());
        assertEquals(Limits.DEFAULT.maxNestingDepth(), c.limits().maxNestingDepth());
    }

    @Test
    void emptyFileHasNoWindows() throws Exception {
        assertTrue(Configuration.parse("", "x").windows().isEmpty());
        assertTrue(Configuration.parse("windows:\n", "x").windows().isEmpty());
    }

    @Test
    void defaultsOfDropWindows() throws Exception {
        Configuration c = Configuration.parse("windows:\n  - table: t\n    drop: a\n  - table: t\n    drop: b\n"
                + "    default: 42\n  - table: t\n    drop: c\n    default: null\n  - table: t\n    drop: d\n"
                + "    default: true\n  - table: t\n    drop: e\n    default: \"it's\"\n", "x");
        List<Window> w = c.windows();
        assertEquals("NULL", ((DropWindow) w.get(0)).defaultValue());
        assertEquals("42", ((DropWindow) w.get(1)).defaultValue());
        assertEquals("NULL", ((DropWindow) w.get(2)).defaultValue());
        assertEquals("TRUE", ((DropWindow) w.get(3)).defaultValue());
        assertEquals("'it''s'", ((DropWindow) w.get(4)).defaultValue());
    }

    private static ConfigException bad(String yaml) {
        return assertThrows(ConfigException.class, () -> Configuration.parse(yaml, "dualwrite.yaml"));
    }

    @Test
    void unknownKeyNamesItsLine() {
        ConfigException e = bad("windows:\n  - table: people\n    from: a\n    to: b\n    phsae: mirror\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().startsWith("dualwrite.yaml:5: unknown key 'phsae' in a window"), e.getMessage());
        assertTrue(e.getMessage().contains("phase"), e.getMessage());
    }

    @Test
    void unknownTopLevelKey() {
        ConfigException e = bad("windows: []\nonunsupported: pass\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown key 'onunsupported' at the top level"), e.getMessage());
    }

    @Test
    void unknownPhase() {
        ConfigException e = bad("windows:\n  - table: people\n    from: a\n    to: b\n    phase: dual\n");
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("unknown phase 'dual'; use one of old-only, mirror, read-new, new-only"),
                e.getMessage());
    }

    @Test
    void badIdentifier() {
        ConfigException e = bad("windows:\n  - table: people\n    from: full name\n    to: b\n    phase: mirror\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("not a plain identifier"), e.getMessage());
        ConfigException t = bad("windows:\n  - table: a.b.c\n    drop: x\n");
        assertEquals(2, t.line());
        assertTrue(t.getMessage().contains("too many parts"), t.getMessage());
    }

    @Test
    void windowDeclaredTwice() {
        ConfigException e = bad("windows:\n  - table: people\n    from: a\n    to: b\n    phase: mirror\n"
                + "  - table: people\n    drop: b\n");
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("declared in two windows (see line 2)"), e.getMessage());
    }

    @Test
    void renameToItself() {
        ConfigException e = bad("windows:\n  - table: people\n    from: a\n    to: A\n    phase: mirror\n");
        assertTrue(e.getMessage().contains("renames a to itself"), e.getMessage());
    }

    @Test
    void missingPieces() {
        assertTrue(bad("windows:\n  - table: people\n    from: a\n    phase: mirror\n").getMessage()
                .contains("needs 'to'"));
        assertTrue(bad("windows:\n  - from: a\n    to: b\n    phase: mirror\n").getMessage()
                .contains("needs 'table'"));
        assertTrue(bad("windows:\n  - table: t\n    drop: a\n    from: b\n").getMessage()
                .contains("either a rename"));
        assertTrue(bad("windows:\n  - table: t\n    from: a\n    to: b\n    phase: mirror\n    default: 1\n")
                .getMessage().contains("belongs to drop windows"));
    }

    @Test
    void invalidYamlAndDuplicateKeys() {
        ConfigException e = bad("windows:\n  - table: people\n   from: a\n");
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.line() > 0);
        ConfigException d = bad("windows:\n  - table: people\n    table: other\n    drop: x\n");
        assertEquals(3, d.line());
        assertTrue(d.getMessage().contains("key 'table' appears twice in a window"), d.getMessage());
    }

    @Test
    void badValues() {
        assertTrue(bad("on-unsupported: ignore\n").getMessage().contains("use reject"));
        assertTrue(bad("limits:\n  parse-budget-ms: -1\n").getMessage().contains("positive whole number"));
        assertTrue(bad("windows: people\n").getMessage().contains("must be a list"));
    }

    @Test
    void builderValidatesLikeTheParser() {
        assertThrows(IllegalArgumentException.class, () -> Configuration.builder()
                .rename("people", "a", "b", Phase.MIRROR).drop("people", "a").build());
        assertThrows(IllegalArgumentException.class, () -> Configuration.builder()
                .rename("people", "bad name", "b", Phase.MIRROR).build());
    }

    @Test
    void fileSourceReloadsAndKeepsTheLastGoodConfiguration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dualwrite.yaml");
        Files.writeString(file, "windows:\n  - table: people\n    from: a\n    to: b\n    phase: mirror\n",
                StandardCharsets.UTF_8);
        try (FileConfigSource source = FileConfigSource.open(file, 3_600_000)) {
            List<Configuration> seen = new CopyOnWriteArrayList<>();
            source.subscribe(seen::add);
            assertEquals(1, source.current().version());

            Files.writeString(file, "windows:\n  - table: people\n    from: a\n    to: b\n    phase: read-new\n",
                    StandardCharsets.UTF_8);
            assertTrue(source.reload());
            assertEquals(2, source.current().version());
            assertEquals(Phase.READ_NEW, ((RenameWindow) source.current().windows().get(0)).phase());
            assertEquals(1, seen.size());

            Files.writeString(file, "windows:\n  - table: people\n    from: a\n    to: b\n    phase: bogus\n",
                    StandardCharsets.UTF_8);
            assertEquals(false, source.reload());
            assertEquals(2, source.current().version(), "a broken file keeps the last good configuration");
            assertTrue(source.lastProblem().contains("unknown phase 'bogus'"), source.lastProblem());

            Files.writeString(file, "windows:\n  - table: people\n    from: a\n    to: b\n    phase: read-new\n"
                    + "# only a comment changed\n", StandardCharsets.UTF_8);
            assertEquals(false, source.reload(), "same windows: no new version");
            assertNull(source.lastProblem());
            assertEquals(2, source.current().version());

            Files.delete(file);
            assertEquals(false, source.reload());
            assertTrue(source.lastProblem().contains("cannot read"), source.lastProblem());
            assertEquals(2, source.current().version());
        }
    }

    @Test
    void fileSourceFailsFastOnABadFirstLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("missing.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> FileConfigSource.open(file, 1000));
        assertTrue(e.getMessage().contains("cannot read the configuration file"), e.getMessage());
    }
}
