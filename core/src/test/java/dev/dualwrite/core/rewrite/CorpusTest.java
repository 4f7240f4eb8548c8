package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.TableRef;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the rewrite corpus under {@code src/test/resources/corpus}: each case is an input statement with, for one or
 * more phases, the exact expected output and parameter map, or the expected rejection. Every case also checks that
 * rewriting is deterministic and idempotent. The format is described in {@code corpus/README.md}.
 */
class CorpusTest {
    static final int MINIMUM_CASES = 300;

    @TestFactory
    Stream<DynamicNode> corpus() throws Exception {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : corpusFiles()) {
            List<Case> cases = parse(file);
            files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(),
                    cases.stream().map(c -> DynamicTest.dynamicTest(c.title + " [" + c.phase + "]", c::run))));
        }
        return files.stream();
    }

    @Test
    void corpusHasEnoughCases() throws Exception {
        int total = 0;
        for (Path file : corpusFiles()) {
            total += parse(file).size();
        }
        assertTrue(total >= MINIMUM_CASES, "the corpus has " + total + " cases, fewer than " + MINIMUM_CASES);
    }

    static List<Path> corpusFiles() throws IOException, URISyntaxException {
        URL dir = CorpusTest.class.getResource("/corpus");
        if (dir == null) {
            fail("no corpus directory on the test class path");
        }
        try (Stream<Path> s = Files.list(Paths.get(dir.toURI()))) {
            return s.filter(p -> p.toString().endsWith(".corpus")).sorted().collect(Collectors.toList());
        }
    }

    /** The windows, catalog and dialect in force at some point of a corpus file. */
    static final class Environment {
        Dialect dialect = Dialect.POSTGRESQL;
        boolean jdbcParameters = true;
        final List<String[]> renames = new ArrayList<>();
        final List<Window> fixed = new ArrayList<>();
        final Map<String, List<String>> catalog = new LinkedHashMap<>();
        String onUnsupported = "reject";

        Environment copy() {
            Environment e = new Environment();
            e.dialect = dialect;
            e.jdbcParameters = jdbcParameters;
            e.renames.addAll(renames);
            e.fixed.addAll(fixed);
            e.catalog.putAll(catalog);
            e.onUnsupported = onUnsupported;
            return e;
        }

        Configuration configuration(Phase phase) {
            Configuration.Builder b = Configuration.builder();
            for (String[] r : renames) {
                b.window(new RenameWindow(TableRef.parse(r[0]), Name.parse(r[1]), Name.parse(r[2]), phase, null, 0));
            }
            for (Window w : fixed) {
                b.window(w);
            }
            if (onUnsupported.equals("pass")) {
                b.onUnsupported(dev.dualwrite.core.config.OnUnsupported.PASS);
            }
            return b.build();
        }

        /** The physical columns in this phase: old-only lacks every "to", new-only lacks every "from". */
        Catalog catalog(Phase phase) {
            Map<String, List<String>> tables = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : catalog.entrySet()) {
                List<String> cols = new ArrayList<>(e.getValue());
                for (String[] r : renames) {
                    if (tableName(r[0]).equalsIgnoreCase(e.getKey())) {
                        if (phase == Phase.OLD_ONLY) {
                            cols.removeIf(c -> c.equalsIgnoreCase(r[2]));
                        } else if (phase == Phase.NEW_ONLY) {
                            cols.removeIf(c -> c.equalsIgnoreCase(r[1]));
                        }
                    }
                }
                tables.put(e.getKey().toLowerCase(Locale.ROOT), cols);
            }
            return new Catalog() {
                @Override
                public List<String> columns(String schema, String table) {
                    return tables.get(table.toLowerCase(Locale.ROOT));
                }

                @Override
                public long version() {
                    return 1;
                }
            };
        }

        private static String tableName(String t) {
            int dot = t.lastIndexOf('.');
            return dot < 0 ? t : t.substring(dot + 1);
        }
    }

    static final class Case {
        final Path file;
        final int line;
        final String title;
        final Environment env;
        final String sql;
        final Phase phase;
        final String expectation;
        final String params;

        Case(Path file, int line, String title, Environment env, String sql, Phase phase, String expectation,
                String params) {
            this.file = file;
            this.line = line;
            this.title = title;
            this.env = env;
            this.sql = sql;
            this.phase = phase;
            this.expectation = expectation;
            this.params = params;
        }

        RewriteEngine engine() {
            return RewriteEngine.builder(env.dialect).config(env.configuration(phase)).catalog(env.catalog(phase))
                    .jdbcParameters(env.jdbcParameters).build();
        }

        void run() {
            String where = file.getFileName() + ":" + line + " [" + phase + "] ";
            Plan plan = engine().plan(sql);
            if (expectation.startsWith("reject")) {
                String[] parts = expectation.split(" ", 3);
                assertTrue(plan.isRejected(), where + "expected a rejection, got " + plan);
                assertEquals(parts[1], plan.rejection().sqlState(), where + "SQLSTATE of " + plan);
                if (parts.length > 2) {
                    assertTrue(plan.rejection().reason().contains(parts[2]), where + "rejection reason '"
                            + plan.rejection().reason() + "' lacks '" + parts[2] + "'");
                }
                return;
            }
            if (expectation.startsWith("pass")) {
                assertFalse(plan.isRejected(), where + "unexpected rejection: " + plan);
                assertTrue(plan.warning() != null, where + "expected a pass-through warning, got " + plan);
                assertFalse(plan.isRejected(), where);
                assertEquals(sql, plan.physicalSql(sql), where + "a passed statement must be unchanged");
                return;
            }
            assertFalse(plan.isRejected(), () -> where + "unexpected rejection: " + plan.rejection().message());
            String expected = expectation.equals("same") ? sql : expectation;
            assertEquals(expected, plan.physicalSql(sql), where + "rewritten SQL");
            assertEquals(params == null ? "identity" : params, plan.parameters().toString(), where + "parameters");
            // Deterministic: a second engine gives the same text.
            assertEquals(plan.physicalSql(sql), engine().plan(sql).physicalSql(sql), where + "determinism");
            // Idempotent: rewriting the output changes nothing more.
            String once = plan.physicalSql(sql);
            Plan again = engine().plan(once);
            assertFalse(again.isRejected(), () -> where + "rewriting the output was rejected: "
                    + again.rejection().message());
            assertEquals(once, again.physicalSql(once), where + "idempotence");
        }
    }

    static List<Case> parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        Environment env = new Environment();
        String title = null;
        int titleLine = 0;
        StringBuilder sql = null;
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@")) {
                env = env.copy();
                directive(env, line, file, n + 1);
                continue;
            }
            if (line.startsWith("==")) {
                title = line.substring(2).strip();
                titleLine = n + 1;
                sql = new StringBuilder();
                continue;
            }
            if (line.startsWith("->")) {
                if (sql == null || sql.length() == 0) {
                    throw new IllegalStateException(file + ":" + (n + 1) + ": expectation without a statement");
                }
                String spec = line.substring(2).strip();
                int colon = spec.indexOf(':');
                String phases = spec.substring(0, colon).strip();
                String expectation = spec.substring(colon + 1).strip().replace("\\n", "\n");
                String params = null;
                if (n + 1 < lines.size() && lines.get(n + 1).strip().startsWith("params:")) {
                    params = lines.get(++n).strip().substring("params:".length()).strip();
                }
                List<Phase> list = phases.equals("all") ? Arrays.asList(Phase.values())
                        : Arrays.stream(phases.split(",")).map(String::strip).map(p -> {
                            Phase ph = Phase.fromConfigName(p);
                            if (ph == null) {
                                throw new IllegalStateException(file + ": unknown phase " + p);
                            }
                            return ph;
                        }).collect(Collectors.toList());
                for (Phase ph : list) {
                    cases.add(new Case(file, titleLine, title, env, sql.toString(), ph, expectation, params));
                }
                continue;
            }
            if (sql == null) {
                throw new IllegalStateException(file + ":" + (n + 1) + ": statement outside a case");
            }
            if (sql.length() > 0) {
                sql.append('\n');
            }
            sql.append(raw);
        }
        return cases;
    }

    private static void directive(Environment env, String line, Path file, int n) {
        String[] w = line.split("\\s+", 2);
        String arg = w.length > 1 ? w[1].strip() : "";
        switch (w[0]) {
            case "@dialect":
                env.dialect = Dialect.fromName(arg);
                break;
            case "@params":
                env.jdbcParameters = arg.equals("jdbc");
                break;
            case "@window": {
                // table.from -> to [@ phase]
                String[] at = arg.split("@");
                String[] ft = at[0].split("->");
                String left = ft[0].strip();
                int dot = left.lastIndexOf('.');
                String table = left.substring(0, dot);
                String from = left.substring(dot + 1);
                String to = ft[1].strip();
                if (at.length > 1) {
                    env.fixed.add(new RenameWindow(TableRef.parse(table), Name.parse(from), Name.parse(to),
                            Phase.fromConfigName(at[1].strip()), null, 0));
                } else {
                    env.renames.add(new String[] {table, from, to});
                }
                break;
            }
            case "@drop": {
                String[] parts = arg.split("\\s+default\\s+", 2);
                String left = parts[0].strip();
                int dot = left.lastIndexOf('.');
                env.fixed.add(new DropWindow(TableRef.parse(left.substring(0, dot)),
                        Name.parse(left.substring(dot + 1)), parts.length > 1 ? parts[1].strip() : null, null, 0));
                break;
            }
            case "@catalog": {
                int colon = arg.indexOf(':');
                env.catalog.put(arg.substring(0, colon).strip(), Arrays.stream(arg.substring(colon + 1).split(","))
                        .map(String::strip).collect(Collectors.toList()));
                break;
            }
            case "@on-unsupported":
                env.onUnsupported = arg;
                break;
            case "@reset":
                env.renames.clear();
                env.fixed.clear();
                env.catalog.clear();
                env.onUnsupported = "reject";
                env.jdbcParameters = true;
                break;
            default:
                throw new IllegalStateException(file + ":" + n + ": unknown directive " + w[0]);
        }
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
