package dev.dualwrite.ops.schema;

import dev.dualwrite.core.sql.Dialect;
import java.util.List;

/**
 * A table as the catalog describes it.
 *
 * @param schema     the physical schema (PostgreSQL/H2 schema, MariaDB database)
 * @param name       the physical table name
 * @param columns    in table order
 * @param primaryKey the primary key's columns in key order, empty when there is none
 * @param uniqueKey  the shortest unique key whose columns are all NOT NULL, empty when there is none
 * @param estimatedRows the catalog's estimate of the row count, -1 when unknown
 */
public record Table(Dialect dialect, String schema, String name, List<Column> columns, List<String> primaryKey,
        List<String> uniqueKey, long estimatedRows) {

    /** The column stored as {@code physicalName}, or null. */
    public Column column(String physicalName) {
        for (Column c : columns) {
            if (dialect == Dialect.MYSQL ? c.name().equalsIgnoreCase(physicalName) : c.name().equals(physicalName)) {
                return c;
            }
        }
        return null;
    }

    /** The quoted {@code schema.table}. */
    public String qualified() {
        return dialect.quote(schema) + "." + dialect.quote(name);
    }

    /** {@code schema.table} unquoted, for messages. */
    public String display() {
        return schema + "." + name;
    }

    /** The key batches walk: the primary key, else a unique NOT NULL key, else empty. */
    public List<String> batchKey() {
        return primaryKey.isEmpty() ? uniqueKey : primaryKey;
    }

    public String quote(String identifier) {
        return dialect.quote(identifier);
    }
}
