package dev.dualwrite.differential;

import java.util.List;

/**
 * Server functions in the PostgreSQL physical databases, so that a run through the sidecar can read the table contents
 * and fill the marker column inside its own transaction without the sidecar rewriting those statements: the table and
 * column names travel as string literals, which the rewrite never touches.
 */
final class SidecarFunctions {
    /** One row per (table, row, column) of every table: the row's number, the column and its value as text. */
    static final String SNAPSHOT = "SELECT t, r, c, v FROM dw_snapshot()";

    /** Fills a column of {@code users} with {@code MARKER-<id>}. */
    static final String MARK = "SELECT dw_mark(?)";

    static final List<String> DEFINITIONS = List.of(
            "CREATE FUNCTION dw_snapshot() RETURNS TABLE(t text, r bigint, c text, v text) LANGUAGE plpgsql AS $$ "
                    + "DECLARE tbl text; BEGIN FOREACH tbl IN ARRAY ARRAY['users', 'orders', 'profiles', "
                    + "'memberships'] LOOP RETURN QUERY EXECUTE format('SELECT %L::text, x.r, e.key, e.value FROM "
                    + "(SELECT row_number() OVER () AS r, row_to_json(t) AS j FROM %I t) x, json_each_text(x.j) e', "
                    + "tbl, tbl); END LOOP; END $$",
            "CREATE FUNCTION dw_mark(col text) RETURNS void LANGUAGE plpgsql AS $$ "
                    + "BEGIN EXECUTE format('UPDATE users SET %I = ''" + SchemaModel.MARKER_PREFIX
                    + "'' || id', col); END $$");

    private SidecarFunctions() {
    }
}
