package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.Outcome.Failure;
import dev.dualwrite.differential.Outcome.Result;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a dualwrite run with the bare run it must equal, and says whether it was exact, a rejection (allowed,
 * counted by reason, unless the case must be rewritten), or wrong.
 */
final class Judge {
    /** The verdict on one run. */
    enum Kind { EXACT, REJECTED, FALSE_REJECTION, WRONG }

    record Verdict(Kind kind, String detail) {
        static final Verdict EXACT = new Verdict(Kind.EXACT, "");

        boolean bad() {
            return kind == Kind.WRONG || kind == Kind.FALSE_REJECTION;
        }
    }

    /** What was compared: the phase, and whether the marker pass ran. */
    record Context(Case c, Family family, Version version, Phase phase, boolean marked) {
    }

    private Judge() {
    }

    static Verdict judge(Context ctx, Outcome expected, Outcome actual) {
        Case c = ctx.c();
        Failure f = actual.failure();
        if (f != null && f.rejection()) {
            if (f.sqlState() == null || f.sqlState().length() != 5 || f.reason().length() < 10) {
                return new Verdict(Kind.WRONG, "a rejection without an SQLSTATE or a reason: " + f);
            }
            if (expected.failed()) {
                return Verdict.EXACT;
            }
            String reason = f.sqlState() + " " + f.reason();
            return new Verdict(c.mustRewrite() ? Kind.FALSE_REJECTION : Kind.REJECTED, reason);
        }
        if (f != null) {
            return expected.failed() ? Verdict.EXACT
                    : new Verdict(Kind.WRONG, "the database failed where the bare run did not: " + f);
        }
        if (expected.failed()) {
            return new Verdict(Kind.WRONG, "succeeded where the bare run failed with " + expected.failure());
        }
        List<String> problems = new ArrayList<>();
        compareResults(c, ctx.family(), ctx.marked(), expected.results(), actual.results(), problems);
        if (c.oracle() != Case.Oracle.PHYSICAL) {
            markersInResults(actual.results(), problems);
            if (actual.snapshot() != null) {
                Snapshot logical = actual.snapshot().toLogical(ctx.version(), ctx.phase());
                Snapshot want = expected.snapshot();
                if (c.oracle() == Case.Oracle.DATA) {
                    logical = logical.without(SchemaModel.TABLE, SchemaModel.DROPPED);
                    want = want.without(SchemaModel.TABLE, SchemaModel.DROPPED);
                }
                compareContents(want, logical, problems);
                if (ctx.phase().writesBoth()) {
                    agreement(actual.snapshot(), ctx.phase(), ctx.marked(), problems);
                }
            }
        } else if (actual.snapshot() != null) {
            compareContents(expected.snapshot(), actual.snapshot(), problems);
        }
        return problems.isEmpty() ? Verdict.EXACT : new Verdict(Kind.WRONG, String.join("; ", problems));
    }

    private static void compareResults(Case c, Family family, boolean marked, List<Result> expected, List<Result> actual, List<String> problems) {
        if (expected.size() != actual.size()) {
            problems.add("results: expected " + expected.size() + ", got " + actual.size() + " " + summary(actual));
            return;
        }
        for (int i = 0; i < expected.size(); i++) {
            Result e = expected.get(i);
            Result a = actual.get(i);
            String at = expected.size() == 1 ? e.what() : e.what() + " " + (i + 1);
            if (e.isRows() != a.isRows()) {
                problems.add(at + ": expected " + (e.isRows() ? "rows" : "an update count") + ", got "
                        + (a.isRows() ? "rows" : "an update count"));
            } else if (!e.isRows()) {
                if (e.updateCount() != a.updateCount() && !(marked && family == Family.MARIADB
                        && c.statements().stream().anyMatch(x -> x.toUpperCase(java.util.Locale.ROOT)
                        .contains("ON DUPLICATE KEY")))) {
                    // (MariaDB counts an upsert's row as 2 when it changed and 1 when it did not: with markers in the
                    // column that is not read, the mirrored write changes a row the bare run leaves as it was.)
                    problems.add(at + ": update count " + a.updateCount() + ", expected " + e.updateCount());
                }
            } else {
                List<List<String>> er = e.rows();
                List<List<String>> ar = a.rows();
                int[] columns = e.labels().equals(a.labels()) ? null : byLabel(e.labels(), a.labels());
                if (columns != null) {
                    ar = project(ar, columns);
                } else if (!e.labels().equals(a.labels()) && !(family == Family.H2 && h2ExpressionLabels(e.labels(), a.labels()))) {
                    problems.add(at + ": labels " + a.labels() + ", expected " + e.labels());
                }
                if (!c.ordered()) {
                    er = sorted(er);
                    ar = sorted(ar);
                }
                if (!er.equals(ar)) {
                    problems.add(at + ": rows " + abbreviate(a.rows()) + ", expected " + abbreviate(e.rows()));
                }
            }
        }
    }

