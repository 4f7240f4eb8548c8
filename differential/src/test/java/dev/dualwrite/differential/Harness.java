package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.Judge.Context;
import dev.dualwrite.differential.Judge.Verdict;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.Set;

/**
 * Runs cases on every door they apply to: for each database, version and phase, the bare run (once per database and
 * version, or per phase for statements compared as written) against the door's run, plus the marker pass in the
 * phases that have both columns; every verdict goes to the report.
 */
final class Harness implements AutoCloseable {
    private final Fleet fleet;
    private final Set<Door> doors;
    private final Report report;
    private final ExecutorService pool = Executors.newFixedThreadPool(Family.values().length, r -> {
        Thread t = new Thread(r, "differential");
        t.setDaemon(true);
        return t;
    });

    Harness(Fleet fleet, Set<Door> doors, Report report) {
        this.fleet = fleet;
        this.doors = doors;
        this.report = report;
    }

    /**
     * Runs one case everywhere it applies; returns the number of bad verdicts. The databases are independent of each
     * other (each has its own connections, and the sidecar's are PostgreSQL's), so they run at the same time.
     */
    int run(Case c) throws SQLException {
        List<Future<Integer>> runs = new ArrayList<>();
        for (Family f : fleet.families()) {
            if (c.families().contains(f)) {
                runs.add(pool.submit(() -> run(c, f)));
            }
        }
        int bad = 0;
        for (Future<Integer> r : runs) {
            try {
                bad += r.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException s) {
                    throw s;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return bad;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private int run(Case c, Family f) throws SQLException {
        if (c.oracle() == Case.Oracle.PHYSICAL) {
            return physical(c, f);
        }
        int bad = 0;
        for (Version v : c.versions()) {
            // The bare run sends the statement the way the door does: Statement or PreparedStatement, and the same
            // pgjdbc protocol mode as a sidecar door (labels of literals and parameters differ between them).
            Map<String, Outcome> byMode = new java.util.HashMap<>();
            for (Door d : doors) {
                if (d.family != f) {
                    continue;
                }
                Endpoint bare = c.oracle() == Case.Oracle.DATA ? fleet.bareData(f, d) : fleet.bare(f, v, d);
                Outcome expected = byMode.computeIfAbsent(fleet.protocol(d),
                        m -> bare(bare, c, null, d.mode));
                for (Phase p : c.phases()) {
                    bad += one(c, d, v, p, false, expected);
                    if (p.writesBoth()) {
                        bad += one(c, d, v, p, true, expected);
                    }
                }
            }
        }
        return bad;
    }

    /** A statement compared as written: the bare run on the same physical schema, with and without markers. */
    private int physical(Case c, Family f) throws SQLException {
        int bad = 0;
        for (Phase p : c.phases()) {
            List<Phase> marks = p.writesBoth() ? java.util.Arrays.asList(null, p) : java.util.Collections.singletonList(null);
            for (Phase mark : marks) {
                Map<String, Outcome> byMode = new java.util.HashMap<>();
                for (Door d : doors) {
                    if (d.family == f) {
                        Outcome expected = byMode.computeIfAbsent(fleet.protocol(d),
                                m -> bare(fleet.barePhysical(f, p, d), c, mark, d.mode));
                        bad += one(c, d, Version.OLD, p, mark != null, expected);
                    }
                }
            }
        }
        return bad;
    }

    /** Where an unexpected exception came from: its first frames, when it is not an SQLException. */
    private static String where(Exception e) {
        if (e instanceof SQLException) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (StackTraceElement f : e.getStackTrace()) {
            if (!f.getClassName().startsWith("java.") && shown++ < 6) {
                b.append("\n    at ").append(f);
            }
        }
        return b.toString();
    }

    /** The bare run, or null (and a line on stderr) when the harness could not complete it. */
    private Outcome bare(Endpoint e, Case c, Phase mark, Executor.Mode mode) {
        long t0 = System.nanoTime();
        try {
            return Executor.run(e, c, mode, mark);
        } catch (SQLException | RuntimeException ex) {
            System.err.println("differential: the bare run of " + c.describe() + " could not complete: " + ex);
            return null;
        } finally {
            report.time("bare/" + e.family().label, System.nanoTime() - t0);
        }
    }

    private int one(Case c, Door d, Version v, Phase p, boolean marked, Outcome expected) throws SQLException {
        Verdict verdict;
        Outcome actual;
        long t0 = System.nanoTime();
        try {
            actual = Executor.run(fleet.door(d, p), c, d.mode, marked ? p : null);
            verdict = expected == null ? new Verdict(Judge.Kind.WRONG, "the bare run could not complete")
                    : Judge.judge(new Context(c, d.family, v, p, marked), expected, actual);
        } catch (SQLException | RuntimeException e) {
            actual = new Outcome(List.of(), null, null);
            verdict = new Verdict(Judge.Kind.WRONG, "the run could not complete: " + e + where(e));
        }
        report.time(d.label(), System.nanoTime() - t0);
        report.add(c.kind(), d.label(), verdict, verdict.bad() ? describe(c, d, v, p, marked, verdict, expected,
                actual) : null);
        return verdict.bad() ? 1 : 0;
    }

    private static String describe(Case c, Door d, Version v, Phase p, boolean marked, Verdict verdict,
            Outcome expected, Outcome actual) {
        StringBuilder b = new StringBuilder();
        b.append(c.kind()).append(" | ").append(verdict.kind()).append(" | ").append(c.title()).append(" (")
                .append(c.origin()).append(")\n");
        b.append("  door ").append(d.label()).append(", version ").append(v.label()).append(", phase ")
                .append(p.configName()).append(marked ? ", marker pass" : "").append(
                        c.oracle() == Case.Oracle.PHYSICAL ? ", compared as written" : "").append('\n');
        for (String s : c.statements()) {
            b.append("  sql: ").append(s.replace("\n", "\n       ")).append('\n');
        }
        if (!c.params().isEmpty()) {
            b.append("  params: ").append(c.params()).append('\n');
        }
        b.append("  ").append(verdict.detail()).append('\n');
        if (expected != null && expected.failed()) {
            b.append("  bare: ").append(expected.failure()).append('\n');
        }
        if (actual.failed()) {
            b.append("  dualwrite: ").append(actual.failure()).append('\n');
        }
        return b.toString();
    }

    static List<Case> select(List<Case> cases, String kindFilter, String titleFilter) {
        return cases.stream()
                .filter(c -> kindFilter == null || kindFilter.isBlank() || List.of(kindFilter.split(","))
                        .contains(c.kind()))
                .filter(c -> titleFilter == null || titleFilter.isBlank() || c.title().contains(titleFilter))
                .toList();
    }
}
