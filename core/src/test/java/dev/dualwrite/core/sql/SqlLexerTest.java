package dev.dualwrite.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lexer per dialect: what is a comment, a string, a quoted name or a placeholder. A name inside a literal or a
 * comment must never become an identifier token, or the engine would rewrite text the database does not read as a
 * name (or miss one it does).
 */
class SqlLexerTest {
    private static final SqlLexer PG_JDBC = new SqlLexer(Dialect.POSTGRESQL, true);
    private static final SqlLexer PG_WIRE = new SqlLexer(Dialect.POSTGRESQL, false);
    private static final SqlLexer MYSQL = new SqlLexer(Dialect.MYSQL, true);
    private static final SqlLexer H2 = new SqlLexer(Dialect.H2, true);

    /** The tokens as "kind text", kinds abbreviated; punctuation and {@code ?} placeholders as their kind alone. */
    private static List<String> tokens(SqlLexer lexer, String sql) {
        Tokens t = lexer.tokenize(sql);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String k = kind(t.kind(i));
            boolean bare = k.length() == 1;
            out.add(bare ? k : k + " " + t.text(i));
        }
        return out;
    }

    private static String kind(byte k) {
        return switch (k) {
            case Tokens.IDENT -> "id";
            case Tokens.QUOTED_IDENT -> "qid";
            case Tokens.STRING -> "str";
            case Tokens.NUMBER -> "num";
            case Tokens.PARAM -> "?";
            case Tokens.NUMBERED_PARAM -> "$n";
            case Tokens.LPAREN -> "(";
            case Tokens.RPAREN -> ")";
            case Tokens.COMMA -> ",";
            case Tokens.DOT -> ".";
            case Tokens.SEMICOLON -> ";";
            case Tokens.STAR -> "*";
            case Tokens.OPERATOR -> "op";
            default -> "kind" + k;
        };
    }

    @Test
    void postgresqlStringsAndComments() {
        assertEquals(List.of("id SELECT", "str 'it''s full_name'", "id FROM", "id t", "id WHERE", "id x", "op =",
                "str E'a\\'b full_name'", "id AND", "id y", "op =", "$n $1"),
                tokens(PG_WIRE, "SELECT 'it''s full_name' FROM t -- full_name\n WHERE x = E'a\\'b full_name'"
                        + " /* c /* nested full_name */ still a comment */ AND y = $1"));
        // A plain '...' has no backslash escape in PostgreSQL: the backslash is a character, the quote ends it.
        assertEquals(List.of("str 'a\\'", "id full_name"), tokens(PG_WIRE, "'a\\' full_name"));
    }

    @Test
    void postgresqlDollarQuotes() {
        assertEquals(List.of("id SELECT", "str $$a 'b' full_name$$", ",", "str $tag$x$$ full_name $y$tag$", ",",
                "$n $12"), tokens(PG_WIRE, "SELECT $$a 'b' full_name$$, $tag$x$$ full_name $y$tag$, $12"));
        Tokens open = PG_WIRE.tokenize("SELECT $q$ full_name");
        assertTrue(open.unterminated(), "an unclosed dollar quote runs to the end");
        assertEquals(2, open.size());
        // A dollar sign inside a word is part of the word (PostgreSQL allows it after the first character).
        assertEquals(List.of("id a$b", "op =", "num 1"), tokens(PG_WIRE, "a$b = 1"));
    }

    @Test
    void questionMarksArePlaceholdersOnlyForJdbc() {
        assertEquals(List.of("id a", "?", "?", "id b", "op ??", "id c"), tokens(PG_JDBC, "a ? ? b ?? c"));
        assertEquals(List.of("id a", "op ?", "id b", "op ?", "op |", "id c"), tokens(PG_WIRE, "a ? b ?| c"));
        assertEquals(List.of("id x", "op ::", "id text", "op :", "id y"), tokens(PG_WIRE, "x::text :y"));
    }

    @Test
    void quotedIdentifiersUndoubleTheirQuotes() {
        Tokens t = PG_WIRE.tokenize("SELECT \"Full \"\"Name\"\"\" FROM \"People\"");
        assertEquals(Tokens.QUOTED_IDENT, t.kind(1));
        assertEquals("Full \"Name\"", t.identifier(1));
        assertEquals("People", t.identifier(3));
        assertTrue(t.isIdentifier(1));
        assertFalse(t.isKeyword(3, "people"), "a quoted name is never a keyword");
    }

    @Test
    void mariadbBackticksStringsAndComments() {
        Tokens t = MYSQL.tokenize("SELECT `full``name`, \"a \\\" full_name\" FROM t # full_name\n");
        assertEquals(List.of("id SELECT", "qid `full``name`", ",", "str \"a \\\" full_name\"", "id FROM", "id t"),
                tokens(MYSQL, t.sql()));
        assertEquals("full`name", t.identifier(1));
        // Backslash escapes in '...'; -- is a comment only before whitespace.
        assertEquals(List.of("str 'a\\' full_name'", "op -", "op -", "num 1"), tokens(MYSQL, "'a\\' full_name' --1"));
        assertEquals(List.of("num 5"), tokens(MYSQL, "5 -- full_name"));
        // Block comments do not nest in MySQL: the first */ ends it.
        assertEquals(List.of("id a", "id full_name", "*", "op /"), tokens(MYSQL, "a /* x /* y */ full_name */"));
    }

    @Test
    void mariadbExecutableCommentsAreCode() {
        assertEquals(List.of("id SELECT", "id full_name", "id FROM", "id t"),
                tokens(MYSQL, "SELECT /*!40101 full_name */ FROM t"));
        assertEquals(List.of("id SELECT", "id full_name"), tokens(MYSQL, "SELECT /*M!100100 full_name */"));
        assertTrue(MYSQL.tokenize("SELECT /*! full_name").unterminated());
        // Elsewhere /*! is an ordinary comment.
        assertEquals(List.of("id SELECT"), tokens(PG_WIRE, "SELECT /*! full_name */"));
    }

    @Test
    void h2NumberedParametersLineCommentsAndDollarStrings() {
        assertEquals(List.of("id a", "op =", "$n ?1", "id b", "op =", "?", "id c", "op =", "str $$full_name$$"),
                tokens(H2, "a = ?1 // full_name\n b = ? c = $$full_name$$"));
        // // is a comment only in H2.
        assertEquals(List.of("id a", "op /", "op /", "id b"), tokens(PG_WIRE, "a // b"));
    }

    @Test
    void literalPrefixes() {
        assertEquals(List.of("str N'x'", "str X'0F'", "str B'01'", "str U&'d\\0061t'"),
                tokens(PG_WIRE, "N'x' X'0F' B'01' U&'d\\0061t'"));
        // E'' is PostgreSQL's: elsewhere an identifier E followed by a string.
        assertEquals(List.of("id E", "str 'a'"), tokens(H2, "E'a'"));
        assertEquals(List.of("qid U&\"d\\0061t\""), tokens(PG_WIRE, "U&\"d\\0061t\""));
    }

    @Test
    void numbers() {
        assertEquals(List.of("num 1.5e-3", "num .5", "num 0x1F", "num 1_000", "num 2", ".", "num .3"),
                tokens(PG_WIRE, "1.5e-3 .5 0x1F 1_000 2..3"), "2. is not a number before another dot");
    }

    @Test
    void unterminatedTextIsFlaggedNeverThrown() {
        for (String sql : List.of("SELECT 'abc", "SELECT \"abc", "SELECT /* abc", "SELECT `abc", "SELECT E'a\\'")) {
            assertTrue(PG_WIRE.tokenize(sql).unterminated() || MYSQL.tokenize(sql).unterminated(), sql);
        }
        assertTrue(PG_WIRE.tokenize("SELECT 'abc").unterminated());
        assertFalse(PG_WIRE.tokenize("SELECT 'abc'").unterminated());
        assertTrue(MYSQL.tokenize("SELECT `abc").unterminated());
        assertTrue(PG_WIRE.tokenize("/* a /* b */").unterminated(), "PostgreSQL's comments nest");
        assertFalse(MYSQL.tokenize("/* a /* b */").unterminated(), "MySQL's do not");
    }

    @Test
    void whitespaceDepthAndPositions() {
        Tokens t = PG_WIRE.tokenize("SELECT\u2003(a, (b))\t;");
        assertEquals(List.of("id SELECT", "(", "id a", ",", "(", "id b", ")", ")", ";"),
                tokens(PG_WIRE, t.sql()));
        assertEquals(2, t.maxDepth());
        assertEquals(7, t.matchingParen(1));
        assertEquals(6, t.matchingParen(4));
        assertEquals(1, t.matchingOpenParen(7));
        assertEquals(-1, PG_WIRE.tokenize("(a").matchingParen(0));
        assertEquals(2, t.indexAt(8), "the first token at or after an offset");
        assertEquals(2, t.indexStartingAt(8));
        assertEquals(3, t.indexStartingAt(9));
        assertEquals(-1, t.indexStartingAt(10), "offset 10 is a space");
        assertEquals(t.size(), t.indexAt(t.sql().length()));
    }
}
