/**
 * SQL text below the parser: the dialects, how each folds identifiers ({@link dev.dualwrite.core.sql.IdentifierCase}),
 * and the dialect-aware lexer ({@link dev.dualwrite.core.sql.SqlLexer}) whose {@link dev.dualwrite.core.sql.Tokens}
 * every edit of the engine is anchored at. The lexer decides what is a comment, a literal, a quoted name or a
 * placeholder exactly as the database does, so that a name inside a string or a comment is never taken for a
 * reference. {@code SchemaChanges} tells the doors which statements change the schema.
 */
package dev.dualwrite.core.sql;
