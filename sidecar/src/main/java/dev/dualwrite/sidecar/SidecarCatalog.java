package dev.dualwrite.sidecar;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.Catalog;
import dev.dualwrite.core.sql.IdentifierCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of the window tables of one database, as the sidecar learns them: it has no credentials of its own, so
 * it asks on a client's connection, at a moment that connection is idle (right before forwarding the client's next
 * statement). The answer is shared by every connection to the database and asked again after the time-to-live, after
 * DDL went through the sidecar, or when the configuration names other tables.
 */
final class SidecarCatalog implements Catalog {
    static final long TTL_MILLIS = Long.getLong("dualwrite.catalog.ttl-ms", 30_000L);

    private volatile Map<String, List<String>> qualified = Map.of();
    private volatile Map<String, List<String>> visible = Map.of();
    private volatile long version = 1;
    private volatile long loadedAt;
    private volatile boolean loaded;
    private volatile boolean invalid;
    private volatile long loadedForConfig = -1;

    @Override
    public List<String> columns(String schema, String table) {
        return schema == null ? visible.get(table) : qualified.get(schema + "." + table);
    }

    @Override
    public long version() {
        return version;
    }

    boolean needsRefresh(Configuration config) {
        return !loaded || invalid || loadedForConfig != config.version()
                || System.currentTimeMillis() - loadedAt > TTL_MILLIS;
    }

    void invalidate() {
        invalid = true;
    }

    /** The query that reads the columns of every window table, or null when there are none. */
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
        return "SELECT n.nspname, c.relname, pg_catalog.pg_table_is_visible(c.oid), a.attname"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                + " AND c.relname IN (" + in + ") ORDER BY n.nspname, c.relname, a.attnum";
    }

    /** Takes the rows of {@link #query}: schema, table, visible ("t"/"f"), column. */
    void update(List<String[]> rows, Configuration config) {
        Map<String, List<String>> q = new HashMap<>();
        Map<String, List<String>> v = new HashMap<>();
        for (String[] r : rows) {
            q.computeIfAbsent(r[0] + "." + r[1], k -> new ArrayList<>()).add(r[3]);
            if ("t".equals(r[2])) {
                v.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[3]);
            }
        }
        if (!q.equals(qualified) || !v.equals(visible)) {
            qualified = Map.copyOf(q);
            visible = Map.copyOf(v);
            version++;
        }
        loadedAt = System.currentTimeMillis();
        loadedForConfig = config.version();
        loaded = true;
        invalid = false;
    }

    /** A refresh that failed (the client's transaction was aborted, say): try again at the next idle moment. */
    void failed() {
        loadedAt = System.currentTimeMillis() - TTL_MILLIS / 2;
    }
}
