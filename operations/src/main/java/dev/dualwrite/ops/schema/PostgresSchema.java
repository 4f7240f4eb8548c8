package dev.dualwrite.ops.schema;

import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL: types from {@code format_type}, definitions from {@code pg_get_indexdef}/{@code pg_get_constraintdef},
 * indexes built {@code CONCURRENTLY}, constraints added {@code NOT VALID} and validated separately, NOT NULL through a
 * validated check so that {@code SET NOT NULL} needs no scan under its lock.
 */
final class PostgresSchema implements SchemaDialect {
    private static final Set<String> RETRYABLE = Set.of("55P03", "40P01", "40001");

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public int maxIdentifierLength() {
        return 63;
    }

    @Override
    public Table table(Connection c, Name schema, Name table) throws SQLException {
        String regclass = (schema == null ? "" : dialect().quote(physical(schema)) + ".")
                + dialect().quote(physical(table));
        String schemaName;
        String tableName;
        long estimate;
        long relid;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid, n.nspname, c.relname, c.reltuples::bigint"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, regclass);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                relid = rs.getLong(1);
                schemaName = rs.getString(2);
                tableName = rs.getString(3);
                estimate = rs.getLong(4);
            }
        }
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', a.attgenerated <> '',"
                + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation"
                + "   THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END,"
                + " t.typname, t.typcategory, coalesce(et.typcategory, ''), coalesce(co.collisdeterministic, true),"
                + " coalesce(pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
                + "   a.attname) IS NOT NULL, false)"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                + " LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace"
                + " WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setLong(1, relid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String typname = rs.getString(8);
                    String category = rs.getString(9);
                    String elementCategory = rs.getString(10);
                    boolean noEquality = Set.of("json", "_json", "xml", "_xml").contains(typname)
                            || "G".equals(category) || "G".equals(elementCategory) || !rs.getBoolean(11);
                    boolean generated = rs.getBoolean(6);
                    String collation = rs.getString(7);
                    columns.add(new Column(rs.getString(1), rs.getString(2),
                            collation == null ? null : "COLLATE " + collation,
                            generated ? null : rs.getString(4), !rs.getBoolean(3), rs.getBoolean(5) || rs.getBoolean(12),
                            generated, noEquality, null));
                }
            }
        }
        List<String> primaryKey = new ArrayList<>();
        List<String> uniqueKey = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.indisprimary, i.indexrelid,"
                + " array_to_string(array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)"
                + "   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord), chr(1)),"
                + " (SELECT bool_and(a.attnotnull) FROM unnest(i.indkey) k(attnum)"
                + "   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum),"
                + " i.indnkeyatts"
                + " FROM pg_index i WHERE i.indrelid = ? AND i.indisunique AND i.indisvalid"
                + " AND i.indexprs IS NULL AND i.indpred IS NULL AND NOT (0 = ANY(i.indkey))"
                + " ORDER BY i.indisprimary DESC, i.indnkeyatts, i.indexrelid")) {
            ps.setLong(1, relid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> cols = List.of(rs.getString(3).split("\u0001"));
                    cols = cols.subList(0, Math.min(cols.size(), rs.getInt(5)));
                    if (rs.getBoolean(1)) {
                        primaryKey = new ArrayList<>(cols);
                    } else if (uniqueKey.isEmpty() && rs.getBoolean(4)) {
                        uniqueKey = new ArrayList<>(cols);
                    }
                }
            }
        }
        return new Table(dialect(), schemaName, tableName, columns, primaryKey, uniqueKey, estimate);
    }

    @Override
    public String searchDescription(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_schemas(false)::text");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return "search_path " + rs.getString(1);
        }
    }

    @Override
    public List<Ddl> addColumn(Table t, Column from, String to) {
        return addThenDefault(t, from, to, from.typeWithCollation());
    }

    /** ADD COLUMN without a default, then SET DEFAULT: both only touch the catalog, whatever the default. */
    static List<Ddl> addThenDefault(Table t, Column from, String to, String definition) {
        Column existing = t.column(to);
        List<Ddl> ddl = new ArrayList<>();
        ddl.add(Ddl.of("ALTER TABLE " + t.qualified() + " ADD COLUMN IF NOT EXISTS " + t.quote(to) + " " + definition,
                existing != null));
        if (from.defaultSql() != null) {
            ddl.add(Ddl.of("ALTER TABLE " + t.qualified() + " ALTER COLUMN " + t.quote(to) + " SET DEFAULT "
                    + from.defaultSql(), existing != null && from.defaultSql().equals(existing.defaultSql())));
        }
        return ddl;
    }

    private long tableOid(Connection c, Table t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?)::oid")) {
            ps.setString(1, t.qualified());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The constraint's state: null when absent, else whether it is validated. */
    private static Boolean constraint(Connection c, long table, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT convalidated FROM pg_constraint WHERE conrelid = ? AND conname = ?")) {
            ps.setLong(1, table);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    @Override
    public List<Ddl> notNull(Connection c, Table t, Column to) throws SQLException {
        String check = Identifiers.fit(t.name() + "_" + to.name() + "_not_null", maxIdentifierLength());
        long table = tableOid(c, t);
        Boolean state = constraint(c, table, check);
        boolean inForce = !to.nullable();
        String alter = "ALTER TABLE " + t.qualified();
        return List.of(
                Ddl.of(alter + " ADD CONSTRAINT " + t.quote(check) + " CHECK (" + t.quote(to.name())
                        + " IS NOT NULL) NOT VALID", inForce || state != null),
                Ddl.of(alter + " VALIDATE CONSTRAINT " + t.quote(check), inForce || Boolean.TRUE.equals(state)),
                Ddl.of(alter + " ALTER COLUMN " + t.quote(to.name()) + " SET NOT NULL", inForce),
                Ddl.of(alter + " DROP CONSTRAINT IF EXISTS " + t.quote(check), inForce && state == null));
    }

    @Override
    public List<Ddl> dropNotNull(Table t, Column column) {
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " ALTER COLUMN " + t.quote(column.name())
                + " DROP NOT NULL", column.nullable()));
    }

    @Override
    public List<ObjectCopy> copies(Connection c, Table t, Column from, String to) throws SQLException {
        long table = tableOid(c, t);
        List<ObjectCopy> copies = new ArrayList<>();
        // Indexes, with the unique or exclusion constraint that owns each, if any.
        try (PreparedStatement ps = c.prepareStatement("SELECT ic.relname, pg_get_indexdef(i.indexrelid),"
                + " con.conname, con.contype, i.indisprimary"
                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                + " LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid"
                + "   AND con.contype IN ('u', 'p', 'x')"
                + " WHERE i.indrelid = ? ORDER BY ic.relname")) {
            ps.setLong(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String def = rs.getString(2);
                    int using = def.indexOf(" USING ");
                    if (using < 0 || !Identifiers.mentions(dialect(), def.substring(using), from.name())) {
                        continue;
                    }
                    String contype = rs.getString(4);
                    if (rs.getBoolean(5)) {
                        throw new SQLException(from.name() + " is part of the primary key of " + t.display()
                                + "; dualwrite does not plan the rename of a primary key column", "0A000");
                    }
                    String copyName = Identifiers.copyName(name, from.name(), to, maxIdentifierLength());
                    String edited = Identifiers.replaceColumn(dialect(), def, using, from.name(), to);
                    // CREATE [UNIQUE] INDEX name ON ... -> CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS copy ON ...
                    int indexWord = edited.indexOf("INDEX ") + "INDEX ".length();
                    int on = edited.indexOf(" ON ", indexWord);
                    String create = edited.substring(0, indexWord) + "CONCURRENTLY IF NOT EXISTS "
                            + t.quote(copyName) + edited.substring(on);
                    Boolean valid = indexValid(c, t.schema(), copyName);
                    List<Ddl> index = new ArrayList<>();
                    boolean constraintDone = contype != null && constraint(c, table, copyName) != null;
                    if (Boolean.FALSE.equals(valid) && !constraintDone) {
                        // A concurrent build that failed leaves an invalid index behind; IF NOT EXISTS would keep it.
                        index.add(Ddl.of("DROP INDEX CONCURRENTLY IF EXISTS " + t.quote(t.schema()) + "."
                                + t.quote(copyName), false));
                    }
                    index.add(Ddl.of(create, Boolean.TRUE.equals(valid) || constraintDone));
                    List<Ddl> constraint = new ArrayList<>();
                    String kind = "index";
                    if ("u".equals(contype)) {
                        kind = "unique";
                        constraint.add(Ddl.of("ALTER TABLE " + t.qualified() + " ADD CONSTRAINT " + t.quote(copyName)
                                + " UNIQUE USING INDEX " + t.quote(copyName), constraintDone));
                    } else if ("x".equals(contype)) {
                        throw new SQLException("exclusion constraint " + rs.getString(3) + " covers " + from.name()
                                + "; dualwrite does not copy exclusion constraints: copy it by hand", "0A000");
                    }
                    copies.add(new ObjectCopy(kind, contype == null ? name : rs.getString(3), copyName, index,
                            constraint, List.of()));
                }
            }
        }
        // Foreign keys and checks on this table that use the column.
        try (PreparedStatement ps = c.prepareStatement("SELECT con.conname, con.contype,"
                + " pg_get_constraintdef(con.oid), con.convalidated"
                + " FROM pg_constraint con JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attname = ?"
                + " WHERE con.conrelid = ? AND con.contype IN ('f', 'c') AND a.attnum = ANY(con.conkey)"
                + " ORDER BY con.conname")) {
            ps.setString(1, from.name());
            ps.setLong(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    boolean foreign = "f".equals(rs.getString(2));
                    String def = rs.getString(3);
                    String edited;
                    if (foreign) {
                        // FOREIGN KEY (a, b) REFERENCES ...: only the local column list names this table's columns.
                        int close = def.indexOf(')');
                        edited = Identifiers.replaceColumn(dialect(), def.substring(0, close + 1), 0, from.name(), to)
                                + def.substring(close + 1);
                    } else {
                        edited = Identifiers.replaceColumn(dialect(), def, 0, from.name(), to);
                    }
                    String copyName = Identifiers.copyName(name, from.name(), to, maxIdentifierLength());
                    Boolean state = constraint(c, table, copyName);
                    String alter = "ALTER TABLE " + t.qualified();
                    List<Ddl> constraint = new ArrayList<>();
                    constraint.add(Ddl.of(alter + " ADD CONSTRAINT " + t.quote(copyName) + " "
                            + edited.replace(" NOT VALID", "") + " NOT VALID", state != null));
                    if (rs.getBoolean(4)) {
                        constraint.add(Ddl.of(alter + " VALIDATE CONSTRAINT " + t.quote(copyName),
                                Boolean.TRUE.equals(state)));
                    }
                    copies.add(new ObjectCopy(foreign ? "foreign key" : "check", name, copyName, List.of(),
                            constraint, List.of()));
                }
            }
        }
        return copies;
    }

    private static Boolean indexValid(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT i.indisvalid FROM pg_index i"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace"
                + " WHERE n.nspname = ? AND ic.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    @Override
    public List<Ddl> dropColumn(Table t, String column, List<ObjectCopy> covering) {
        // PostgreSQL drops the indexes and constraints that involve the column with it.
        return List.of(Ddl.of("ALTER TABLE " + t.qualified() + " DROP COLUMN IF EXISTS " + t.quote(column),
                t.column(column) == null));
    }

    @Override
    public String differs(Column column, String a, String b) {
        if (column.compareAsText()) {
            // The text form under a deterministic collation: json has no equality operator, and a nondeterministic
            // collation calls different strings equal (the cast alone keeps the column's collation).
            return "(" + a + ")::text COLLATE \"C\" IS DISTINCT FROM (" + b + ")::text COLLATE \"C\"";
        }
        return a + " IS DISTINCT FROM " + b;
    }

    @Override
    public String keyParameter(Column keyColumn) {
        return "CAST(? AS " + keyColumn.type() + ")";
    }

    @Override
    public List<String> lockTimeout(int millis) {
        return List.of("SET lock_timeout = " + millis);
    }

    @Override
    public boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && RETRYABLE.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