    /**
     * Where each expected column is in a dualwrite result that differs from the expected labels only by window columns,
     * or null. An expanded {@code *} cannot know which version sent it, so it carries the names of both (the other
     * name appended after the select list, the dropped column while it exists or appended after it is gone): what an
     * application gets from it is each name it knows under that name, which is what is compared. The k-th expected
     * column labelled L is the k-th result column labelled L; every other result column must be named like a window
     * column (its values are still searched for markers), and the columns that are no window's keep their order.
     */
    static int[] byLabel(List<String> expected, List<String> actual) {
        int[] at = new int[expected.size()];
        boolean[] used = new boolean[actual.size()];
        int lastPlain = -1;
        for (int i = 0; i < expected.size(); i++) {
            String label = expected.get(i);
            int seen = 0;
            for (int k = 0; k < i; k++) {
                seen += expected.get(k).equals(label) ? 1 : 0;
            }
            int found = -1;
            for (int j = 0; j < actual.size() && found < 0; j++) {
                if (actual.get(j).equals(label) && seen-- == 0) {
                    found = j;
                }
            }
            if (found < 0) {
                return null;
            }
            if (!windowName(label)) {
                if (found < lastPlain) {
                    return null;
                }
                lastPlain = found;
            }
            at[i] = found;
            used[found] = true;
        }
        for (int j = 0; j < actual.size(); j++) {
            if (!used[j] && !windowName(actual.get(j))) {
                return null;
            }
        }
        return at;
    }

    private static boolean windowName(String label) {
        String l = label.toLowerCase(java.util.Locale.ROOT);
        return l.equals(SchemaModel.OLD_NAME) || l.equals(SchemaModel.NEW_NAME) || l.equals(SchemaModel.DROPPED);
    }

    /**
     * H2 labels a computed expression with its own normalized text, so a rewritten column inside it changes the label:
     * a limitation the README states. Labels that are expression texts and differ only by the window's two names (or
     * by a dropped column read as NULL) are taken as equal; plain column labels never are.
     */
    private static boolean h2ExpressionLabels(List<String> expected, List<String> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            if (e.equals(a)) {
                continue;
            }
            if (!e.contains("(") || !swapNames(e).equals(swapNames(a))) {
                return false;
            }
        }
        return true;
    }

    private static String swapNames(String label) {
        // the rewrite may also qualify the name it substitutes (u2.full_name for display_name)
        // (and a dropped column reads as NULL)
        return label.toLowerCase(java.util.Locale.ROOT).replace(SchemaModel.NEW_NAME, SchemaModel.OLD_NAME)
                .replace(SchemaModel.DROPPED, "null")
                .replaceAll("\\b[a-z0-9_]+\\.(?=" + SchemaModel.OLD_NAME + ")", "");
    }

    private static List<List<String>> project(List<List<String>> rows, int[] columns) {
        List<List<String>> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            List<String> p = new ArrayList<>(columns.length);
            for (int c : columns) {
                p.add(r.get(c));
            }
            out.add(p);
        }
        return out;
    }

    private static void markersInResults(List<Result> results, List<String> problems) {
        for (Result r : results) {
            if (!r.isRows()) {
                continue;
            }
            for (List<String> row : r.rows()) {
                for (String v : row) {
                    if (v != null && (v.contains(SchemaModel.MARKER_PREFIX) || v.contains(SchemaModel.PHONE_PREFIX))) {
                        problems.add(r.what() + ": a value from a column this phase must not read: " + v);
                        return;
                    }
                }
            }
        }
    }

    private static void compareContents(Snapshot expected, Snapshot actual, List<String> problems) {
        for (String table : expected.tables().keySet()) {
            List<String> e = expected.canonical(table);
            List<String> a = actual.canonical(table);
            if (!e.equals(a)) {
                List<String> missing = new ArrayList<>(e);
                a.forEach(missing::remove);
                List<String> extra = new ArrayList<>(a);
                e.forEach(extra::remove);
                problems.add("contents of " + table + ": missing " + abbreviate(missing) + ", unexpected "
                        + abbreviate(extra));
            }
        }
    }

    /**
     * Both columns of the rename must hold the same value in every row. After the marker pass, a row the statement did
     * not write still holds its marker in the column that is not read; anything else there is a wrong write.
     */
    private static void agreement(Snapshot physical, Phase phase, boolean marked, List<String> problems) {
        String read = SchemaModel.readColumn(phase);
        String unread = SchemaModel.unreadColumn(phase);
        Set<String> markers = new HashSet<>();
        for (Map<String, Object> row : SchemaModel.seed(SchemaModel.tables(SchemaModel.Variant.P_MIRROR).get(0),
                SchemaModel.Variant.P_MIRROR)) {
            markers.add(SchemaModel.MARKER_PREFIX + row.get("id"));
        }
        for (Map<String, String> row : physical.tables().get(SchemaModel.TABLE)) {
            String r = row.get(read);
            String u = row.get(unread);
            if (!Objects.equals(r, u) && !(marked && markers.contains(u))) {
                problems.add("the two columns differ in row id=" + row.get("id") + ": " + read + "=" + r + ", "
                        + unread + "=" + u);
                return;
            }
        }
    }

    private static List<List<String>> sorted(List<List<String>> rows) {
        List<List<String>> s = new ArrayList<>(rows);
        s.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
        return s;
    }

    private static String summary(List<Result> results) {
        List<String> parts = new ArrayList<>();
        for (Result r : results) {
            parts.add(r.isRows() ? r.labels() + " " + abbreviate(r.rows()) : "count " + r.updateCount());
        }
        return parts.toString();
    }

    static String abbreviate(List<?> items) {
        String s = items.size() > 8 ? items.subList(0, 8) + " ... (" + items.size() + " in all)" : items.toString();
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
