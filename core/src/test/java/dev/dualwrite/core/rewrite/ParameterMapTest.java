package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parameter map a rewrite gives a JDBC door: built from the order of the placeholders in the rewritten text, and,
 * through the engine, consistent with the text itself (the renumbering).
 */
class ParameterMapTest {
    @Test
    void inOrderAndCompleteIsTheIdentity() {
        assertSame(ParameterMap.IDENTITY, ParameterMap.of(new int[] {1, 2, 3}, 3));
        assertSame(ParameterMap.IDENTITY, ParameterMap.of(new int[0], 0));
        assertTrue(ParameterMap.IDENTITY.isIdentity());
        assertEquals("identity", ParameterMap.IDENTITY.toString());
    }

    @Test
    void aRepeatedParameterGoesToEveryPlaceItAppears() {
        ParameterMap m = ParameterMap.of(new int[] {1, 2, 3, 2}, 3);
        assertFalse(m.isIdentity());
        assertEquals(3, m.applicationCount());
        assertEquals(4, m.physicalCount());
        assertArrayEquals(new int[] {1}, m.physical(1));
        assertArrayEquals(new int[] {2, 4}, m.physical(2));
        assertArrayEquals(new int[] {3}, m.physical(3));
        assertEquals("1->[1] 2->[2,4] 3->[3]", m.toString());
    }

    @Test
    void aDroppedParameterGoesNowhereAndTheRestMoveUp() {
        ParameterMap m = ParameterMap.of(new int[] {1, 3}, 3);
        assertEquals(2, m.physicalCount());
        assertArrayEquals(new int[] {1}, m.physical(1));
        assertArrayEquals(new int[0], m.physical(2));
        assertArrayEquals(new int[] {2}, m.physical(3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.physical(4));
    }

    @Test
    void reorderedIsNotTheIdentity() {
        ParameterMap m = ParameterMap.of(new int[] {2, 1}, 2);
        assertFalse(m.isIdentity());
        assertArrayEquals(new int[] {2}, m.physical(1));
        assertArrayEquals(new int[] {1}, m.physical(2));
    }

    @Test
    void mapsAreEqualByContent() {
        assertEquals(ParameterMap.of(new int[] {1, 2, 2}, 2), ParameterMap.of(new int[] {1, 2, 2}, 2));
        assertEquals(ParameterMap.of(new int[] {1, 2, 2}, 2).hashCode(),
                ParameterMap.of(new int[] {1, 2, 2}, 2).hashCode());
        assertNotEquals(ParameterMap.of(new int[] {1, 2, 2}, 2), ParameterMap.of(new int[] {1, 1, 2}, 2));
        assertNotEquals(ParameterMap.of(new int[] {1, 3}, 3), ParameterMap.of(new int[] {1, 2}, 3));
        assertNotEquals(ParameterMap.IDENTITY, ParameterMap.of(new int[] {1, 1}, 1));
    }

    private static Plan numbered(Dialect dialect, Phase phase, String sql) {
        Configuration config = Configuration.builder().rename("people", "full_name", "display_name", phase)
                .drop("people", "phone_number").build();
        return RewriteEngine.builder(dialect).config(config).jdbcParameters(dialect != Dialect.POSTGRESQL).build()
                .plan(sql);
    }

    /** A numbered placeholder whose only use was removed leaves no gap: the survivors are renumbered densely. */
    @Test
    void numberedPlaceholdersAreRenumberedWhenOneGoesMissing() {
        Plan pg = numbered(Dialect.POSTGRESQL, Phase.OLD_ONLY,
                "INSERT INTO people (id, phone_number, full_name) VALUES ($1, $2, $3)");
        assertEquals("INSERT INTO people (id, full_name) VALUES ($1, $2)", pg.physicalSql(null));
        assertArrayEquals(new int[] {1}, pg.parameters().physical(1));
        assertArrayEquals(new int[0], pg.parameters().physical(2), "the dropped column's value goes nowhere");
        assertArrayEquals(new int[] {2}, pg.parameters().physical(3));
        assertEquals(3, pg.parameterCount(), "the application still binds three values");

        Plan h2 = numbered(Dialect.H2, Phase.OLD_ONLY,
                "INSERT INTO people (id, phone_number, full_name) VALUES (?1, ?2, ?3)");
        assertEquals("INSERT INTO people (id, full_name) VALUES (?1, ?2)", h2.physicalSql(null));
        assertEquals(pg.parameters(), h2.parameters());
    }

    /** Out of order in the text, and removed in the middle: numbers follow the application's, not the text's order. */
    @Test
    void renumberingFollowsTheNumbersNotThePositions() {
        Plan p = numbered(Dialect.POSTGRESQL, Phase.MIRROR,
                "UPDATE people SET phone_number = $2, full_name = $1 WHERE id = $3");
        assertEquals("UPDATE people SET full_name = $1, display_name = $1 WHERE id = $2", p.physicalSql(null));
        assertArrayEquals(new int[] {1}, p.parameters().physical(1));
        assertArrayEquals(new int[0], p.parameters().physical(2));
        assertArrayEquals(new int[] {2}, p.parameters().physical(3));
    }

    /** Repeating a number is free, and a number still used elsewhere survives its removal: nothing to renumber. */
    @Test
    void repeatedAndSurvivingNumbersKeepTheIdentity() {
        Plan mirrored = numbered(Dialect.POSTGRESQL, Phase.MIRROR, "UPDATE people SET full_name = $1 WHERE id = $2");
        assertEquals("UPDATE people SET full_name = $1, display_name = $1 WHERE id = $2", mirrored.physicalSql(null));
        assertSame(ParameterMap.IDENTITY, mirrored.parameters());
        Plan surviving = numbered(Dialect.POSTGRESQL, Phase.MIRROR,
                "UPDATE people SET phone_number = $1, email = $1 WHERE id = $2");
        assertEquals("UPDATE people SET email = $1 WHERE id = $2", surviving.physicalSql(null));
        assertSame(ParameterMap.IDENTITY, surviving.parameters());
    }

    static Stream<Arguments> statements() {
        List<Arguments> out = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            for (Dialect dialect : new Dialect[] {Dialect.POSTGRESQL, Dialect.MYSQL, Dialect.H2}) {
                for (String sql : List.of(
                        "INSERT INTO people (id, full_name, phone_number, email) VALUES (?, ?, ?, ?)",
                        "INSERT INTO people (id, display_name) VALUES (?, ?), (?, ?), (?, ?)",
                        "UPDATE people SET full_name = ?, phone_number = ?, email = ? WHERE id = ?",
                        "UPDATE people SET display_name = ? WHERE full_name = ? AND id > ?",
                        "SELECT id FROM people WHERE full_name = ? OR display_name = ? LIMIT ?",
                        "DELETE FROM people WHERE full_name IN (?, ?) AND id <> ?",
                        "INSERT INTO people (id, full_name) SELECT id + ?, name FROM staff WHERE name <> ?")) {
                    out.add(Arguments.of(phase, dialect, sql));
                }
            }
        }
        return out.stream();
    }

