package dev.dualwrite.ops.schema;

import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the operations need to know about one kind of database: how to read a table from its catalog, the DDL of each
 * schema step in the database's lock-friendly form, and the SQL pieces of the backfill and verify.
 */
public interface SchemaDialect {

    static SchemaDialect of(Dialect dialect) {
        switch (dialect) {
            case POSTGRESQL:
                return new PostgresSchema();
            case MYSQL:
                return new MariaDbSchema();
            default:
                return new H2Schema();
        }
    }

    Dialect dialect();

    /** The name of the database kind for messages. */
    String displayName();

    /**
     * Reads a table; {@code schema} null means the one an unqualified name resolves to.
     *
     * @return null when there is no such table
     */
    Table table(Connection c, Name schema, Name table) throws SQLException;

    /** Where an unqualified table name is looked for, for messages. */
    String searchDescription(Connection c) throws SQLException;

    /** The physical name of a configured name in this database (folded unless quoted). */
    default String physical(Name name) {
        return name.normalized(dialect().defaultIdentifierCase());
    }

    /**
     * {@code ADD COLUMN to} with the old column's type, collation and default, nullable. Where adding a column with
     * some defaults rewrites the table under its lock (a volatile default in PostgreSQL, a non-constant one in
     * MariaDB), the column is added without one and the default set by a second statement, which only the rows
     * inserted afterwards see: the existing rows get their value from the backfill.
     */
    List<Ddl> addColumn(Table t, Column from, String to);

    /** The lock-friendly path to NOT NULL on the new column, after the backfill. */
    List<Ddl> notNull(Connection c, Table t, Column to) throws SQLException;

    /** Makes a NOT NULL column nullable (a drop window's first step). */
    List<Ddl> dropNotNull(Table t, Column column);

    /** Every index and constraint covering {@code from}, with its copy for {@code to}. */
    List<ObjectCopy> copies(Connection c, Table t, Column from, String to) throws SQLException;

    /** Drops the column, after the statements that must remove what covers it first. */
    List<Ddl> dropColumn(Table t, String column, List<ObjectCopy> covering);

    /** A null-safe predicate that is true when the two columns hold different values. */
    String differs(Column column, String a, String b);

    /** A bind placeholder for a key value given as text, cast to the key column's type where the database needs it. */
    String keyParameter(Column keyColumn);

    /** The statements that make a session give up on a lock after {@code millis}. */
    List<String> lockTimeout(int millis);

    /** Whether the error is one a short transaction should retry: lock timeout, deadlock, serialization failure. */
    boolean retryable(SQLException e);

    /** Whether the database compares multi-column row values with an index ({@code (a, b) > (?, ?)}). */
    default boolean rowValues() {
        return true;
    }

    /** The longest identifier the database accepts, in characters. */
    int maxIdentifierLength();
}
