package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Catalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column lists read from {@link DatabaseMetaData}, shared by every connection to one database and cached. In a rolling
 * deploy the DDL runs elsewhere, so the cache is checked against the database again: about once every
 * {@link #CHECK_MILLIS} (system property {@code dualwrite.catalog.ttl-ms}, default one second) the lists in use are read
 * again through the connection that is about to run a statement depending on them, and the version moves only if one
 * of them changed, so that plans are made again only then. A connection of this database that runs DDL, or whose
 * statement built on the lists meets an unknown column, {@link #invalidate() drops} the cache at once; any other
 * unknown column makes the next statement {@link #checkSoon() check} it.
 *
 * <p>The reads run on the application's connection, so they must never fail or poison the application's statement:
 * every failure is logged and swallowed, and on a database where a failed statement aborts the transaction
 * (PostgreSQL, 25P02 until rollback) a read inside the application's transaction runs under a savepoint that is rolled
 * back when the read fails. A savepoint, rather than a connection of the catalog's own, because the door cannot always
 * open one (a connection handed to {@code DualWrite.wrap} comes without its URL or credentials) and because an extra
 * session per database is one the operator did not size the database for. A check publishes what it read only once
 * the whole pass succeeded, so the lists and the version always move together.
 */
final class JdbcCatalog {
    private static final Logger log = LoggerFactory.getLogger(JdbcCatalog.class);
    static final long CHECK_MILLIS = Long.getLong("dualwrite.catalog.ttl-ms", 1_000L);

    /** How a table's columns are read; the door reads {@link DatabaseMetaData}, tests may read otherwise. */
    @FunctionalInterface
    interface ColumnReader {
        /** The table's columns in their order, or null when the database does not know the table. */
        List<String> read(Connection connection, String schema, String table) throws SQLException;
    }

    /** A table's columns as last read; {@code columns} is null for a table the catalog does not know. */
    private record Entry(String schema, String table, List<String> columns) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong nextCheck = new AtomicLong(System.currentTimeMillis() + CHECK_MILLIS);
    /** When the lists were last checked: {@link #checkSoon()} does not check them more often than every 100 ms. */
    private volatile long lastCheck;
    private final boolean abortsTransactionOnError;
    private final ColumnReader reader;

    /**
     * @param abortsTransactionOnError whether a failed statement aborts the transaction it ran in (PostgreSQL), so
     *                                 that reads inside one must run under a savepoint
     */
    JdbcCatalog(boolean abortsTransactionOnError) {
        this(abortsTransactionOnError, JdbcCatalog::read);
    }

    JdbcCatalog(boolean abortsTransactionOnError, ColumnReader reader) {
        this.abortsTransactionOnError = abortsTransactionOnError;
        this.reader = reader;
    }

    /** A view that reads metadata through {@code connection} when the cache cannot answer or is due a check. */
    Catalog bind(Connection connection) {
        return new Catalog() {
            @Override
            public List<String> columns(String schema, String table) {
                return JdbcCatalog.this.columns(connection, schema, table);
            }

            @Override
            public long version() {
                checkIfDue(connection);
                return generation.get();
            }
        };
    }

    /** Forgets every column list: the schema may have changed. */
    synchronized void invalidate() {
        entries.clear();
        generation.incrementAndGet();
    }

    /**
     * Something suggested that a list may be stale (the database reported an unknown column): the next statement that
     * depends on the lists checks them, unless they were checked in the last 100 ms.
     */
    void checkSoon() {
        long soon = lastCheck + 100;
        nextCheck.accumulateAndGet(soon, Math::min);
    }

    private List<String> columns(Connection connection, String schema, String table) {
        String key = schema + "." + table;
        Entry cached = entries.get(key);
        if (cached != null) {
            return cached.columns;
        }
        try {
            List<String> read = guarded(connection, schema, table);
            entries.put(key, new Entry(schema, table, read));
            return read;
        } catch (SQLException | RuntimeException e) {
            // Not cached: the next statement asks again.
            log.debug("could not read the columns of {}.{}", schema, table, e);
            return null;
        }
    }

    /**
     * Reads every cached list again when the check is due, on one thread at a time; the others go on with the lists
     * as they are. When any list cannot be read now, nothing of the pass is published: the lists stay as they were
     * and the next check reads them all again.
     */
    private void checkIfDue(Connection connection) {
        long due = nextCheck.get();
        long now = System.currentTimeMillis();
        if (now < due || !nextCheck.compareAndSet(due, now + CHECK_MILLIS)) {
            return;
        }
        lastCheck = now;
        long before = generation.get();
        Map<String, Entry> changed = new HashMap<>();
        for (Entry e : entries.values()) {
            List<String> current;
            try {
                current = guarded(connection, e.schema, e.table);
            } catch (SQLException | RuntimeException failure) {
                log.debug("could not check the columns of {}.{}", e.schema, e.table, failure);
                return;
            }
            if (!Objects.equals(current, e.columns)) {
                changed.put(e.schema + "." + e.table, new Entry(e.schema, e.table, current));
            }
        }
        if (!changed.isEmpty()) {
            publish(before, changed);
        }
    }

    /**
     * Puts a check's changed lists in and moves the version, unless the cache was {@link #invalidate() dropped} while
     * the check read: then what it read may predate the DDL that dropped it, and the next statement reads afresh.
     */
    private synchronized void publish(long before, Map<String, Entry> changed) {
        if (generation.get() != before) {
            return;
        }
        entries.putAll(changed);
        generation.incrementAndGet();
    }

    /**
     * Reads one list so that a failure cannot abort the application's transaction: under a savepoint when the
     * connection is inside a transaction on a database where a failed statement aborts it, directly otherwise.
     */
    private List<String> guarded(Connection connection, String schema, String table) throws SQLException {
        if (!abortsTransactionOnError || connection.getAutoCommit()) {
            return reader.read(connection, schema, table);
        }
        Savepoint savepoint = connection.setSavepoint();
        List<String> read;
        try {
            read = reader.read(connection, schema, table);
        } catch (SQLException | RuntimeException failure) {
            try {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException undo) {
                failure.addSuppressed(undo);
            }
            throw failure;
        }
        connection.releaseSavepoint(savepoint);
        return read;
    }

    /** The table's columns in their order, or null when the catalog does not know the table. */
    static List<String> read(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        String escape = md.getSearchStringEscape();
        String catalog = connection.getCatalog();
        String schemaName = schema != null ? schema : currentSchema(connection);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = md.getColumns(catalog, pattern(schemaName, escape), pattern(table, escape), "%")) {
            while (rs.next()) {
                if (table.equals(rs.getString("TABLE_NAME"))) {
                    out.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        if (out.isEmpty() && schema == null && schemaName != null) {
            // Not in the current schema: MySQL has no schemas, and a search path may list several.
            try (ResultSet rs = md.getColumns(catalog, null, pattern(table, escape), "%")) {
                String first = null;
                while (rs.next()) {
                    String s = rs.getString("TABLE_SCHEM");
                    if (first == null) {
                        first = String.valueOf(s);
                    }
                    if (table.equals(rs.getString("TABLE_NAME")) && first.equals(String.valueOf(s))) {
                        out.add(rs.getString("COLUMN_NAME"));
                    }
                }
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    private static String currentSchema(Connection connection) {
        try {
            return connection.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static String pattern(String name, String escape) {
        if (name == null) {
            return null;
        }
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
