package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import java.util.List;

/**
 * The outcome of analyzing one statement, independent of its literal values: edits anchored at tokens, the windows
 * used, and any rejection. The shape cache stores these; {@link #apply} turns one into a {@link Plan} for a statement
 * of the same shape.
 */
final class Analysis {
    final EditList edits;
    final List<Plan.WindowUse> uses;
    final List<String> labels;
    final Rejection rejection;
    final String warning;
    final long catalogVersion;
    /** Not to be cached: the outcome depended on the moment (a parse over its time budget on a busy machine). */
    boolean momentary;

    Analysis(EditList edits, List<Plan.WindowUse> uses, List<String> labels, Rejection rejection, String warning,
            long catalogVersion) {
        this.edits = edits;
        this.uses = uses;
        this.labels = labels;
        this.rejection = rejection;
        this.warning = warning;
        this.catalogVersion = catalogVersion;
    }

    static Analysis rejected(Rejection rejection) {
        return rejected(rejection, -1);
    }

    /** A rejection that may depend on what the catalog said (or could not say): re-made when the catalog moves. */
    static Analysis rejected(Rejection rejection, long catalogVersion) {
        return new Analysis(new EditList(), List.of(), List.of(), rejection, null, catalogVersion);
    }

    static Analysis passed(String warning, long catalogVersion) {
        return new Analysis(new EditList(), List.of(), List.of(), null, warning, catalogVersion);
    }

    /** The plan for {@code tokens}, a statement of the shape this analysis was made from, with its facts. */
    Plan apply(Tokens tokens, StatementFacts facts, SqlLexer lexer, long version) {
        if (rejection != null || edits.isEmpty()) {
            return new Plan(null, false, ParameterMap.IDENTITY, rejection, warning, labels, uses, version,
                    catalogVersion, facts);
        }
        EditList.Rendered r = edits.render(tokens);
        String sql = r.sql;
        ParameterMap params = ParameterMap.IDENTITY;
        if (r.applicationParameters > 0) {
            params = ParameterMap.of(r.parameterSources, r.applicationParameters);
        } else if (hasNumbered(tokens)) {
            Renumbered n = renumber(tokens, lexer.tokenize(sql));
            sql = n.sql;
            params = n.map;
        }
        return new Plan(sql, true, params, null, warning, labels, uses, version, catalogVersion, facts);
    }

    private static boolean hasNumbered(Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i) == Tokens.NUMBERED_PARAM) {
                return true;
            }
        }
        return false;
    }

    private record Renumbered(String sql, ParameterMap map) {
    }

    /**
     * Numbered placeholders ({@code $n}, H2's {@code ?n}) may be repeated freely, but none may go missing: when a
     * removed value took the only use of {@code $3}, the server could not type it and the client would bind one
     * value too many. The survivors are renumbered densely, and the map tells the door which application value
     * goes where (none for the removed one).
     */
    private static Renumbered renumber(Tokens in, Tokens out) {
        int count = 0;
        for (int i = 0; i < in.size(); i++) {
            if (in.kind(i) == Tokens.NUMBERED_PARAM) {
                count = Math.max(count, number(in, i));
            }
        }
        boolean[] present = new boolean[count + 1];
        for (int i = 0; i < out.size(); i++) {
            if (out.kind(i) == Tokens.NUMBERED_PARAM) {
                int n = number(out, i);
                if (n <= count) {
                    present[n] = true;
                }
            }
        }
        int[] renumbered = new int[count + 1];
        int next = 0;
        boolean identity = true;
        for (int n = 1; n <= count; n++) {
            if (present[n]) {
                renumbered[n] = ++next;
            }
            identity &= renumbered[n] == n;
        }
        if (identity) {
            return new Renumbered(out.sql(), ParameterMap.IDENTITY);
        }
        StringBuilder b = new StringBuilder(out.sql().length());
        int pos = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.kind(i) == Tokens.NUMBERED_PARAM) {
                int n = number(out, i);
                b.append(out.sql(), pos, out.start(i) + 1).append(renumbered[n]);
                pos = out.end(i);
            }
        }
        b.append(out.sql(), pos, out.sql().length());
        int[] sources = new int[next];
        for (int n = 1; n <= count; n++) {
            if (renumbered[n] > 0) {
                sources[renumbered[n] - 1] = n;
            }
        }
        return new Renumbered(b.toString(), ParameterMap.of(sources, count));
    }

    private static int number(Tokens t, int i) {
        return Integer.parseInt(t.sql().substring(t.start(i) + 1, t.end(i)));
    }

    /** The statement with every literal replaced by a placeholder of its kind: statements of one shape share it. */
    static String shapeKey(Tokens t) {
        StringBuilder b = new StringBuilder(t.sql().length());
        for (int i = 0; i < t.size(); i++) {
            byte k = t.kind(i);
            if (k == Tokens.STRING) {
                b.append("''");
            } else if (k == Tokens.NUMBER) {
                b.append('0');
            } else {
                b.append(t.sql(), t.start(i), t.end(i));
            }
            b.append(' ');
        }
        return b.toString();
    }
}
