package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;
import java.util.Arrays;
import java.util.Set;

/**
 * Correct statements JSqlParser cannot read, made readable for the parser only (the statement sent keeps every token
 * as written): the parser's text gets spaces where these are, so that every offset stays the original's.
 * <ul>
 *   <li>JDBC escapes, which the driver translates after the rewrite: {@code {oj ... JOIN ...}} loses its braces
 *       and keyword, {@code {escape '\'}} its braces; {@code {d '...'}}, {@code {t '...'}}, {@code {ts '...'}}
 *       keep their literal unmasked, which the parser checks; {@code {fn f(...)}} the parser reads as it is;</li>
 *   <li>PostgreSQL's {@code UPDATE ONLY t} and {@code DELETE FROM ONLY t} lose {@code ONLY} (which only excludes
 *       inheriting tables);</li>
 *   <li>MySQL's {@code SELECT ... INTO @a, @b} loses its {@code INTO} clause (the values are what the query
 *       selects).</li>
 * </ul>
 */
final class ParserEscapes {
    private static final Set<String> DATETIME_WORDS = Set.of("d", "t", "ts");

    private ParserEscapes() {
    }

    static void hide(Tokens t, int first, int last, int base, char[] out, Dialect dialect) {
        for (int i = first; i <= last; i++) {
            if (t.isOperator(i, '{') && i + 1 <= last && t.kind(i + 1) == Tokens.IDENT) {
                String w = t.text(i + 1).toLowerCase(java.util.Locale.ROOT);
                int close = closingBrace(t, i, last);
                if (close < 0) {
                    continue;
                }
                if (w.equals("escape") || w.equals("oj")) {
                    // Not values: nothing is ever copied from them, so their spans may shrink.
                    blank(t, i, i, base, out);
                    blank(t, close, close, base, out);
                    if (w.equals("oj")) {
                        blank(t, i + 1, i + 1, base, out);
                    }
                } else if (DATETIME_WORDS.contains(w) && i + 2 <= last && t.kind(i + 2) == Tokens.STRING) {
                    // The parser reads {d '...'} itself (so the value keeps its braces when copied), but only
                    // with the real date: the masked literal would not be one.
                    t.sql().getChars(t.start(i + 2), t.end(i + 2), out, t.start(i + 2) - base);
                }
            } else if (dialect == Dialect.POSTGRESQL && t.isKeyword(i, "only") && i + 1 <= last
                    && t.isIdentifier(i + 1) && (t.isKeyword(i - 1, "update")
                    || (t.isKeyword(i - 1, "from") && t.isKeyword(i - 2, "delete")))) {
                blank(t, i, i, base, out);
            } else if (dialect == Dialect.MYSQL && t.isKeyword(i, "into") && t.isOperator(i + 1, '@')) {
                int end = i;
                while (end + 2 <= last && t.isOperator(end + 1, '@') && t.isIdentifier(end + 2)) {
                    end += 2;
                    if (end + 1 <= last && t.kind(end + 1) == Tokens.COMMA) {
                        end++;
                    } else {
                        break;
                    }
                }
                if (end > i && t.kind(end) != Tokens.COMMA) {
                    blank(t, i, end, base, out);
                }
            }
        }
    }

    private static int closingBrace(Tokens t, int open, int last) {
        int depth = 0;
        for (int i = open; i <= last; i++) {
            if (t.isOperator(i, '{')) {
                depth++;
            } else if (t.isOperator(i, '}') && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void blank(Tokens t, int from, int to, int base, char[] out) {
        Arrays.fill(out, t.start(from) - base, t.end(to) - base, ' ');
    }
}
