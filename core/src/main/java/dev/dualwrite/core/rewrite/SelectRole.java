package dev.dualwrite.core.rewrite;

/** Where a query's result goes, which decides whether a {@code *} expansion may append columns to it. */
enum SelectRole {
    /** The statement's own result: extra columns may be appended for names the table no longer has. */
    TOP,
    /** A derived table or CTE body whose outputs are referenced by name: appending is harmless. */
    DERIVED,
    /** A scalar, IN or set-operation subquery: the column count must not change. */
    FIXED,
    /**
     * The query an INSERT writes the rows of: the column count must not change (as {@link #FIXED}), its select list
     * gives the values written, and everything else in it (FROM items, WHERE, GROUP BY, HAVING, CTEs and the
     * subqueries there) decides which rows are written ({@link Reads#rowSelection}).
     */
    INSERT_SOURCE,
    /** An EXISTS subquery: its select list is never read. */
    EXISTS
}
