package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Catalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column lists read from {@link DatabaseMetaData}, shared by every connection to one database and cached. The cache is
 * dropped when a connection of this database runs DDL, and answers older than the time-to-live are re-read, so that a
 * column added by a migration run elsewhere appears in {@code SELECT *} expansions within that time.
 */
final class JdbcCatalog {
    private static final Logger log = LoggerFactory.getLogger(JdbcCatalog.class);
    static final long TTL_MILLIS = Long.getLong("dualwrite.catalog.ttl-ms", 30_000L);

    private final ConcurrentHashMap<String, List<String>> columns = new ConcurrentHashMap<>();
    private volatile long generation;
    private volatile long cacheBucket = -1;

    /** A view that reads metadata through {@code connection} when the cache cannot answer. */
    Catalog bind(Connection connection) {
        return new Catalog() {
            @Override
            public List<String> columns(String schema, String table) {
                return JdbcCatalog.this.columns(connection, schema, table);
            }

            @Override
            public long version() {
                return JdbcCatalog.this.version();
            }
        };
    }

    /** Forgets every column list: the schema may have changed. */
    void invalidate() {
        generation++;
        columns.clear();
    }

    long version() {
        return generation * 1_000_000_000L + System.currentTimeMillis() / TTL_MILLIS;
    }

    private List<String> columns(Connection connection, String schema, String table) {
        long bucket = System.currentTimeMillis() / TTL_MILLIS;
        if (bucket != cacheBucket) {
            columns.clear();
            cacheBucket = bucket;
        }
        String key = schema + "." + table;
        List<String> cached = columns.get(key);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        List<String> read = read(connection, schema, table);
        columns.put(key, read == null ? Collections.emptyList() : read);
        return read;
    }

    private static List<String> read(Connection connection, String schema, String table) {
        try {
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
            return out.isEmpty() ? null : out;
        } catch (SQLException | RuntimeException e) {
            log.debug("could not read the columns of {}.{}", schema, table, e);
            return null;
        }
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
