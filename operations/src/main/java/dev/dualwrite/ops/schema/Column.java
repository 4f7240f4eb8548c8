package dev.dualwrite.ops.schema;

/**
 * A column as the catalog describes it.
 *
 * @param name        the physical name, exactly as stored
 * @param type        the exact type as the database writes it in DDL (length, precision, scale, array, enum, json)
 * @param collation   the collation clause that must follow the type ({@code COLLATE "C"}), or null
 * @param defaultSql  the default expression as DDL, or null when the column has none
 * @param nullable    whether NULL is allowed
 * @param identity    whether the database generates its values (identity, serial, auto_increment)
 * @param generated   whether it is a generated (computed) column
 * @param compareAsText whether equality must be decided on the text form (types without an equality operator, such
 *                    as PostgreSQL's json, or collations under which different strings are equal)
 * @param extra       dialect-specific clauses that follow the default (MariaDB's {@code ON UPDATE ...}), or null
 */
public record Column(String name, String type, String collation, String defaultSql, boolean nullable,
        boolean identity, boolean generated, boolean compareAsText, String extra) {

    /** The type followed by its collation clause, as written after the column name in ADD COLUMN. */
    public String typeWithCollation() {
        return collation == null ? type : type + " " + collation;
    }
}
