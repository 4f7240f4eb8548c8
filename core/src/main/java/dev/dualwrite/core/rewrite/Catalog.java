package dev.dualwrite.core.rewrite;

import java.util.List;

/**
 * What the engine may ask about the physical schema: the columns of a table, in order. A door provides it (the JDBC
 * door from {@code DatabaseMetaData}); the engine needs it to expand {@code SELECT *} over a window table and to tell
 * which table an unqualified column belongs to when several are in scope.
 *
 * <p>Implementations cache; the engine calls {@link #columns} only while planning a statement it has not seen.
 */
public interface Catalog {
    /** A catalog that knows nothing: stars over window tables are rejected, ambiguous columns too. */
    Catalog NONE = new Catalog() {
        @Override
        public List<String> columns(String schema, String table) {
            return null;
        }

        @Override
        public long version() {
            return 0;
        }
    };

    /**
     * The table's physical columns in their ordinal order, spelled as the database stores them.
     *
     * @param schema the schema as the database stores its name, or null for the connection's default search path
     * @param table  the table name as the database stores it
     * @return the columns, or null when the table is unknown or the catalog cannot be read
     */
    List<String> columns(String schema, String table);

    /**
     * Grows whenever an answer of {@link #columns} may have changed (the door saw DDL, or refreshed and found a
     * difference). Plans that used the catalog are re-made when it moves.
     */
    long version();
}
