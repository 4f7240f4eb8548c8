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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL: types from {@code COLUMN_TYPE} (lengths, precision, unsigned, enum values), JSON recognised by
 * its {@code json_valid} column check, indexes and NOT NULL with {@code ALGORITHM=INPLACE, LOCK=NONE} (writes go on
 * during the build), foreign keys added without the blocking check and then validated by a query.
 */
final class MariaDbSchema implements SchemaDialect {

    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    public String displayName() {
        return "MariaDB/MySQL";
    }

    @Override
    public int maxIdentifierLength() {
        return 64;
    }

    private record Check(String name, String clause, boolean columnLevel) {
    }

    private static List<Check> checks(Connection c, String schema, String table) throws SQLException {
        List<Check> checks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL"
                + " FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY CONSTRAINT_NAME")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checks.add(new Check(rs.getString(1), rs.getString(2), "Column".equalsIgnoreCase(rs.getString(3))));
                }
            }
        }
        return checks;
    }

    private static boolean isJsonCheck(Check check, String column) {
        return check.columnLevel() && check.name().equalsIgnoreCase(column)
                && check.clause().replace(" ", "").equalsIgnoreCase("json_valid(`" + column + "`)");
    }

    @Override
    public Table table(Connection c, Name schema, Name table) throws SQLException {
        String schemaName;
        String tableName;
        long estimate;
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?"
                + " AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, schema == null ? null : schema.text());
            ps.setString(2, table.text());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                schemaName = rs.getString(1);
                tableName = rs.getString(2);
                estimate = rs.getLong(3);
            }
        }
        List<Check> checks = checks(c, schemaName, tableName);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
                + " CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, COLUMN_COMMENT"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schemaName);
            ps.setString(2, tableName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    String charset = rs.getString(5);
                    String extra = rs.getString(7) == null ? "" : rs.getString(7).toLowerCase(Locale.ROOT);
                    boolean json = checks.stream().anyMatch(k -> isJsonCheck(k, name));
                    String collation = charset == null || json ? null
                            : "CHARACTER SET " + charset + " COLLATE " + rs.getString(6);
                    String def = rs.getString(4);
                    if (def == null || def.equals("NULL")) {
                        def = null;
                    } else if (!def.startsWith("'") && !def.matches("-?[0-9.eE+-]+")
                            && !def.toLowerCase(Locale.ROOT).startsWith("current_timestamp")) {
                        def = "(" + def + ")";
                    }
                    StringBuilder more = new StringBuilder();
                    int onUpdate = extra.indexOf("on update ");
                    if (onUpdate >= 0) {
                        more.append(rs.getString(7).substring(onUpdate));
                    }
                    String comment = rs.getString(8);
                    if (comment != null && !comment.isEmpty()) {
                        more.append(more.length() == 0 ? "" : " ").append("COMMENT '")
                                .append(comment.replace("\\", "\\\\").replace("'", "''")).append("'");
                    }
                    columns.add(new Column(name, json ? "json" : type, collation, def,
                            "YES".equals(rs.getString(3)), extra.contains("auto_increment"),
                            extra.contains("generated"), charset != null || json,
                            more.length() == 0 ? null : more.toString()));
                }
            }
        }
        Map<String, Index> indexes = indexes(c, schemaName, tableName);
        List<String> primaryKey = new ArrayList<>();
        List<String> uniqueKey = new ArrayList<>();
        for (Index ix : indexes.values()) {
            if (ix.name.equals("PRIMARY")) {
                primaryKey = ix.columns;
            } else if (ix.unique && ix.allNotNull && !ix.prefixed
                    && (uniqueKey.isEmpty() || ix.columns.size() < uniqueKey.size())) {
                uniqueKey = ix.columns;
            }
        }
        return new Table(dialect(), schemaName, tableName, columns, primaryKey, uniqueKey, estimate);
    }

    private static final class Index {
        final String name;
        final boolean unique;
        final String type;
        final List<String> columns = new ArrayList<>();
        final List<String> parts = new ArrayList<>();
        boolean allNotNull = true;
        boolean prefixed;

        Index(String name, boolean unique, String type) {
            this.name = name;
            this.unique = unique;
            this.type = type;
        }
    }

    private static Map<String, Index> indexes(Connection c, String schema, String table) throws SQLException {
        Map<String, Index> indexes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART,"
                + " INDEX_TYPE, COLLATION, NULLABLE FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    Index ix = indexes.computeIfAbsent(name, n -> {
                        try {
                            return new Index(n, rs.getInt(2) == 0, rs.getString(5));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String column = rs.getString(3);
                    ix.columns.add(column);
                    String sub = rs.getString(4);
                    ix.prefixed |= sub != null;
                    ix.allNotNull &= !"YES".equals(rs.getString(7));
                    ix.parts.add(column + (sub == null ? "" : "\u0000" + sub)
                            + ("D".equals(rs.getString(6)) ? "\u0001" : ""));
                }
            }
        }
        return indexes;
    }

    @Override
    public String searchDescription(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT DATABASE()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return "database " + rs.getString(1);
        }
    }

    private static String definition(Table t, Column column, boolean nullable) {
        return t.quote(column.name()) + " " + column.typeWithCollation() + (nullable ? " NULL" : " NOT NULL")
                + (column.defaultSql() == null ? "" : " DEFAULT " + column.defaultSql())
                + (column.extra() == null ? "" : " " + column.extra());
    }

    @Override
    public List<Ddl> addColumn(Table t, Column from, String to) {
        // The definition without its default (see PostgresSchema.addThenDefault); ON UPDATE and COMMENT stay.
        return PostgresSchema.addThenDefault(t, from, to, from.typeWithCollation() + " NULL"
                + (from.extra() == null ? "" : " " + from.extra()));
    }

    @Override
    public List<Ddl> notNull(Connection c, Table t, Column to) {
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " MODIFY COLUMN " + definition(t, to, false)
                + ", ALGORITHM=INPLACE, LOCK=NONE", !to.nullable()));
    }

    @Override
    public List<Ddl> dropNotNull(Table t, Column column) {
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " MODIFY COLUMN " + definition(t, column, true)
                + ", ALGORITHM=INPLACE, LOCK=NONE", column.nullable()));
    }

    @Override
    public List<ObjectCopy> copies(Connection c, Table t, Column from, String to) throws SQLException {
        List<ObjectCopy> copies = new ArrayList<>();
        String alter = "ALTER TABLE " + t.qualified();
        Map<String, Index> indexes = indexes(c, t.schema(), t.name());
        for (Index ix : indexes.values()) {
            if (ix.columns.stream().noneMatch(col -> col.equalsIgnoreCase(from.name()))) {
                continue;
            }
            if (ix.name.equals("PRIMARY")) {
                throw new SQLException(from.name() + " is part of the primary key of " + t.display()
                        + "; dualwrite does not plan the rename of a primary key column", "0A000");
            }
            String copyName = Identifiers.copyName(ix.name, from.name(), to, maxIdentifierLength());
            String parts = ix.parts.stream().map(p -> {
                boolean desc = p.endsWith("\u0001");
                String body = desc ? p.substring(0, p.length() - 1) : p;
                int sub = body.indexOf('\u0000');
                String col = sub < 0 ? body : body.substring(0, sub);
                String name = col.equalsIgnoreCase(from.name()) ? to : col;
                return t.quote(name) + (sub < 0 ? "" : "(" + body.substring(sub + 1) + ")") + (desc ? " DESC" : "");
            }).collect(Collectors.joining(", "));
            boolean fulltext = "FULLTEXT".equalsIgnoreCase(ix.type);
            boolean spatial = "SPATIAL".equalsIgnoreCase(ix.type);
            String kind = fulltext ? "FULLTEXT " : spatial ? "SPATIAL " : ix.unique ? "UNIQUE " : "";
            String create = alter + " ADD " + kind + "INDEX IF NOT EXISTS " + t.quote(copyName) + " (" + parts + ")"
                    + (fulltext || spatial ? "" : ", ALGORITHM=INPLACE, LOCK=NONE");
            copies.add(new ObjectCopy(ix.unique ? "unique" : "index", ix.name, copyName,
                    List.of(Ddl.of(create, indexes.containsKey(copyName))), List.of(),
                    List.of("DROP INDEX IF EXISTS " + t.quote(ix.name))));
        }
        copies.addAll(foreignKeys(c, t, from, to));
        for (Check check : checks(c, t.schema(), t.name())) {
            if (isJsonCheck(check, from.name()) || !Identifiers.mentions(dialect(), check.clause(), from.name())) {
                continue;
            }
            String copyName = Identifiers.copyName(check.name(), from.name(), to, maxIdentifierLength());
            boolean exists = checks(c, t.schema(), t.name()).stream().anyMatch(k -> k.name().equalsIgnoreCase(copyName));
            String clause = Identifiers.replaceColumn(dialect(), check.clause(), 0, from.name(), to);
            copies.add(new ObjectCopy("check", check.name(), copyName, List.of(),
                    List.of(Ddl.of(alter + " ADD CONSTRAINT " + t.quote(copyName) + " CHECK (" + clause + ")", exists)),
                    check.columnLevel() ? List.of() : List.of("DROP CONSTRAINT IF EXISTS " + t.quote(check.name()))));
        }
        return copies;
    }

    private List<ObjectCopy> foreignKeys(Connection c, Table t, Column from, String to) throws SQLException {
        record Fk(String name, List<String> columns, String refSchema, String refTable, List<String> refColumns,
                String update, String delete) {
        }
        Map<String, Fk> fks = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME,"
                + " k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE,"
                + " r.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k"
                + " JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA"
                + "   AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME"
                + " WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fk fk = fks.computeIfAbsent(rs.getString(1), n -> {
                        try {
                            return new Fk(n, new ArrayList<>(), rs.getString(3), rs.getString(4), new ArrayList<>(),
                                    rs.getString(6), rs.getString(7));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    fk.columns().add(rs.getString(2));
                    fk.refColumns().add(rs.getString(5));
                }
            }
        }
        List<ObjectCopy> copies = new ArrayList<>();
        String alter = "ALTER TABLE " + t.qualified();
        for (Fk fk : fks.values()) {
            if (fk.columns().stream().noneMatch(col -> col.equalsIgnoreCase(from.name()))) {
                continue;
            }
            String copyName = Identifiers.copyName(fk.name(), from.name(), to, maxIdentifierLength());
            List<String> local = fk.columns().stream().map(col -> col.equalsIgnoreCase(from.name()) ? to : col)
                    .collect(Collectors.toList());
            String ref = t.quote(fk.refSchema()) + "." + t.quote(fk.refTable());
            boolean exists = fks.containsKey(copyName);
            String join = "";
            String notNull = "";
            for (int i = 0; i < local.size(); i++) {
                join += (i == 0 ? "" : " AND ") + "p." + t.quote(fk.refColumns().get(i)) + " = c." + t.quote(local.get(i));
                notNull += " AND c." + t.quote(local.get(i)) + " IS NOT NULL";
            }
            List<Ddl> constraint = List.of(
                    // Without the check the constraint is added in place, rows keep being written meanwhile;
                    // the query after it does the check the server skipped.
                    Ddl.of("SET SESSION foreign_key_checks = 0", exists),
                    Ddl.of(alter + " ADD CONSTRAINT " + t.quote(copyName) + " FOREIGN KEY ("
                            + local.stream().map(t::quote).collect(Collectors.joining(", ")) + ") REFERENCES " + ref
                            + " (" + fk.refColumns().stream().map(t::quote).collect(Collectors.joining(", "))
                            + ") ON DELETE " + fk.delete() + " ON UPDATE " + fk.update()
                            + ", ALGORITHM=INPLACE, LOCK=NONE", exists),
                    Ddl.of("SET SESSION foreign_key_checks = 1", exists),
                    Ddl.check("SELECT 1 FROM " + t.qualified() + " c WHERE TRUE" + notNull
                            + " AND NOT EXISTS (SELECT 1 FROM " + ref + " p WHERE " + join + ") LIMIT 1"));
            copies.add(new ObjectCopy("foreign key", fk.name(), copyName, List.of(), constraint,
                    List.of("DROP FOREIGN KEY IF EXISTS " + t.quote(fk.name()))));
        }
        return copies;
    }

    @Override
    public List<Ddl> dropColumn(Table t, String column, List<ObjectCopy> covering) {
        // MariaDB would shrink a multi-column index that covers the column (a unique one could then fail) and refuses
        // to drop a column a foreign key needs: everything that covers it goes first, in the same statement.
        List<String> clauses = new ArrayList<>();
        for (ObjectCopy copy : covering) {
            clauses.addAll(copy.dropOld());
        }
        clauses.add("DROP COLUMN IF EXISTS " + t.quote(column));
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " " + String.join(", ", clauses),
                t.column(column) == null));
    }

    @Override
    public String differs(Column column, String a, String b) {
        if (column.compareAsText()) {
            // Case- and accent-insensitive collations call different strings equal; the copy must be exact.
            return "NOT (CAST(" + a + " AS BINARY) <=> CAST(" + b + " AS BINARY))";
        }
        return "NOT (" + a + " <=> " + b + ")";
    }

    @Override
    public String keyParameter(Column keyColumn) {
        return "?";
    }

    @Override
    public List<String> lockTimeout(int millis) {
        int seconds = Math.max(1, (millis + 999) / 1000);
        return List.of("SET SESSION innodb_lock_wait_timeout = " + seconds,
                "SET SESSION lock_wait_timeout = " + seconds);
    }

    @Override
    public boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 1205 || s.getErrorCode() == 1213
                    || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean rowValues() {
        return false;
    }
}
