package dev.dualwrite.core.rewrite;

import net.sf.jsqlparser.schema.Column;

/**
 * How an expression is being read: in which scope, whether in ORDER BY / GROUP BY / PARTITION BY (where a dropped
 * column's default needs a type the database can sort), and, for a select item that is a bare column, that column
 * and the token after which a substituted name gets its {@code AS label} (so the application keeps its label).
 */
record Ctx(Scope scope, boolean orderOrGroup, Column aliasColumn, int aliasAfter) {
    static Ctx of(Scope scope) {
        return new Ctx(scope, false, null, -1);
    }

    static Ctx orderOrGroup(Scope scope) {
        return new Ctx(scope, true, null, -1);
    }

    /** A select item: {@code aliasColumn}, when not null, is labelled after token {@code aliasAfter} if renamed. */
    static Ctx item(Scope scope, Column aliasColumn, int aliasAfter) {
        return new Ctx(scope, false, aliasColumn, aliasAfter);
    }
}
