package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Edits to a statement's text, anchored at token boundaries rather than character offsets. Anchoring at tokens is what
 * lets one list of edits be replayed on another statement of the same shape (same tokens, other literal values): the
 * shape cache's plans are edit lists.
 *
 * <p>An anchor is {@code token * 2} for "where token starts" or {@code token * 2 + 1} for "where token ends". An edit
 * replaces the text between two anchors (possibly empty: an insertion) with a sequence of parts, each either literal
 * text or a copy of an original token range. A copy carries the edits made inside that range, so a value that is
 * written twice is written twice in its rewritten form.
 */
final class EditList {
    /** A copy of the original tokens {@code first..last} (inclusive), with the edits inside them applied. */
    record Copy(int first, int last) {
    }

    record Edit(int from, int to, Object[] parts, int seq) {
    }

    private final List<Edit> edits = new ArrayList<>();
    private Edit[] sorted;

    static int before(int token) {
        return token * 2;
    }

    static int after(int token) {
        return token * 2 + 1;
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    int size() {
        return edits.size();
    }

    /** Replaces tokens {@code first..last} (inclusive) with {@code parts}. */
    void replace(int first, int last, Object... parts) {
        add(before(first), after(last), parts);
    }

    /** Inserts {@code parts} right after token {@code token} (before any comment that follows it). */
    void insertAfter(int token, Object... parts) {
        add(after(token), after(token), parts);
    }

    /** Inserts {@code parts} right before token {@code token}. */
    void insertBefore(int token, Object... parts) {
        add(before(token), before(token), parts);
    }

    void add(int from, int to, Object... parts) {
        edits.add(new Edit(from, to, parts, edits.size()));
        sorted = null;
    }

    /** The result of applying the edits to a token list. */
    static final class Rendered {
        final String sql;
        /** For each {@code ?} of the output, in order, the application index (1-based) it carries. */
        final int[] parameterSources;
        final int applicationParameters;

        Rendered(String sql, int[] parameterSources, int applicationParameters) {
            this.sql = sql;
            this.parameterSources = parameterSources;
            this.applicationParameters = applicationParameters;
        }
    }

    /**
     * Applies the edits to {@code tokens}, which must have the shape of the statement the edits were made for.
     */
    Rendered render(Tokens tokens) {
        if (sorted == null) {
            Edit[] a = edits.toArray(new Edit[0]);
            // By position; at one position insertions first (an insertion anchored where a removal starts belongs
            // before it), then the longest replacement (which swallows any shorter edit inside it).
            Arrays.sort(a, Comparator.comparingInt(Edit::from)
                    .thenComparingInt((Edit e) -> e.to == e.from ? 0 : 1)
                    .thenComparing(Comparator.comparingInt((Edit e) -> e.to - e.from).reversed())
                    .thenComparingInt(Edit::seq));
            sorted = a;
        }
        Renderer r = new Renderer(tokens, sorted);
        r.range(0, tokens.sql().length(), true);
        return new Rendered(r.out.toString(), Arrays.copyOf(r.params, r.paramCount), r.applicationCount);
    }

    private static final class Renderer {
        final Tokens tokens;
        final Edit[] edits;
        final int[] fromOffsets;
        final int[] toOffsets;
        final int[] ordinal;
        final StringBuilder out;
        int[] params = new int[8];
        int paramCount;
        int applicationCount;

        Renderer(Tokens tokens, Edit[] edits) {
            this.tokens = tokens;
            this.edits = edits;
            this.out = new StringBuilder(tokens.sql().length() + 64);
            this.fromOffsets = new int[edits.length];
            this.toOffsets = new int[edits.length];
            for (int i = 0; i < edits.length; i++) {
                fromOffsets[i] = offset(edits[i].from);
                toOffsets[i] = offset(edits[i].to);
            }
            this.ordinal = new int[tokens.size()];
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.kind(i) == Tokens.PARAM) {
                    ordinal[i] = ++applicationCount;
                }
            }
        }

        int offset(int anchor) {
            int token = anchor >> 1;
            if (token >= tokens.size()) {
                return tokens.sql().length();
            }
            return (anchor & 1) == 0 ? tokens.start(token) : tokens.end(token);
        }

        /**
         * Writes the text between two offsets with the edits inside it applied. At the top level every edit counts;
         * inside a copy, insertions exactly at the copy's boundaries belong to the surroundings, not to the copy.
         */
        void range(int from, int to, boolean top) {
            int pos = from;
            for (int i = 0; i < edits.length; i++) {
                int s = fromOffsets[i];
                int e = toOffsets[i];
                if (s < from || e > to || s < pos) {
                    continue;
                }
                if (!top && s == e && (s == from || s == to)) {
                    continue;
                }
                verbatim(pos, s);
                for (Object part : edits[i].parts) {
                    if (part instanceof Copy c) {
                        range(tokens.start(c.first), tokens.end(c.last), false);
                    } else {
                        out.append((String) part);
                    }
                }
                pos = e;
            }
            verbatim(pos, to);
        }

        void verbatim(int from, int to) {
            if (from >= to) {
                return;
            }
            out.append(tokens.sql(), from, to);
            if (applicationCount == 0) {
                return;
            }
            for (int t = tokens.indexAt(from); t < tokens.size() && tokens.start(t) < to; t++) {
                if (ordinal[t] != 0) {
                    if (paramCount == params.length) {
                        params = Arrays.copyOf(params, paramCount * 2);
                    }
                    params[paramCount++] = ordinal[t];
                }
            }
        }
    }
}
