package dev.dualwrite.core.db;

import dev.dualwrite.core.rewrite.Catalog;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Catalog} read from {@link DatabaseMetaData#getColumns}: the table's physical columns in ordinal order,
 * spelled as the database stores them. An unqualified table is looked up in the connection's current schema (MySQL
 * and MariaDB: the current database).
 */
final class MetaDataCatalog implements Catalog {
    private final Connection connection;
    private final Dialect dialect;

    MetaDataCatalog(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public List<String> columns(String schema, String table) {
        try {
            DatabaseMetaData md = connection.getMetaData();
            String escape = md.getSearchStringEscape();
            String catalogName = null;
            String schemaPattern = null;
            if (dialect == Dialect.MYSQL) {
                catalogName = schema != null ? schema : connection.getCatalog();
            } else {
                schemaPattern = escapePattern(schema != null ? schema : connection.getSchema(), escape);
            }
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = md.getColumns(catalogName, schemaPattern, escapePattern(table, escape), "%")) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    boolean same = dialect == Dialect.MYSQL ? name.equalsIgnoreCase(table) : name.equals(table);
                    if (same) {
                        columns.add(rs.getString("COLUMN_NAME"));
                    }
                }
            }
            return columns.isEmpty() ? null : columns;
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public long version() {
        return 1;
    }

    private static String escapePattern(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '%' || escape.indexOf(c) >= 0) {
                b.append(escape);
            }
            b.append(c);
        }
        return b.toString();
    }
}
