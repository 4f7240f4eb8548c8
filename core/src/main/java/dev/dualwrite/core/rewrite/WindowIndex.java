package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.IdentifierCase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The windows of one configuration, keyed by the names a database with a given identifier folding would store, so
 * that a reference in SQL can be looked up after normalizing it the same way.
 */
final class WindowIndex {
    /** What a column name means on a window table. */
    enum Role { FROM, TO, DROP }

    /** One column of a window table that some window is about. */
    record ColumnWindow(Window window, Role role) {
        RenameWindow rename() {
            return (RenameWindow) window;
        }
    }

    /** The windows of one table. */
    static final class TableWindows {
        final Window first;
        final String schemaKey;
        final String tableKey;
        final Map<String, ColumnWindow> columns = new LinkedHashMap<>();

        TableWindows(Window first, String schemaKey, String tableKey) {
            this.first = first;
            this.schemaKey = schemaKey;
            this.tableKey = tableKey;
        }

        ColumnWindow column(String normalizedName) {
            return columns.get(normalizedName);
        }
    }

    final IdentifierCase identifiers;
    private final Map<String, List<TableWindows>> byTable = new HashMap<>();
    private final Set<String> columnNames = new HashSet<>();
    private final List<String> tableNames = new ArrayList<>();
    final Configuration configuration;
    private final boolean[] tableNameLengths;

    WindowIndex(Configuration configuration, IdentifierCase identifiers) {
        this.configuration = configuration;
        this.identifiers = identifiers;
        java.util.Set<Integer> lengths = new HashSet<>();
        for (Window w : configuration.windows()) {
            String schemaKey = w.table().schema() == null ? null : w.table().schema().normalized(identifiers);
            String tableKey = w.table().name().normalized(identifiers);
            List<TableWindows> tables = byTable.computeIfAbsent(tableKey, k -> new ArrayList<>());
            TableWindows tw = null;
            for (TableWindows t : tables) {
                if (java.util.Objects.equals(t.schemaKey, schemaKey)) {
                    tw = t;
                }
            }
            if (tw == null) {
                tw = new TableWindows(w, schemaKey, tableKey);
                tables.add(tw);
                tableNames.add(w.table().name().text());
            }
            lengths.add(tableKey.length());
            if (w instanceof RenameWindow r) {
                put(tw, r.from(), new ColumnWindow(w, Role.FROM));
                put(tw, r.to(), new ColumnWindow(w, Role.TO));
            } else {
                put(tw, ((DropWindow) w).column(), new ColumnWindow(w, Role.DROP));
            }
        }
        this.tableNameLengths = lengthTable(lengths);
    }

    private static boolean[] lengthTable(java.util.Set<Integer> lengths) {
        int max = 0;
        for (int l : lengths) {
            max = Math.max(max, l);
        }
        boolean[] table = new boolean[max + 1];
        for (int l : lengths) {
            table[l] = true;
        }
        return table;
    }

    private void put(TableWindows tw, Name name, ColumnWindow cw) {
        String key = name.normalized(identifiers);
        tw.columns.put(key, cw);
        columnNames.add(key);
    }

    boolean isEmpty() {
        return byTable.isEmpty();
    }

    /** The table names as configured, for the prefilter. */
    List<String> tableNames() {
        return tableNames;
    }

    /** Whether some window, on any table, is about a column with this normalized name. */
    boolean isWindowColumnName(String normalized) {
        return columnNames.contains(normalized);
    }

    /**
     * Whether an identifier of this many characters (quotes excluded) could name a window table: a cheap test before
     * normalizing the identifier. A negative length (an unterminated quoted name, a lone quote) is no name.
     */
    boolean couldBeTableName(int length) {
        return length >= 0 && length < tableNameLengths.length && tableNameLengths[length];
    }

    /** Whether some window table has this normalized name (whatever its schema). */
    boolean isWindowTableName(String normalized) {
        return byTable.containsKey(normalized);
    }

    /**
     * The windows of the table a reference names.
     *
     * @param schemaKey normalized schema qualifier, or null when the reference is unqualified
     * @param tableKey  normalized table name
     * @return the table's windows, or null when no window applies
     * @throws AmbiguousTableException when an unqualified name matches window tables of several schemas
     */
    TableWindows find(String schemaKey, String tableKey) {
        List<TableWindows> tables = byTable.get(tableKey);
        if (tables == null) {
            return null;
        }
        TableWindows found = null;
        for (TableWindows t : tables) {
            boolean matches = t.schemaKey == null || schemaKey == null || t.schemaKey.equals(schemaKey);
            if (matches) {
                if (found != null) {
                    throw new AmbiguousTableException(tableKey);
                }
                found = t;
            }
        }
        return found;
    }

    /** A window column of some table of this name, whatever its schema, or null. */
    ColumnWindow anyColumn(String tableKey, String columnKey) {
        for (TableWindows t : byTable.getOrDefault(tableKey, List.of())) {
            ColumnWindow cw = t.column(columnKey);
            if (cw != null) {
                return cw;
            }
        }
        return null;
    }

    /** An unqualified table name that matches window tables in more than one schema. */
    static final class AmbiguousTableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AmbiguousTableException(String table) {
            super("table " + table + " has windows in several schemas; qualify it with its schema", null, false,
                    false);
        }
    }
}
