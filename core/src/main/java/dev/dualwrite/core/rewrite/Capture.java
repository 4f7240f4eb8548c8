package dev.dualwrite.core.rewrite;

import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a substituted column name must be qualified so that the database binds it to the same table as the
 * name it replaces.
 *
 * <p>An unqualified reference is bound by the database to the innermost scope that has a column of that name. The
 * analysis resolved the application's name to one window table; once the name is replaced by the other physical
 * column, any other table visible between the reference and that table (in the reference's own query or in any query
 * between it and the window table's query) that has a column spelled like the replacement would take the reference
 * instead: a wrong row selection, or an "ambiguous column" error. Qualifying with the window table's alias or name is
 * always correct, so it is done whenever another source could claim the replacement, including when the catalog
 * cannot tell what a source has.
 */
final class Capture {
    private Capture() {
    }

    /**
     * Whether {@code physicalKey}, written unqualified at {@code from}, could bind to a source other than
     * {@code resolved}.
     *
     * @param from        the scope the reference is written in
     * @param resolved    the window table the reference denotes
     * @param physicalKey the normalized name the reference is rewritten to
     * @param catalogKeys the normalized physical columns of a base table, or null when unknown
     */
    static boolean needsQualifier(Scope from, Source resolved, String physicalKey,
            Function<Source, Set<String>> catalogKeys) {
        // Sources of enclosing queries beyond the window table's count too: they cannot capture the name, but the
        // rewritten text would read as ambiguous to a second rewrite (see claimedOutside), and rewriting twice must
        // equal rewriting once.
        for (Scope s = from; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src != resolved && !src.pseudo && couldHave(src, physicalKey, catalogKeys)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a source in a scope enclosing {@code resolvedIn} could have a column named {@code key} (the name as the
     * application wrote it) without it being that source's own window column. Each application version knows only
     * one name of a window: for the version that does not know this name, the window table lacks it and the
     * database binds the reference to that outer source instead. The two versions then mean different columns, and
     * the statement must be rejected.
     */
    static Source claimedOutside(Scope resolvedIn, String key, Function<Source, Set<String>> catalogKeys) {
        for (Scope s = resolvedIn.parent; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src.pseudo || (src.windows != null && src.windows.column(key) != null)) {
                    continue;
                }
                if (couldHave(src, key, catalogKeys)) {
                    return src;
                }
            }
        }
        return null;
    }

    /** A source of {@code scope} other than {@code target} that could have a column named {@code key}, or null. */
    static Source otherClaim(Scope scope, Source target, String key, Function<Source, Set<String>> catalogKeys) {
        for (Source src : scope.sources) {
            if (src != target && !src.pseudo && couldHave(src, key, catalogKeys)) {
                return src;
            }
        }
        return null;
    }

    /** Whether a scope holds more than one table a name could come from. */
    static boolean severalSources(Scope scope) {
        int n = 0;
        for (Source src : scope.sources) {
            n += src.pseudo ? 0 : 1;
        }
        return n > 1;
    }

    /** Whether a source could have a column of that normalized name: true when it cannot be told. */
    static boolean couldHave(Source src, String key, Function<Source, Set<String>> catalogKeys) {
        if (src.base) {
            if (src.windows != null && src.windows.column(key) != null) {
                return true;
            }
            Set<String> cols = catalogKeys.apply(src);
            return cols == null || cols.contains(key);
        }
        return src.outputs == null || src.outputs.contains(key);
    }
}
