package dev.dualwrite.ops.schema;

import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** H2 2.x: types rebuilt from INFORMATION_SCHEMA (element types of arrays, enum values), the IF NOT EXISTS forms. */
final class H2Schema implements SchemaDialect {
    private static final Set<String> WITH_LENGTH = Set.of("CHARACTER VARYING", "CHARACTER", "BINARY VARYING",
            "BINARY", "VARCHAR_IGNORECASE", "CHARACTER LARGE OBJECT", "BINARY LARGE OBJECT");

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public int maxIdentifierLength() {
        return 256;
    }

    @Override
    public Table table(Connection c, Name schema, Name table) throws SQLException {
        String schemaName;
        String tableName;
        long estimate;
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, ROW_COUNT_ESTIMATE"
                + " FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = COALESCE(?, CURRENT_SCHEMA)"
                + " AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, schema == null ? null : physical(schema));
            ps.setString(2, physical(table));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                schemaName = rs.getString(1);
                tableName = rs.getString(2);
                estimate = rs.getLong(3);
            }
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
                + " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, INTERVAL_TYPE, DECLARED_DATA_TYPE,"
                + " DECLARED_NUMERIC_PRECISION, DECLARED_NUMERIC_SCALE, DTD_IDENTIFIER, MAXIMUM_CARDINALITY,"
                + " IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY, IS_GENERATED"
                + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schemaName);
            ps.setString(2, tableName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = type(c, schemaName, tableName, rs);
                    boolean generated = "ALWAYS".equals(rs.getString(16));
                    // VARCHAR_IGNORECASE calls 'A' and 'a' equal; the copy must be exact.
                    columns.add(new Column(rs.getString(1), type, null, generated ? null : rs.getString(14),
                            "YES".equals(rs.getString(13)), "YES".equals(rs.getString(15)), generated,
                            "VARCHAR_IGNORECASE".equals(rs.getString(2)), null));
                }
            }
        }
        List<String> primaryKey = new ArrayList<>();
        List<String> uniqueKey = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : constraintColumns(c, schemaName, tableName, "PRIMARY KEY").entrySet()) {
            primaryKey = e.getValue();
        }
        List<List<String>> uniques = new ArrayList<>(constraintColumns(c, schemaName, tableName, "UNIQUE").values());
        try (PreparedStatement ps = c.prepareStatement("SELECT ic.INDEX_NAME, ic.COLUMN_NAME"
                + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic"
                + "   ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME AND ic.TABLE_NAME = i.TABLE_NAME"
                + " WHERE i.TABLE_SCHEMA = ? AND i.TABLE_NAME = ? AND i.INDEX_TYPE_NAME = 'UNIQUE INDEX'"
                + " ORDER BY ic.INDEX_NAME, ic.ORDINAL_POSITION")) {
            ps.setString(1, schemaName);
            ps.setString(2, tableName);
            Map<String, List<String>> byIndex = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byIndex.computeIfAbsent(rs.getString(1), n -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            uniques.addAll(byIndex.values());
        }
        for (List<String> cols : uniques) {
            boolean notNull = cols.stream().allMatch(n -> columns.stream().anyMatch(k -> k.name().equals(n)
                    && !k.nullable()));
            if (notNull && (uniqueKey.isEmpty() || cols.size() < uniqueKey.size())) {
                uniqueKey = cols;
            }
        }
        return new Table(dialect(), schemaName, tableName, columns, primaryKey, uniqueKey, estimate);
    }

    /** The DDL type of a COLUMNS or ELEMENT_TYPES row with the usual column layout of the first 12 columns. */
    private static String type(Connection c, String schema, String table, ResultSet rs) throws SQLException {
        String dataType = rs.getString(2);
        String declared = rs.getString(8);
        switch (dataType) {
            case "NUMERIC": {
                long p = rs.getObject(9) != null ? rs.getLong(9) : rs.getLong(4);
                long s = rs.getObject(10) != null ? rs.getLong(10) : rs.getLong(5);
                return (declared == null ? "NUMERIC" : declared) + "(" + p + ", " + s + ")";
            }
            case "DECFLOAT":
                return "DECFLOAT(" + rs.getLong(4) + ")";
            case "TIME":
            case "TIMESTAMP":
                return dataType + "(" + rs.getLong(6) + ")";
            case "TIME WITH TIME ZONE":
            case "TIMESTAMP WITH TIME ZONE":
                return dataType.substring(0, dataType.indexOf(' ')) + "(" + rs.getLong(6) + ") WITH TIME ZONE";
            case "INTERVAL":
                return "INTERVAL " + rs.getString(7);
            case "ENUM":
                return "ENUM(" + enumValues(c, schema, table, rs.getString(11)) + ")";
            case "ARRAY":
                return elementType(c, schema, table, rs.getString(11)) + " ARRAY[" + rs.getLong(12) + "]";
            default:
                if (WITH_LENGTH.contains(dataType)) {
                    return dataType + "(" + rs.getLong(3) + ")";
                }
                if ("FLOAT".equals(declared) && rs.getObject(9) != null) {
                    return "FLOAT(" + rs.getLong(9) + ")";
                }
                return dataType;
        }
    }

    private static String enumValues(Connection c, String schema, String table, String dtd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT VALUE_NAME FROM INFORMATION_SCHEMA.ENUM_VALUES"
                + " WHERE OBJECT_SCHEMA = ? AND OBJECT_NAME = ? AND ENUM_IDENTIFIER = ? ORDER BY VALUE_ORDINAL")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, dtd);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add("'" + rs.getString(1).replace("'", "''") + "'");
                }
            }
            return String.join(", ", values);
        }
    }

    private static String elementType(Connection c, String schema, String table, String dtd) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NULL, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
                + " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, INTERVAL_TYPE, DECLARED_DATA_TYPE,"
                + " DECLARED_NUMERIC_PRECISION, DECLARED_NUMERIC_SCALE, DTD_IDENTIFIER, MAXIMUM_CARDINALITY"
                + " FROM INFORMATION_SCHEMA.ELEMENT_TYPES"
                + " WHERE OBJECT_SCHEMA = ? AND OBJECT_NAME = ? AND COLLECTION_TYPE_IDENTIFIER = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, dtd);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("H2 does not describe the element type of array " + dtd + " of " + table);
                }
                return type(c, schema, table, rs);
            }
        }
    }

    /** Constraint name to its columns in key order, for one constraint type. */
    private static Map<String, List<String>> constraintColumns(Connection c, String schema, String table, String type)
            throws SQLException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tc.CONSTRAINT_NAME, k.COLUMN_NAME"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
                + "   ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
                + " WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? AND tc.CONSTRAINT_TYPE = ?"
                + " ORDER BY tc.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.computeIfAbsent(rs.getString(1), n -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return result;
    }

    private static boolean constraintExists(Connection c, String schema, String table, String name)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public String searchDescription(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_SCHEMA"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return "schema " + rs.getString(1);
        }
    }

    @Override
    public List<Ddl> addColumn(Table t, Column from, String to) {
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " ADD COLUMN IF NOT EXISTS " + t.quote(to) + " "
                + from.type() + (from.defaultSql() == null ? "" : " DEFAULT " + from.defaultSql()),
                t.column(to) != null));
    }

    @Override
    public List<Ddl> notNull(Connection c, Table t, Column to) {
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " ALTER COLUMN " + t.quote(to.name())
                + " SET NOT NULL", !to.nullable()));
    }

    @Override
    public List<Ddl> dropNotNull(Table t, Column column) {
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " ALTER COLUMN " + t.quote(column.name())
                + " DROP NOT NULL", column.nullable()));
    }

    @Override
    public List<ObjectCopy> copies(Connection c, Table t, Column from, String to) throws SQLException {
        List<ObjectCopy> copies = new ArrayList<>();
        String alter = "ALTER TABLE " + t.qualified();
        String schema = t.quote(t.schema()) + ".";
        // Indexes of their own (those a constraint owns are rebuilt by the constraint's copy).
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.INDEX_NAME, i.INDEX_TYPE_NAME, ic.COLUMN_NAME,"
                + " ic.ORDERING_SPECIFICATION FROM INFORMATION_SCHEMA.INDEXES i"
                + " JOIN INFORMATION_SCHEMA.INDEX_COLUMNS ic ON ic.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + "   AND ic.INDEX_NAME = i.INDEX_NAME AND ic.TABLE_NAME = i.TABLE_NAME"
                + " WHERE i.TABLE_SCHEMA = ? AND i.TABLE_NAME = ? AND NOT EXISTS (SELECT 1 FROM"
                + "   INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc WHERE tc.INDEX_SCHEMA = i.INDEX_SCHEMA"
                + "   AND tc.INDEX_NAME = i.INDEX_NAME)"
                + " ORDER BY i.INDEX_NAME, ic.ORDINAL_POSITION")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
                            .add(rs.getString(3) + ("DESC".equals(rs.getString(4)) ? "\u0001" : ""));
                    unique.put(rs.getString(1), rs.getString(2).startsWith("UNIQUE"));
                }
            }
        }
        for (Map.Entry<String, List<String>> ix : indexes.entrySet()) {
            if (ix.getValue().stream().noneMatch(p -> p.replace("\u0001", "").equals(from.name()))) {
                continue;
            }
            String copyName = Identifiers.copyName(ix.getKey(), from.name(), to, maxIdentifierLength());
            String cols = ix.getValue().stream().map(p -> {
                boolean desc = p.endsWith("\u0001");
                String col = desc ? p.substring(0, p.length() - 1) : p;
                return t.quote(col.equals(from.name()) ? to : col) + (desc ? " DESC" : "");
            }).collect(Collectors.joining(", "));
            boolean u = unique.get(ix.getKey());
            copies.add(new ObjectCopy(u ? "unique" : "index", ix.getKey(), copyName,
                    List.of(Ddl.of("CREATE " + (u ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + schema
                            + t.quote(copyName) + " ON " + t.qualified() + " (" + cols + ")",
                            indexes.containsKey(copyName))), List.of(),
                    List.of("DROP INDEX IF EXISTS " + schema + t.quote(ix.getKey()))));
        }
        for (Map.Entry<String, List<String>> uc : constraintColumns(c, t.schema(), t.name(), "UNIQUE").entrySet()) {
            if (!uc.getValue().contains(from.name())) {
                continue;
            }
            String copyName = Identifiers.copyName(uc.getKey(), from.name(), to, maxIdentifierLength());
            String cols = uc.getValue().stream().map(col -> t.quote(col.equals(from.name()) ? to : col))
                    .collect(Collectors.joining(", "));
            copies.add(new ObjectCopy("unique", uc.getKey(), copyName, List.of(),
                    List.of(Ddl.of(alter + " ADD CONSTRAINT IF NOT EXISTS " + t.quote(copyName) + " UNIQUE (" + cols
                            + ")", constraintExists(c, t.schema(), t.name(), copyName))),
                    List.of(alter + " DROP CONSTRAINT IF EXISTS " + t.quote(uc.getKey()))));
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT rc.CONSTRAINT_NAME, k.COLUMN_NAME,"
                + " rk.TABLE_SCHEMA, rk.TABLE_NAME, rk.COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE"
                + " FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA"
                + "   AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME"
                + " JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE rk ON rk.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
                + "   AND rk.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME"
                + "   AND rk.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT"
                + " WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? ORDER BY rc.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            Map<String, List<String[]>> fks = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fks.computeIfAbsent(rs.getString(1), n -> new ArrayList<>()).add(new String[] {rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
                }
            }
            for (Map.Entry<String, List<String[]>> fk : fks.entrySet()) {
                List<String[]> rows = fk.getValue();
                if (rows.stream().noneMatch(r -> r[0].equals(from.name()))) {
                    continue;
                }
                String copyName = Identifiers.copyName(fk.getKey(), from.name(), to, maxIdentifierLength());
                String[] first = rows.get(0);
                String local = rows.stream().map(r -> t.quote(r[0].equals(from.name()) ? to : r[0]))
                        .collect(Collectors.joining(", "));
                String remote = rows.stream().map(r -> t.quote(r[3])).collect(Collectors.joining(", "));
                copies.add(new ObjectCopy("foreign key", fk.getKey(), copyName, List.of(),
                        List.of(Ddl.of(alter + " ADD CONSTRAINT IF NOT EXISTS " + t.quote(copyName) + " FOREIGN KEY ("
                                + local + ") REFERENCES " + t.quote(first[1]) + "." + t.quote(first[2]) + " (" + remote
                                + ") ON DELETE " + first[5] + " ON UPDATE " + first[4],
                                constraintExists(c, t.schema(), t.name(), copyName))),
                        List.of(alter + " DROP CONSTRAINT IF EXISTS " + t.quote(fk.getKey()))));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
                + " FROM INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
                + "   ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME"
                + " WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ? ORDER BY cc.CONSTRAINT_NAME")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            List<String[]> checks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] check : checks) {
                if (!Identifiers.mentions(dialect(), check[1], from.name())) {
                    continue;
                }
                String copyName = Identifiers.copyName(check[0], from.name(), to, maxIdentifierLength());
                String clause = Identifiers.replaceColumn(dialect(), check[1], 0, from.name(), to);
                copies.add(new ObjectCopy("check", check[0], copyName, List.of(),
                        List.of(Ddl.of(alter + " ADD CONSTRAINT IF NOT EXISTS " + t.quote(copyName) + " CHECK ("
                                + clause + ")", constraintExists(c, t.schema(), t.name(), copyName))),
                        List.of(alter + " DROP CONSTRAINT IF EXISTS " + t.quote(check[0]))));
            }
        }
        return copies;
    }

    @Override
    public List<Ddl> dropColumn(Table t, String column, List<ObjectCopy> covering) {
        boolean gone = t.column(column) == null;
        List<Ddl> ddl = new ArrayList<>();
        for (ObjectCopy copy : covering) {
            for (String drop : copy.dropOld()) {
                ddl.add(Ddl.of(drop, gone));
            }
        }
        ddl.add(Ddl.of("ALTER TABLE " + t.qualified() + " DROP COLUMN IF EXISTS " + t.quote(column), gone));
        return ddl;
    }

    @Override
    public String differs(Column column, String a, String b) {
        if (column.compareAsText()) {
            return "CAST(" + a + " AS CHARACTER VARYING) IS DISTINCT FROM CAST(" + b + " AS CHARACTER VARYING)";
        }
        return a + " IS DISTINCT FROM " + b;
    }

    @Override
    public String keyParameter(Column keyColumn) {
        return "CAST(? AS " + keyColumn.type() + ")";
    }

    @Override
    public List<String> lockTimeout(int millis) {
        return List.of("SET LOCK_TIMEOUT " + millis);
    }

    @Override
    public boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 50200 || s.getErrorCode() == 40001
                    || s.getErrorCode() == 90131 || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
