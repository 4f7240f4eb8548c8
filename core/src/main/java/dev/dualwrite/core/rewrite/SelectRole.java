package dev.dualwrite.core.rewrite;

/** Where a query's result goes, which decides whether a {@code *} expansion may append columns to it. */
enum SelectRole {
    /** The statement's own result: extra columns may be appended for names the table no longer has. */
    TOP,
    /** A derived table or CTE body whose outputs are referenced by name: appending is harmless. */
    DERIVED,
    /** A scalar, IN or set-operation subquery, or an INSERT source: the column count must not change. */
    FIXED,
    /** An EXISTS subquery: its select list is never read. */
    EXISTS
}
