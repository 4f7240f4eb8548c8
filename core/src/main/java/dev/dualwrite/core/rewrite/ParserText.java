package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.Arrays;

/**
 * Prepares the text JSqlParser reads for one statement ({@link ParserInput}). Every offset stays the original's (one
 * exception, H2's MERGE, is carried in the input), so that the rewriter can edit the application's text at token
 * positions: the parser's tree is only ever read, never rendered.
 */
final class ParserText {
    private ParserText() {
    }

    /**
     * The parser's input for the statement in tokens {@code first..last}.
     *
     * @throws Unsupported when the statement cannot be prepared (an unclosed H2 KEY clause)
     */
    static ParserInput prepare(Tokens t, int first, int last, Dialect dialect, WindowIndex index,
            IdentifierCase identifierCase) {
        int base = t.start(first);
        char[] text = mask(t, first, last, dialect);
        int shiftFrom = Integer.MAX_VALUE;
        int shift = 0;
        int keyFirst = -1;
        int keyLast = -1;
        if (t.isKeyword(first, "merge") && t.isKeyword(first + 1, "into")) {
            // H2's MERGE INTO t (cols) [KEY (k)] VALUES|SELECT ...: JSqlParser reads it as UPSERT once the KEY
            // clause is hidden. "UPSERT" is one character longer than "MERGE", so parser offsets from 6 on are
            // one more than the original's.
            int name = first + 2;
            while (name + 2 <= last && t.kind(name + 1) == Tokens.DOT) {
                name += 2;
            }
            int next = name + 1;
            int key = -1;
            if (next <= last && t.kind(next) == Tokens.LPAREN) {
                int close = t.matchingParen(next);
                // Within this part only: an unclosed list may find its ")" past a semicolon, in the next part.
                key = close > 0 && close + 1 <= last && t.isKeyword(close + 1, "key") ? close + 1 : -1;
            } else if (t.isKeyword(next, "key")) {
                key = next;
            }
            if (key > 0 || (next <= last && t.kind(next) == Tokens.LPAREN)) {
                if (key > 0 && t.kind(key + 1) == Tokens.LPAREN) {
                    int keyClose = t.matchingParen(key + 1);
                    if (keyClose < 0 || keyClose > last) {
                        throw new Unsupported(null, "unclosed KEY (...) in MERGE", Rejection.SYNTAX);
                    }
                    for (int c = t.start(key) - base; c < t.end(keyClose) - base; c++) {
                        text[c] = ' ';
                    }
                    keyFirst = key + 2;
                    keyLast = keyClose - 1;
                }
                text = ("UPSERT" + new String(text, 5, text.length - 5)).toCharArray();
                shiftFrom = 6;
                shift = 1;
            }
        }
        hideExtraRows(t, first, last, base, text, index, identifierCase);
        hideRowKeyword(t, first, last, base, text);
        return new ParserInput(new String(text), base, shiftFrom, shift, keyFirst, keyLast);
    }

    /**
     * A multi-row INSERT (Django's bulk_create sends thousands of rows) is parsed with its first row only: the
     * other rows are blanked out of the parser's text and handled from the tokens, which the rewriter does for
     * every row anyway. Only rows made of plain values qualify: no window column name and no subquery.
     */
    private static void hideExtraRows(Tokens t, int first, int last, int base, char[] text, WindowIndex index,
            IdentifierCase identifierCase) {
        String keyword = StatementParts.word(t, first);
        if (!keyword.equals("insert") && !keyword.equals("replace") && !keyword.equals("upsert")
                && !keyword.equals("merge")) {
            return;
        }
        int depth = 0;
        int values = -1;
        for (int i = first; i <= last && values < 0; i++) {
            byte k = t.kind(i);
            if (k == Tokens.LPAREN) {
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            } else if (depth == 0 && (t.isKeyword(i, "values") || t.isKeyword(i, "value"))
                    && i + 1 <= last && t.kind(i + 1) == Tokens.LPAREN) {
                values = i;
            }
        }
        if (values < 0) {
            return;
        }
        int firstClose = t.matchingParen(values + 1);
        if (firstClose < 0) {
            return;
        }
        int end = firstClose;
        while (end + 2 <= last && t.kind(end + 1) == Tokens.COMMA && t.kind(end + 2) == Tokens.LPAREN) {
            int close = t.matchingParen(end + 2);
            if (close < 0) {
                return;
            }
            end = close;
        }
        if (end == firstClose) {
            return;
        }
        for (int i = firstClose + 1; i <= end; i++) {
            if (t.isKeyword(i, "select") || (t.isIdentifier(i) && index.isWindowColumnName(
                    identifierCase.normalize(t.identifier(i), t.kind(i) == Tokens.QUOTED_IDENT)))) {
                return;
            }
        }
        for (int c = t.end(firstClose) - base; c < t.end(end) - base; c++) {
            text[c] = ' ';
        }
    }

