package dev.dualwrite.core.rewrite;

/**
 * The first and last token (inclusive) of something in the statement: a parsed object, a list element, an
 * assigned value. Token positions are indexes into the statement's {@link dev.dualwrite.core.sql.Tokens}.
 */
record Span(int first, int last) {
}
