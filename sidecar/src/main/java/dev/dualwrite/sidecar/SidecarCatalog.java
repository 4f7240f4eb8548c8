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
 * The columns of the tables the statements of one database name, in every schema, as the sidecar learns them: the
 * window tables, and every other table, view or temporary table that a statement had in scope (the engine needs them
 * to tell which table an unqualified column belongs to). The sidecar has no credentials of its own, so it asks on a
 * client's connection, between that client's transactions, right before forwarding the client's next statement; or
 * right after planning one that named a table it has not read yet, which is then planned again. The answer is shared
 * by every connection to the database and asked again after the time-to-live (short: DDL comes from elsewhere in a
 * rolling deploy), after DDL went through the sidecar, after the server reported an unknown column, or when the
 * configuration names other tables. Each connection sees it through its own {@code search_path} ({@link Session}).
 *
 * <p>A stale answer is read again by one connection at a time (single flight): the others that find it stale while
 * that question is out go on with the answer they have, as they would have a moment before it went stale. A
 * connection still asks for itself when it needs an answer the shared one cannot give: its own search path, a table
 * not read yet, a column the server reported unknown.
 */
final class SidecarCatalog {
    static final long TTL_MILLIS = Long.getLong("dualwrite.catalog.ttl-ms", 2_000L);
    /** At most this many table names are read (the names a database's statements use are far fewer). */
    static final int MAX_TABLES = 10_000;
    private static final long RETRY_MILLIS = 5_000;
    private static final Map<String, Long> SEARCH_PATH_IDS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_SEARCH_PATH_ID = new AtomicLong();

    private volatile Map<String, List<String>> qualified = Map.of();
    /** The table names (as stored) the next question asks for, besides the window tables. */
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    /** How many names {@link #wanted} has had; the answer is stale while it covers fewer. */
    private final AtomicLong wantedCount = new AtomicLong();
    /** The table names the answer in {@link #qualified} covers. */
    private volatile Set<String> covered = Set.of();
    private volatile long coveredCount = -1;
    private volatile long version = 1;
    private volatile long loadedAt;
    private volatile boolean loaded;
    private volatile boolean invalid;
    private volatile long loadedForConfig = -1;
    private volatile long retryAfter;
    /** {@link #wantedCount} when the question being answered was made. */
    private volatile long askedCount;
    /**
     * When a connection took the shared refresh that is still out (0: none is). A claim older than
     * {@link #CLAIM_MILLIS} is void, so that a connection that closed with its question out blocks no one for long.
     */
    private final AtomicLong refreshClaimed = new AtomicLong();
    static final long CLAIM_MILLIS = 5_000;

    /** A fresh view for one connection. */
    Session session() {
        return new Session();
    }

    private boolean stale(Configuration config) {
        return !loaded || invalid || loadedForConfig != config.version()
                || coveredCount != wantedCount.get() || System.currentTimeMillis() - loadedAt > TTL_MILLIS;
    }

    /** The schema may have changed: the next idle moment of any connection reads it again. */
    void invalidate() {
        invalid = true;
    }

    /** Takes the shared refresh for the calling connection; false when another connection's is still out. */
    private boolean claimRefresh() {
        long now = System.currentTimeMillis();
        long claimed = refreshClaimed.get();
        if (claimed != 0 && now - claimed < CLAIM_MILLIS) {
            return false;
        }
        return refreshClaimed.compareAndSet(claimed, now);
    }

    /** An answer came in (or failed): the next connection that finds the catalog stale may ask. */
    private void refreshEnded() {
        refreshClaimed.set(0);
    }

