package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Tokens;
import java.util.Set;

/**
 * Column resolution: which source, in which scope, a column reference denotes, as the database would bind it.
 *
 * <p>A qualified name binds to the innermost source of that qualifier. An unqualified name binds to the one source of
 * the innermost scope that has it; a window table counts as having its window's names, a table with a catalog list has
 * the listed columns, and a source whose columns are unknown could have any. When more than one source could have a
 * window column name the reference is refused as ambiguous rather than guessed: after the rename the database might
 * bind it elsewhere.
 */
final class Resolver {
    /** A reference bound to {@code source} of {@code scope}; {@code column} is its window column, or null. */
    record Binding(Source source, Scope scope, ColumnWindow column) {
    }

    private final RewriteContext cx;
    private final Tokens tokens;
    private final WindowIndex index;

    Resolver(RewriteContext cx) {
        this.cx = cx;
        this.tokens = cx.tokens;
        this.index = cx.index;
    }

    /** The window column a reference denotes, or null when it denotes none (see {@link #resolve}). */
    ColumnWindow column(Ref r, Scope scope) {
        Binding b = resolve(r, scope);
        return b == null ? null : b.column();
    }

    /**
     * What a reference to a window column name is bound to: the source and the scope it is in, and the window column
     * (null when the source has no window of that name). Null when the name is no window column's, or when the
     * reference cannot be bound (a name the database will report, or one that is not a window column here).
     */
    Binding resolve(Ref r, Scope scope) {
        String name = cx.key(r.name());
        if (!index.isWindowColumnName(name)) {
            return null;
        }
        if (r.qualified()) {
            String qTable = cx.key(r.lastQualifier());
            String qSchema = r.qualifier().length > 1 ? cx.key(r.qualifier()[r.qualifier().length - 2]) : null;
            for (Scope s = scope; s != null; s = s.parent) {
                for (Source src : s.sources) {
                    if (src.qualifierKey != null && src.qualifierKey.equals(qTable)
                            && (qSchema == null || qSchema.equals(src.schemaKey))) {
                        return new Binding(src, s, src.windows == null ? null : src.windows.column(name));
                    }
                }
            }
            // A qualifier naming no source: an outer reference we cannot see, or a typo the database will report.
            TableWindows tw = cx.windowsOf(qSchema, qTable);
            if (tw != null && tw.column(name) != null) {
                throw new Unsupported(tw.column(name).window(), "cannot tell what '" + cx.text(r.first(), r.name())
                        + "' refers to", Rejection.AMBIGUOUS);
            }
            return null;
        }
        for (Scope s = scope; s != null; s = s.parent) {
            Source definite = null;
            int count = 0;
            boolean maybe = false;
            for (Source src : s.sources) {
                if (src.pseudo) {
                    continue;
                }
                if (src.base) {
                    if (src.windows != null && src.windows.column(name) != null) {
                        definite = src;
                        count++;
                    } else {
                        Set<String> cols = cx.catalogKeys(src);
                        if (cols == null) {
                            maybe = true;
                        } else if (cols.contains(name)) {
                            definite = src;
                            count++;
                        }
                    }
                } else if (src.outputs == null) {
                    maybe = true;
                } else if (src.outputs.contains(name)) {
                    definite = src;
                    count++;
                }
            }
            if (count == 1 && !maybe) {
                return new Binding(definite, s, definite.windows == null ? null : definite.windows.column(name));
            }
            if (count > 0 || maybe) {
                ColumnWindow candidate = windowCandidate(name, s);
                if (candidate == null && count <= 1) {
                    return null;
                }
                if (candidate == null) {
                    return null;
                }
                throw new Unsupported(candidate.window(), "column " + tokens.text(r.name())
                        + " is not qualified and more than one table in scope could have it; qualify it with its"
                        + " table or alias", Rejection.AMBIGUOUS);
            }
        }
        return null;
    }

    /** A window column of that name on a source of scope {@code from} or any enclosing scope, or null. */
    private static ColumnWindow windowCandidate(String name, Scope from) {
        for (Scope s = from; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src.windows != null && src.windows.column(name) != null && !src.pseudo) {
                    return src.windows.column(name);
                }
            }
        }
        return null;
    }

    /**
     * The window table a bare name denotes as a whole-row value (PostgreSQL), or null: a column of that name in scope
     * wins, as in PostgreSQL; without the table's column list the name is taken for the row.
     */
    Source wholeRow(String name, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            Source row = null;
            for (Source src : s.sources) {
                if (src.base && src.windows != null && name.equals(src.qualifierKey) && !src.pseudo) {
                    row = src;
                }
            }
            for (Source src : s.sources) {
                Set<String> cols = src.base ? cx.catalogKeys(src) : src.outputs;
                if ((cols != null && cols.contains(name))
                        || (src.windows != null && src.windows.column(name) != null)) {
                    return null;
                }
            }
            if (row != null) {
                return row;
            }
        }
        return null;
    }
}