    /**
     * The renumbering, checked against the engine's own handling of values: the statement with every placeholder
     * replaced by a distinct literal is rewritten (literals are repeated and dropped as parameters are), and must be
     * the rewritten statement with each physical placeholder replaced by the literal of the application parameter the
     * map sends there.
     */
    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("statements")
    void theMapSendsEachValueWhereTheRewriteUsesIt(Phase phase, Dialect dialect, String sql) {
        Configuration config = Configuration.builder().rename("people", "full_name", "display_name", phase)
                .drop("people", "phone_number").build();
        RewriteEngine engine = RewriteEngine.builder(dialect).config(config).jdbcParameters(true).build();
        Plan withParameters = engine.plan(sql);
        String withLiterals = substitute(dialect, sql, null);
        Plan literal = engine.plan(withLiterals);
        assertEquals(literal.isRejected(), withParameters.isRejected(), "the same verdict for values and parameters");
        if (withParameters.isRejected()) {
            return;
        }
        ParameterMap m = withParameters.parameters();
        String physical = withParameters.physicalSql(sql);
        int applicationCount = count(dialect, sql);
        int[] applicationOf = new int[count(dialect, physical) + 1];
        if (m.isIdentity()) {
            assertEquals(applicationCount, applicationOf.length - 1, "the identity keeps every placeholder");
            for (int p = 1; p < applicationOf.length; p++) {
                applicationOf[p] = p;
            }
        } else {
            assertEquals(applicationCount, m.applicationCount());
            assertEquals(m.physicalCount(), applicationOf.length - 1, "the map counts the placeholders it made");
            for (int a = 1; a <= applicationCount; a++) {
                for (int p : m.physical(a)) {
                    assertEquals(0, applicationOf[p], "physical placeholder " + p + " has one source");
                    applicationOf[p] = a;
                }
            }
        }
        assertEquals(literal.physicalSql(withLiterals), substitute(dialect, physical, applicationOf));
    }

    /** {@code sql} with its n-th placeholder replaced by {@code 'v<source of n>'}, the source being n itself if null. */
    private static String substitute(Dialect dialect, String sql, int[] sourceOf) {
        Tokens t = new SqlLexer(dialect, true).tokenize(sql);
        StringBuilder b = new StringBuilder();
        int at = 0;
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i) == Tokens.PARAM) {
                n++;
                b.append(sql, at, t.start(i)).append("'v").append(sourceOf == null ? n : sourceOf[n]).append('\'');
                at = t.end(i);
            }
        }
        return b.append(sql.substring(at)).toString();
    }

    private static int count(Dialect dialect, String sql) {
        Tokens t = new SqlLexer(dialect, true).tokenize(sql);
        int n = 0;
        for (int i = 0; i < t.size(); i++) {
            n += t.kind(i) == Tokens.PARAM ? 1 : 0;
        }
        return n;
    }
}
