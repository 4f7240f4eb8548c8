package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.SchemaModel.Table;
import dev.dualwrite.differential.SchemaModel.Variant;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of every table of a database: per table, its rows as maps from (lower-case) column name to text.
 * Rows are compared as multisets.
 */
record Snapshot(Map<String, List<Map<String, String>>> tables) {

    /**
     * Reads every table of the variant with one plain SELECT (a UNION ALL of the tables, values cast to text) on a
     * connection that is not dualwrite's.
     */
    static Snapshot read(Connection direct, Family family, Variant v) throws SQLException {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        List<Table> all = v.tables();
        int width = all.stream().mapToInt(t -> t.columns().size()).max().orElse(0);
        StringBuilder q = new StringBuilder();
        for (Table t : all) {
            tables.put(t.name(), new ArrayList<>());
            q.append(q.length() == 0 ? "" : " UNION ALL ").append("SELECT '").append(t.name()).append("'");
            for (int i = 0; i < width; i++) {
                q.append(", ").append(i < t.columns().size() ? family.castToText(t.columns().get(i).name())
                        : family.castToText("NULL"));
            }
            q.append(" FROM ").append(t.name());
        }
        try (Statement s = direct.createStatement(); ResultSet rs = s.executeQuery(q.toString())) {
            while (rs.next()) {
                Table t = v.table(rs.getString(1));
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < t.columns().size(); i++) {
                    row.put(t.columns().get(i).name(), rs.getString(i + 2));
                }
                tables.get(t.name()).add(row);
            }
        }
        return new Snapshot(tables);
    }

    /**
     * Reads every table through a connection whose statements the sidecar rewrites, with the server function of
     * {@link SidecarFunctions}, which names the tables in strings.
     */
    static Snapshot readThroughFunctions(Connection c, Variant v) throws SQLException {
        Map<String, Map<Long, Map<String, String>>> rows = new LinkedHashMap<>();
        for (Table t : v.tables()) {
            rows.put(t.name(), new TreeMap<>());
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SidecarFunctions.SNAPSHOT)) {
            while (rs.next()) {
                rows.get(rs.getString(1)).computeIfAbsent(rs.getLong(2), k -> new LinkedHashMap<>())
                        .put(rs.getString(3), rs.getString(4));
            }
        }
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        rows.forEach((t, r) -> tables.put(t, new ArrayList<>(r.values())));
        return new Snapshot(tables);
    }

    /**
     * This physical snapshot as the given version would see it in the given phase: the renamed column read from the
     * column the phase reads, under the version's name and at its place; the dropped column NULL.
     */
    Snapshot toLogical(Version version, Phase phase) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        Variant logical = Variant.logical(version);
        for (Table t : logical.tables()) {
            List<Map<String, String>> rows = tables.get(t.name());
            if (!t.name().equals(SchemaModel.TABLE)) {
                out.put(t.name(), rows);
                continue;
            }
            List<Map<String, String>> projected = new ArrayList<>();
            String read = SchemaModel.readColumn(phase);
            for (Map<String, String> row : rows) {
                Map<String, String> p = new LinkedHashMap<>();
                for (String c : t.columnNames()) {
                    p.put(c, switch (c) {
                        case SchemaModel.OLD_NAME, SchemaModel.NEW_NAME -> row.get(read);
                        case SchemaModel.DROPPED -> null;
                        default -> row.get(c);
                    });
                }
                projected.add(p);
            }
            out.put(t.name(), projected);
        }
        return new Snapshot(out);
    }

    /** This snapshot without one column of one table. */
    Snapshot without(String table, String column) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>(tables);
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : tables.get(table)) {
            Map<String, String> r = new LinkedHashMap<>(row);
            r.remove(column);
            rows.add(r);
        }
        out.put(table, rows);
        return new Snapshot(out);
    }

    /** The rows of a table as sorted canonical strings, for multiset comparison. */
    List<String> canonical(String table) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> row : tables.getOrDefault(table, List.of())) {
            TreeMap<String, String> r = new TreeMap<>(row);
            String id = r.get("id");
            // The order in which one statement's new rows get their ids follows the order the database happens to
            // produce them in (INSERT ... SELECT), which may differ between two databases: new ids compare as equal.
            if (id != null && id.matches("\\d+") && Integer.parseInt(id) >= SchemaModel.NEXT_ID) {
                r.put("id", "(new)");
            }
            out.add(r.toString());
        }
        out.sort(null);
        return out;
    }
}
