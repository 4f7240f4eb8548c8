package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.SchemaModel.Table;
import dev.dualwrite.differential.SchemaModel.Variant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contents of every table of a database: per table, its rows as maps from (lower-case) column name to text.
 * Rows are compared as multisets.
 */
record Snapshot(Map<String, List<Map<String, String>>> tables) {

    /** Reads every table of the variant with plain SELECTs on a connection that is not dualwrite's. */
    static Snapshot read(Connection direct, Variant v) throws SQLException {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        try (Statement s = direct.createStatement()) {
            for (Table t : v.tables()) {
                List<Map<String, String>> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t.name())) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getString(i));
                        }
                        rows.add(row);
                    }
                }
                tables.put(t.name(), rows);
            }
        }
        return new Snapshot(tables);
    }

    /**
     * Reads every table through a connection whose statements the sidecar rewrites, with the server function of
     * {@link SidecarFunctions}, which names the table in a string.
     */
    static Snapshot readThroughFunctions(Connection c, Variant v) throws SQLException {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SidecarFunctions.SNAPSHOT)) {
            for (Table t : v.tables()) {
                ps.setString(1, t.name());
                Map<Long, Map<String, String>> rows = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                                rs.getString(3));
                    }
                }
                tables.put(t.name(), new ArrayList<>(rows.values()));
            }
        }
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

    /** The rows of a table as sorted canonical strings, for multiset comparison. */
    List<String> canonical(String table) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> row : tables.getOrDefault(table, List.of())) {
            out.add(new TreeMap<>(row).toString());
        }
        out.sort(null);
        return out;
    }
}
