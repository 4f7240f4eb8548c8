package dev.dualwrite.core.rewrite;

/**
 * What kind of statement the application sent, as the engine read it from the statement's tokens while planning it.
 * Doors use it instead of scanning the text again (see {@link Plan#kind()}).
 */
public enum StatementKind {
    /**
     * A single statement that only reads: it starts with {@code SELECT}, {@code WITH}, {@code VALUES} or {@code TABLE}
     * (perhaps inside parentheses) and names none of the words of a statement that writes or locks ({@code INSERT},
     * {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code INTO}, {@code COPY}; this rules out {@code FOR UPDATE},
     * {@code SELECT ... INTO} and data-modifying CTEs). Such a statement can be read as a derived table.
     */
    QUERY,
    /** A single statement that changes rows (INSERT, UPDATE, DELETE, MERGE, REPLACE, UPSERT) or a query that
     * writes or locks (see {@link #QUERY}). */
    WRITE,
    /** Schema change: CREATE, ALTER, DROP, TRUNCATE, COMMENT, GRANT, REVOKE, RENAME. */
    DDL,
    /** Transaction control: BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, END, ABORT. */
    TRANSACTION,
    /** Session state: SET, SHOW, RESET, USE, DISCARD, LISTEN, NOTIFY, UNLISTEN, DEALLOCATE. */
    SESSION,
    /**
     * Anything else: COPY, CALL, DO, EXPLAIN, VACUUM, an empty text, a text with an unclosed string, quoted name or
     * comment, ...
     */
    OTHER,
    /** More than one statement separated by semicolons (a trailing semicolon alone does not count). */
    MULTIPLE,
    /**
     * The engine did not look at the statement: it names no window table, which the prefilter tells without reading
     * it. Such a statement is sent as written, so nothing about it depends on its kind.
     */
    UNKNOWN
}
