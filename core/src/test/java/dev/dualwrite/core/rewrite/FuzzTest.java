package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Limits;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property test: random and mutated SQL never escapes the engine as anything but a plan or one of the defined
 * rejections, never takes longer than the parse budget allows, and rewriting a rewritten statement changes nothing.
 *
 * <p>Seeds are the corpus statements plus a vocabulary of SQL fragments; mutations delete, repeat, swap, insert and
 * truncate tokens. The random seed is fixed so that a failure reproduces; set {@code -Dfuzz.seed} and
 * {@code -Dfuzz.iterations} to explore further.
 */
class FuzzTest {
    private static final Set<String> SQLSTATES = Set.of(Rejection.UNSUPPORTED, Rejection.AMBIGUOUS, Rejection.SYNTAX,
            Rejection.TOO_COMPLEX);
    private static final long BUDGET_MS = 200;
    /** What the engine may spend beyond the parse budget: tokenizing, analysis, the collector, the JIT. */
    private static final long SLACK_MS = 1500;
    /**
     * The work is bounded in CPU time of the planning thread (as the parse budget is): on an oversubscribed host,
     * wall-clock time measures the host, not the engine.
     */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String[] VOCABULARY = {
        "SELECT", "FROM", "WHERE", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "MERGE", "USING", "ON",
        "CONFLICT", "DO", "RETURNING", "WITH", "AS", "JOIN", "LEFT", "UNION", "ALL", "ORDER", "BY", "GROUP", "HAVING",
        "people", "\"people\"", "`people`", "p", "p1_0", "full_name", "display_name", "phone_number",
        "\"full_name\"", "`display_name`", "orders", "o", "id", "email", "*", "?", "$1", ",", ".", "(", ")", ";",
        "=", "'x'", "'", "\"", "`", "--", "/*", "*/", "#", "$$", "$tag$", "E'\\''", "nextval('s')", "random()",
        "NULL", "DEFAULT", "1", "::text", "CAST(", "EXISTS", "IN", "CASE", "WHEN", "THEN", "END", "\u00e9", "\u0000",
        "KEY", "DUPLICATE", "EXCLUDED.full_name", "VALUES(full_name)", "COPY", "EXPLAIN", "DECLARE", "CURSOR", "FOR",
    };

    private static final List<String> SEEDS = new ArrayList<>();

    @BeforeAll
    static void seeds() throws Exception {
        Set<String> all = new LinkedHashSet<>();
        for (Path file : CorpusTest.corpusFiles()) {
            for (CorpusTest.Case c : CorpusTest.parse(file)) {
                all.add(c.sql);
            }
        }
        all.add("SELECT p.full_name, p.display_name FROM people p WHERE p.id = ?");
        all.add("INSERT INTO people (email, full_name, phone_number) VALUES (?, ?, ?)");
        all.add("UPDATE people SET display_name = ? WHERE id = ?");
        SEEDS.addAll(all);
    }

    private static List<RewriteEngine> engines() {
        List<RewriteEngine> engines = new ArrayList<>();
        Catalog catalog = new Catalog() {
            @Override
            public List<String> columns(String schema, String table) {
                String t = table.toLowerCase(Locale.ROOT);
                if (t.equals("people")) {
                    return List.of("id", "email", "full_name", "display_name", "phone_number");
                }
                return t.equals("orders") ? List.of("id", "person_id", "total") : null;
            }

            @Override
            public long version() {
                return 1;
            }
        };
        for (Dialect d : Dialect.values()) {
            for (Phase phase : Phase.values()) {
                Configuration c = Configuration.builder().rename("people", "full_name", "display_name", phase)
                        .drop("people", "phone_number").limits(new Limits(1_000_000, 100, BUDGET_MS)).build();
                engines.add(RewriteEngine.builder(d).config(c).catalog(catalog).jdbcParameters(d != Dialect.POSTGRESQL
                        || phase.ordinal() % 2 == 0).build());
            }
        }
        return engines;
    }

    @Test
    void mutatedStatementsOnlyEverPlanOrReject() {
        long seed = Long.getLong("fuzz.seed", 20261123L);
        int iterations = Integer.getInteger("fuzz.iterations", 1500);
        Random random = new Random(seed);
        List<RewriteEngine> engines = engines();
        int rewritten = 0;
        int rejected = 0;
        for (int i = 0; i < iterations; i++) {
            RewriteEngine engine = engines.get(random.nextInt(engines.size()));
            String seedSql = SEEDS.get(random.nextInt(SEEDS.size()));
            // A quarter of the runs take a corpus statement as it is, under a random dialect and phase; the rest
            // mutate it.
            String sql = random.nextInt(4) == 0 ? seedSql : mutate(seedSql, random, engine.dialect());
            Plan plan = check(engine, sql, "seed " + seed + " iteration " + i);
            if (plan.isRejected()) {
                rejected++;
            } else if (plan.isRewritten()) {
                rewritten++;
            }
        }
        // The mutations must exercise both outcomes, or the test proves little.
        assertTrue(rewritten > iterations / 20, "only " + rewritten + " of " + iterations + " were rewritten");
        assertTrue(rejected > iterations / 20, "only " + rejected + " of " + iterations + " were rejected");
    }

