package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Catalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 */
final class JdbcCatalog {
    private static final Logger log = LoggerFactory.getLogger(JdbcCatalog.class);
    static final long CHECK_MILLIS = Long.getLong("dualwrite.catalog.ttl-ms", 1_000L);

    /** A table's columns as last read; {@code columns} is null for a table the catalog does not know. */
    private record Entry(String schema, String table, List<String> columns) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong nextCheck = new AtomicLong(System.currentTimeMillis() + CHECK_MILLIS);
    /** When the lists were last checked: {@link #checkSoon()} does not check them more often than every 100 ms. */
    private volatile long lastCheck;

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
    void invalidate() {
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
            List<String> read = read(connection, schema, table);
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
     * as they are. A list that cannot be read now is kept as it was.
     */
    private void checkIfDue(Connection connection) {
        long due = nextCheck.get();
        long now = System.currentTimeMillis();
        if (now < due || !nextCheck.compareAndSet(due, now + CHECK_MILLIS)) {
            return;
        }
        lastCheck = now;
        boolean changed = false;
        for (Entry e : entries.values()) {
            List<String> current;
            try {
                current = read(connection, e.schema, e.table);
            } catch (SQLException | RuntimeException failure) {
                log.debug("could not check the columns of {}.{}", e.schema, e.table, failure);
                return;
            }
            if (!Objects.equals(current, e.columns)) {
                entries.put(e.schema + "." + e.table, new Entry(e.schema, e.table, current));
                changed = true;
            }
        }
        if (changed) {
            generation.incrementAndGet();
        }
    }

    /** The table's columns in their order, or null when the catalog does not know the table. */
    private static List<String> read(Connection connection, String schema, String table) throws SQLException {
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