    /**
     * {@code SET (a, b) = ROW (x, y)}, as jOOQ writes it (and as a one-column row must be written in PostgreSQL):
     * JSqlParser does not accept ROW there, and the analysis does not need it, so the parser does not see it.
     */
    private static void hideRowKeyword(Tokens t, int first, int last, int base, char[] text) {
        for (int i = first + 1; i < last; i++) {
            if (t.isKeyword(i, "row") && t.isOperator(i - 1, '=') && t.kind(i + 1) == Tokens.LPAREN) {
                for (int c = t.start(i) - base; c < t.end(i) - base; c++) {
                    text[c] = ' ';
                }
            }
        }
    }

    /**
     * The statement text handed to the parser: literals replaced by plain literals of the same length and comments
     * by spaces, so that every offset is the original's and no dialect-specific literal syntax can trip the parser.
     */
    static char[] mask(Tokens t, int first, int last, Dialect dialect) {
        int base = t.start(first);
        int end = t.end(last);
        char[] out = new char[end - base];
        Arrays.fill(out, ' ');
        String sql = t.sql();
        for (int i = first; i <= last; i++) {
            int s = t.start(i) - base;
            int e = t.end(i) - base;
            byte kind = t.kind(i);
            if (kind == Tokens.STRING) {
                out[s] = '\'';
                for (int k = s + 1; k < e - 1; k++) {
                    out[k] = 'x';
                }
                out[e - 1] = '\'';
            } else if (kind == Tokens.NUMBERED_PARAM && sql.charAt(t.start(i)) == '?') {
                out[s] = '?'; // H2's ?1: the parser knows only the plain placeholder
            } else if (kind == Tokens.OPERATOR && sql.charAt(t.start(i)) == '?') {
                // PostgreSQL's jsonb operators ? ?| ?& (?? in JDBC): the parser knows none; a comparison stands in.
                out[s] = '=';
                if (i + 1 <= last && t.start(i + 1) == t.end(i) && (t.isOperator(i + 1, '|')
                        || t.isOperator(i + 1, '&'))) {
                    i++;
                }
            } else if (t.isOperator(i, '@') && t.isOperator(i + 1, '@') && t.start(i + 1) == t.end(i)
                    && dialect == Dialect.POSTGRESQL) {
                // Text search's @@ is a binary operator JSqlParser does not always accept; || has its shape.
                out[s] = '|';
                out[s + 1] = '|';
                i++;
            } else if (dialect == Dialect.MYSQL && t.isOperator(i, '-') && t.isOperator(i + 1, '-')
                    && t.start(i + 1) == t.end(i)) {
                // MySQL's "5--1" is five minus minus one; the parser would read a comment.
                out[s] = '+';
                i++;
            } else {
                sql.getChars(t.start(i), t.end(i), out, s);
            }
        }
        if (dialect == Dialect.MYSQL) {
            // MySQL's old "LOCK IN SHARE MODE" (Hibernate still writes it) means FOR SHARE.
            for (int i = first; i + 3 <= last; i++) {
                if (t.isKeyword(i, "lock") && t.isKeyword(i + 1, "in") && t.isKeyword(i + 2, "share")
                        && t.isKeyword(i + 3, "mode")) {
                    int s = t.start(i) - base;
                    int e = t.end(i + 3) - base;
                    Arrays.fill(out, s, e, ' ');
                    "FOR SHARE".getChars(0, 9, out, s);
                }
            }
        }
        ParserEscapes.hide(t, first, last, base, out, dialect);
        return out;
    }
}
