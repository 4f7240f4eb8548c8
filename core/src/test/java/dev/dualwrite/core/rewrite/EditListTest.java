package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Edits anchored at tokens: replacements, insertions on either side of a token, copies that carry the edits inside
 * them, the order of edits at one position, the placeholders' sources, and replay on a statement of the same shape.
 */
class EditListTest {
    private static final SqlLexer LEXER = new SqlLexer(Dialect.POSTGRESQL, true);

    private static Tokens tokens(String sql) {
        return LEXER.tokenize(sql);
    }

    @Test
    void replaceAndInsertAroundTokensKeepingTheTextBetween() {
        Tokens t = tokens("SELECT a /* why */ , b FROM t");
        EditList e = new EditList();
        e.replace(1, 1, "x");
        e.insertAfter(1, " AS a"); // right after the token: before the comment that follows it
        e.insertBefore(3, "q.");
        assertEquals("SELECT x AS a /* why */ , q.b FROM t", e.render(t).sql);
    }

    @Test
    void aReplacementWithNoPartsRemoves() {
        Tokens t = tokens("INSERT INTO t (a, b, c) VALUES (1, 2, 3)");
        EditList e = new EditList();
        // ", b" in the column list (tokens 5..6) and ", 2" in the values (tokens 13..14).
        e.replace(5, 6);
        e.replace(13, 14);
        assertEquals("INSERT INTO t (a, c) VALUES (1, 3)", e.render(t).sql);
    }

    @Test
    void aCopyCarriesTheEditsInsideIt() {
        Tokens t = tokens("UPDATE t SET a = f(b) WHERE id = 1");
        EditList e = new EditList();
        e.replace(7, 7, "c"); // b inside the value
        e.insertAfter(8, ", d = ", new EditList.Copy(5, 8)); // the value f(b), written again
        assertEquals("UPDATE t SET a = f(c), d = f(c) WHERE id = 1", e.render(t).sql);
    }

    @Test
    void insertionsAtACopysBoundariesBelongToTheSurroundings() {
        Tokens t = tokens("SELECT a FROM t");
        EditList e = new EditList();
        e.insertBefore(1, "(");
        e.insertAfter(1, ")");
        e.insertAfter(1, ", ", new EditList.Copy(1, 1));
        // The copy of "a" does not repeat the parentheses inserted around it.
        assertEquals("SELECT (a), a FROM t", e.render(t).sql);
    }

    @Test
    void atOnePositionInsertionsGoFirstAndTheLongestReplacementSwallowsTheRest() {
        Tokens t = tokens("SELECT a, b FROM t");
        EditList e = new EditList();
        e.replace(1, 1, "inner"); // inside the longer replacement: swallowed
        e.replace(1, 3, "whole");
        e.insertBefore(1, "DISTINCT ");
        assertEquals("SELECT DISTINCT whole FROM t", e.render(t).sql);
        assertEquals(3, e.size());
    }

    @Test
    void theSourcesOfPlaceholdersFollowTheOutputOrder() {
        Tokens t = tokens("INSERT INTO t (a, b) VALUES (?, ?)");
        EditList e = new EditList();
        e.insertAfter(6, ", c");                                  // after b in the column list
        e.insertAfter(12, ", ", new EditList.Copy(10, 10));      // the first value again, as c
        EditList.Rendered r = e.render(t);
        assertEquals("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", r.sql);
        assertArrayEquals(new int[] {1, 2, 1}, r.parameterSources);
        assertEquals(2, r.applicationParameters);
        ParameterMap m = ParameterMap.of(r.parameterSources, r.applicationParameters);
        assertArrayEquals(new int[] {1, 3}, m.physical(1));
        assertArrayEquals(new int[] {2}, m.physical(2));
    }

    @Test
    void oneListReplaysOnEveryStatementOfTheShape() {
        EditList e = new EditList();
        e.insertAfter(5, ", ", new EditList.Copy(5, 5));
        Tokens first = tokens("SELECT f(1, 'x') FROM t");
        Tokens second = tokens("SELECT f(22, 'it''s') FROM t");
        assertEquals("SELECT f(1, 'x', 'x') FROM t", e.render(first).sql);
        assertEquals("SELECT f(22, 'it''s', 'it''s') FROM t", e.render(second).sql);
    }

    @Test
    void anEmptyListRendersTheTextAsItIs() {
        EditList e = new EditList();
        assertTrue(e.isEmpty());
        String sql = "SELECT a -- trailing comment\n FROM t ";
        assertEquals(sql, e.render(tokens(sql)).sql);
    }
}