    /**
     * What the sidecar asks: the columns of every table it knows a statement needs, in every schema, then the session's
     * effective search path. Null when no window names a table. The names asked are added to {@code asked}.
     */
    String query(Configuration config, Set<String> asked) {
        asked.clear();
        if (config.windows().isEmpty()) {
            return null;
        }
        long count = wantedCount.get();
        Set<String> names = new LinkedHashSet<>();
        for (Window w : config.windows()) {
            Name n = w.table().name();
            names.add(n.normalized(IdentifierCase.LOWER));
        }
        if (names.isEmpty()) {
            return null;
        }
        names.addAll(wanted);
        asked.addAll(names);
        askedCount = count;
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

    /** Takes the column rows of {@link #query}: schema, table, column; {@code asked} is what the question covered. */
    private void update(List<String[]> rows, Set<String> asked, Configuration config) {
        Map<String, List<String>> q = new HashMap<>();
        for (String[] r : rows) {
            q.computeIfAbsent(r[0] + "." + r[1], k -> new ArrayList<>()).add(r[2]);
        }
        if (!q.equals(qualified)) {
            qualified = Map.copyOf(q);
            version++;
        }
        covered = Set.copyOf(asked);
        coveredCount = askedCount;
        loadedAt = System.currentTimeMillis();
        loadedForConfig = config.version();
        loaded = true;
        invalid = false;
    }

    /**
     * One connection's view: unqualified tables are looked up along its own search path. Plans made through a view
     * carry the search path in the catalog version, so a plan made for another search path is made again. A question
     * this view cannot answer yet (a table not read, the search path not known) is remembered as a miss: the
     * connection reads the catalog at its next chance and plans the statement again.
     */
    final class Session implements Catalog {
        private volatile List<String> searchPath;
        private volatile long searchPathId;
        private boolean missed;

        @Override
        public List<String> columns(String schema, String table) {
            if (!covered.contains(table)) {
                if (wanted.size() < MAX_TABLES && wanted.add(table)) {
                    wantedCount.incrementAndGet();
                }
                missed = true;
                return null;
            }
            Map<String, List<String>> q = qualified;
            if (schema != null) {
                return q.get(schema + "." + table);
            }
            List<String> path = searchPath;
            if (path == null) {
                missed = true;
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

        /** Whether a plan made since the last call asked something this view could not answer; clears it. */
        boolean takeMissed() {
            boolean m = missed;
            missed = false;
            return m;
        }

        /**
         * Whether the next idle moment should ask again: the shared answer is stale, or this session has not learned
         * its search path yet (asked at its first moment between transactions, so that a first statement inside a
         * transaction finds it). Not while a failed attempt backs off, and never while no window names a table: then
         * no plan needs a column list. A stale shared answer is asked for by one connection at a time: true takes
         * that turn, and the answer (or its failure) ends it.
         */
        boolean needsRefresh(Configuration config) {
            return !config.windows().isEmpty() && System.currentTimeMillis() >= retryAfter
                    && (searchPath == null || (stale(config) && claimRefresh()));
        }

        /** Whether a refresh may be tried now (not while a failed attempt backs off). */
        boolean mayRefresh() {
            return System.currentTimeMillis() >= retryAfter;
        }

        /**
         * The rows of {@link #query}: three columns per table column, then one row with the search path; {@code asked}
         * holds the table names the question covered.
         */
        void loaded(List<String[]> rows, Set<String> asked, Configuration config) {
            List<String[]> columns = new ArrayList<>();
            String path = null;
            for (String[] r : rows) {
                if (r.length == 3) {
                    columns.add(r);
                } else if (r.length == 1) {
                    path = r[0] == null ? "" : r[0];
                }
            }
            update(columns, asked, config);
            refreshEnded();
            if (path != null) {
                searchPath = path.isEmpty() ? List.of() : Arrays.asList(path.split("\u0001"));
                searchPathId = SEARCH_PATH_IDS.computeIfAbsent(path, k -> NEXT_SEARCH_PATH_ID.incrementAndGet());
            }
        }

        /** A refresh that failed: try again a little later, at an idle moment. */
        void failed() {
            retryAfter = System.currentTimeMillis() + RETRY_MILLIS;
            refreshEnded();
        }

        /** Whether a statement may change the session's search path (then it is read again). */
        static boolean changesSearchPath(String sql) {
            return sql.indexOf("search_path") >= 0 || sql.indexOf("SEARCH_PATH") >= 0
                    || sql.indexOf("Search_Path") >= 0;
        }
    }
}
