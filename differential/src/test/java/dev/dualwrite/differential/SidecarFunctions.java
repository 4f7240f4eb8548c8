package dev.dualwrite.differential;

import java.util.List;

/**
 * Server functions in the PostgreSQL physical databases, so that a run through the sidecar can read the table contents
 * and fill the marker column inside its own transaction without the sidecar rewriting those statements: the table and
 * column names travel as string literals, which the rewrite never touches.
 */
final class SidecarFunctions {
    /** One row per (row, column) of a table: the row's number in the table's key order, the column and its text. */
    static final String SNAPSHOT = "SELECT r, c, v FROM dw_snapshot(?)";

    /** Fills a column of {@code users} with {@code MARKER-<id>}. */
    static final String MARK = "SELECT dw_mark(?)";

    static final List<String> DEFINITIONS = List.of(
            "CREATE FUNCTION dw_snapshot(tbl text) RETURNS TABLE(r bigint, c text, v text) LANGUAGE plpgsql AS $$ "
                    + "BEGIN RETURN QUERY EXECUTE format('SELECT x.r, e.key, e.value FROM (SELECT row_number() OVER () "
                    + "AS r, row_to_json(t) AS j FROM %I t) x, json_each_text(x.j) e ORDER BY 1', tbl); END $$",
            "CREATE FUNCTION dw_mark(col text) RETURNS void LANGUAGE plpgsql AS $$ "
                    + "BEGIN EXECUTE format('UPDATE users SET %I = ''" + SchemaModel.MARKER_PREFIX
                    + "'' || id', col); END $$");

    private SidecarFunctions() {
    }
}
