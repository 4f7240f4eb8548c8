package dev.dualwrite.sidecar;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.Catalog;
import dev.dualwrite.core.sql.IdentifierCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The columns of the window tables of one database, in every schema, as the sidecar learns them: it has no
 * credentials of its own, so it asks on a client's connection, between that client's transactions, right before
 * forwarding the client's next statement. The answer is shared by every connection to the database and asked again
 * after the time-to-live, after DDL went through the sidecar, or when the configuration names other tables. Each
 * connection sees it through its own {@code search_path} ({@link Session}).
 */
final class SidecarCatalog {
    static final long TTL_MILLIS = Long.getLong("dualwrite.catalog.ttl-ms", 30_000L);
    private static final long RETRY_MILLIS = 5_000;
    private static final Map<String, Long> SEARCH_PATH_IDS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_SEARCH_PATH_ID = new AtomicLong();

    private volatile Map<String, List<String>> qualified = Map.of();
    private volatile long version = 1;
    private volatile long loadedAt;
    private volatile boolean loaded;
    private volatile boolean invalid;
    private volatile long loadedForConfig = -1;
    private volatile long retryAfter;

    /** A fresh view for one connection. */
    Session session() {
        return new Session();
    }

    private boolean stale(Configuration config) {
        return !loaded || invalid || loadedForConfig != config.version()
                || System.currentTimeMillis() - loadedAt > TTL_MILLIS;
    }

    void invalidate() {
        invalid = true;
    }

    /**
     * What the sidecar asks: the columns of every window table in every schema, then the session's effective search
     * path. Null when no window names a table.
     */
    static String query(Configuration config) {
        Set<String> names = new LinkedHashSet<>();
        for (Window w : config.windows()) {
            Name n = w.table().name();
            names.add(n.normalized(IdentifierCase.LOWER));
        }
        if (names.isEmpty()) {
            return null;
        }
        StringBuilder in = new StringBuilder();
        for (String n : names) {
            if (in.length() > 0) {
                in.append(", ");
            }
            in.append('\'').append(n.replace("'", "''")).append('\'');
        }
        return "SELECT n.nspname, c.relname, a.attname"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                + " AND c.relname IN (" + in + ") ORDER BY n.nspname, c.relname, a.attnum;"
                + " SELECT pg_catalog.array_to_string(pg_catalog.current_schemas(true), chr(1))";
    }

    /** Takes the column rows of {@link #query}: schema, table, column. */
    private void update(List<String[]> rows, Configuration config) {
        Map<String, List<String>> q = new HashMap<>();
        for (String[] r : rows) {
            q.computeIfAbsent(r[0] + "." + r[1], k -> new ArrayList<>()).add(r[2]);
        }
        if (!q.equals(qualified)) {
            qualified = Map.copyOf(q);
            version++;
        }
        loadedAt = System.currentTimeMillis();
        loadedForConfig = config.version();
        loaded = true;
        invalid = false;
    }

    /**
     * One connection's view: unqualified tables are looked up along its own search path. Plans made through a view
     * carry the search path in the catalog version, so a plan made for another search path is made again.
     */
    final class Session implements Catalog {
        private volatile List<String> searchPath;
        private volatile long searchPathId;

        @Override
        public List<String> columns(String schema, String table) {
            Map<String, List<String>> q = qualified;
            if (schema != null) {
                return q.get(schema + "." + table);
            }
            List<String> path = searchPath;
            if (path == null) {
                return null;
            }
            for (String s : path) {
                List<String> cols = q.get(s + "." + table);
                if (cols != null) {
                    return cols;
                }
            }
            return null;
        }

        @Override
        public long version() {
            return version * 1_000_000L + searchPathId;
        }

        /** Whether the next idle moment should ask again (not while a failed attempt backs off). */
        boolean needsRefresh(Configuration config) {
            return (stale(config) || searchPath == null) && System.currentTimeMillis() >= retryAfter;
        }

        /** The rows of {@link #query}: three columns per table column, then one row with the search path. */
        void loaded(List<String[]> rows, Configuration config) {
            List<String[]> columns = new ArrayList<>();
            String path = null;
            for (String[] r : rows) {
                if (r.length == 3) {
                    columns.add(r);
                } else if (r.length == 1) {
                    path = r[0] == null ? "" : r[0];
                }
            }
            update(columns, config);
            if (path != null) {
                searchPath = path.isEmpty() ? List.of() : Arrays.asList(path.split("\u0001"));
                searchPathId = SEARCH_PATH_IDS.computeIfAbsent(path, k -> NEXT_SEARCH_PATH_ID.incrementAndGet());
            }
        }

        /** A refresh that failed: try again a little later, at an idle moment. */
        void failed() {
            retryAfter = System.currentTimeMillis() + RETRY_MILLIS;
        }

        /** Whether a statement may change the session's search path (then it is read again). */
        static boolean changesSearchPath(String sql) {
            return sql.indexOf("search_path") >= 0 || sql.indexOf("SEARCH_PATH") >= 0
                    || sql.indexOf("Search_Path") >= 0;
        }
    }
}
