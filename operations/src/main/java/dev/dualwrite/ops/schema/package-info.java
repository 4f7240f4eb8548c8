/**
 * Catalogs and DDL per database ({@code SchemaDialect}: {@code PostgresSchema}, {@code MariaDbSchema},
 * {@code H2Schema}): a table as its catalog describes it ({@code Table}, {@code Column}), the copy of each index and
 * constraint for the new column ({@code ObjectCopy}), and each step's statements in the database's lock-friendly form
 * ({@code Ddl}). Catalog-written SQL is edited at the lexer's token positions ({@code Identifiers}).
 */
package dev.dualwrite.ops.schema;
