package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.HashMap;
import java.util.Map;

/**
 * Whole-row references to a window table: in PostgreSQL a table name or alias used as a value ({@code row_to_json(u)},
 * {@code to_jsonb(u) ->> 'full_name'}, {@code json_agg(u)}, {@code hstore(u)}, {@code u::text}) is the row with the
 * physical columns of the phase, and so is {@code u.*} inside an expression ({@code ROW(u.*)}, {@code
 * row_to_json(u.*)}). Their keys, field order and width change with the phase, and no rewrite keeps the composite
 * type, so they are refused with the advice to build the value from named columns.
 */
final class WholeRows {
    private WholeRows() {
    }

    /**
     * Cheap test on tokens: whether a window table's name or alias occurs more often, as a bare word, than where it is
     * declared; only then can it be a whole-row value, and the statement must be parsed even if it names no window
     * column.
     */
    static boolean mayNameRows(Tokens t, int first, int last, WindowIndex index, IdentifierCase ids) {
        Map<String, Integer> declared = new HashMap<>();
        for (int i = first; i <= last; i++) {
            // Only where a table is named for certain; elsewhere (a comma list, a function argument) an occurrence
            // counts as a possible value, which costs a parse at worst: the rewriter decides.
            boolean declaration = t.isKeyword(i - 1, "from") || t.isKeyword(i - 1, "join")
                    || t.isKeyword(i - 1, "update") || t.isKeyword(i - 1, "into") || t.isKeyword(i - 1, "using")
                    || t.isKeyword(i - 1, "only") || t.isKeyword(i - 1, "table");
            if (declaration && bare(t, i, first, last) && index.isWindowTableName(key(t, i, ids))) {
                declared.merge(key(t, i, ids), 1, Integer::sum);
                int alias = t.isKeyword(i + 1, "as") ? i + 2 : i + 1;
                if (alias <= last && t.isIdentifier(alias) && bare(t, alias, first, last)) {
                    declared.merge(key(t, alias, ids), 1, Integer::sum);
                }
            }
        }
        if (declared.isEmpty()) {
            return false;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = first; i <= last; i++) {
            if (bare(t, i, first, last) && declared.containsKey(key(t, i, ids))) {
                seen.merge(key(t, i, ids), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : seen.entrySet()) {
            if (e.getValue() > declared.get(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** An identifier neither qualified nor a qualifier. */
    private static boolean bare(Tokens t, int i, int first, int last) {
        return t.isIdentifier(i) && !(i + 1 <= last && t.kind(i + 1) == Tokens.DOT)
                && !(i - 1 >= first && t.kind(i - 1) == Tokens.DOT);
    }

    private static String key(Tokens t, int i, IdentifierCase ids) {
        return ids.normalize(t.identifier(i), t.kind(i) == Tokens.QUOTED_IDENT);
    }

    static Unsupported refused(Window window, String written) {
        return Unsupported.of(window, "the whole row of window table " + written + " (as a value, or "
                + written + ".* inside an expression) carries the physical columns of the phase; build the value from"
                + " named columns instead, e.g. json_build_object('id', " + written + ".id, ...)");
    }
}