    @Test
    void randomTextNeverEscapes() {
        Random random = new Random(Long.getLong("fuzz.seed", 7L));
        List<RewriteEngine> engines = engines();
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder("SELECT full_name FROM people ");
            int n = random.nextInt(60);
            for (int k = 0; k < n; k++) {
                if (random.nextInt(4) == 0) {
                    b.append((char) random.nextInt(0x3000));
                } else {
                    b.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(random.nextBoolean() ? " " : "");
                }
            }
            check(engines.get(random.nextInt(engines.size())), b.toString(), "random text " + i);
        }
    }

    @Test
    void pathologicalStatementsAreBoundedRejectionsOrPlans() {
        List<RewriteEngine> engines = engines();
        RewriteEngine pg = engines.get(Phase.MIRROR.ordinal());
        String deep = "SELECT full_name FROM people WHERE " + "(".repeat(5000) + "1" + ")".repeat(5000);
        Plan p = check(pg, deep, "deep nesting");
        assertTrue(p.isRejected());
        assertEquals(Rejection.TOO_COMPLEX, p.rejection().sqlState());

        String unclosed = "SELECT full_name FROM people WHERE " + "(".repeat(90);
        check(pg, unclosed, "unclosed parentheses");

        StringBuilder in = new StringBuilder("SELECT full_name FROM people WHERE id IN (");
        for (int i = 0; i < 20_000; i++) {
            in.append(i == 0 ? "" : ",").append(i);
        }
        check(pg, in.append(")").toString(), "long IN list");

        StringBuilder bulk = new StringBuilder("INSERT INTO people (email, full_name) VALUES ");
        for (int i = 0; i < 2_000; i++) {
            bulk.append(i == 0 ? "" : ", ").append("('e").append(i).append("', 'n").append(i).append("')");
        }
        Plan b = check(pg, bulk.toString(), "bulk insert");
        assertFalse(b.isRejected(), () -> b.rejection().message());

        String huge = "SELECT id FROM orders WHERE note = '" + "x".repeat(2_000_000) + "'";
        assertFalse(check(pg, huge, "huge statement on another table").isRewritten());

        String hugeOnWindow = "SELECT full_name FROM people WHERE note = '" + "x".repeat(1_100_000) + "'";
        Plan h = check(pg, hugeOnWindow, "huge statement on a window table");
        assertTrue(h.isRejected());
        assertEquals(Rejection.TOO_COMPLEX, h.rejection().sqlState());
    }

    private static long cpuNanos() {
        return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Plans {@code sql} and checks the properties; returns the plan. */
    private static Plan check(RewriteEngine engine, String sql, String where) {
        long start = cpuNanos();
        Plan plan;
        try {
            plan = engine.plan(sql);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(where + ": the engine threw " + e + " for: " + abbreviate(sql), e);
        }
        long ms = (cpuNanos() - start) / 1_000_000;
        if (ms > BUDGET_MS + SLACK_MS) {
            fail(where + ": planning took " + ms + " ms of CPU time for: " + abbreviate(sql));
        }
        assertNotNull(plan, where);
        if (plan.isRejected()) {
            assertTrue(SQLSTATES.contains(plan.rejection().sqlState()), where + ": unexpected SQLSTATE "
                    + plan.rejection().sqlState());
            assertFalse(plan.rejection().reason().isBlank(), where);
            return plan;
        }
        if (plan.isRewritten()) {
            String once = plan.physicalSql(sql);
            Plan again = engine.plan(once);
            assertFalse(again.isRejected(), () -> where + ": rewriting the output was rejected ("
                    + again.rejection().message() + ")\n in:  " + sql + "\n out: " + once);
            assertEquals(once, again.physicalSql(once), where + ": not idempotent for: " + sql);
        }
        return plan;
    }

    private static String mutate(String seed, Random random, Dialect dialect) {
        Tokens t = new SqlLexer(dialect, true).tokenize(seed);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            parts.add(t.text(i));
        }
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !parts.isEmpty(); m++) {
            int at = random.nextInt(parts.size());
            switch (random.nextInt(6)) {
                case 0:
                    parts.remove(at);
                    break;
                case 1:
                    parts.add(at, parts.get(at));
                    break;
                case 2:
                    int other = random.nextInt(parts.size());
                    String x = parts.get(at);
                    parts.set(at, parts.get(other));
                    parts.set(other, x);
                    break;
                case 3:
                    parts.add(at, VOCABULARY[random.nextInt(VOCABULARY.length)]);
                    break;
                case 4:
                    parts.subList(at, parts.size()).clear();
                    break;
                default:
                    parts.add(at, "(");
                    parts.add(Math.min(parts.size(), at + 2 + random.nextInt(4)), ")");
                    break;
            }
        }
        return String.join(random.nextInt(5) == 0 ? "" : " ", parts);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
