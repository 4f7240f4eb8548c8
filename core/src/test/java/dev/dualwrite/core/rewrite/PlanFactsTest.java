package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import org.junit.jupiter.api.Test;

/**
 * The statement kind and parameter count a plan carries, which the doors use instead of reading the text again: the
 * same for a first sight, a plan-cache hit and a shape-cache replay; unknown only where the prefilter did not read.
 */
class PlanFactsTest {
    private static final Configuration MIRROR =
            Configuration.builder().rename("people", "full_name", "display_name", Phase.MIRROR).build();

    private static RewriteEngine jdbc() {
        return RewriteEngine.builder(Dialect.POSTGRESQL).config(MIRROR).build();
    }

    private static RewriteEngine wire() {
        return RewriteEngine.builder(Dialect.POSTGRESQL).config(MIRROR).jdbcParameters(false).build();
    }

    @Test
    void kindsOfStatementsOnAWindowTable() {
        RewriteEngine e = jdbc();
        assertEquals(StatementKind.QUERY, e.plan("SELECT display_name FROM people").kind());
        assertEquals(StatementKind.QUERY, e.plan("(SELECT display_name FROM people)").kind());
        assertEquals(StatementKind.QUERY, e.plan("WITH x AS (SELECT id FROM people) SELECT * FROM x").kind());
        assertEquals(StatementKind.QUERY, e.plan("SELECT display_name FROM people;").kind(),
                "a trailing semicolon is still one statement");
        assertEquals(StatementKind.WRITE, e.plan("SELECT display_name FROM people FOR UPDATE").kind());
        assertEquals(StatementKind.WRITE, e.plan("INSERT INTO people (id, display_name) VALUES (1, 'a')").kind());
        assertEquals(StatementKind.WRITE, e.plan("UPDATE people SET display_name = 'a'").kind());
        assertEquals(StatementKind.WRITE, e.plan("DELETE FROM people WHERE display_name = 'a'").kind());
        assertEquals(StatementKind.WRITE,
                e.plan("WITH d AS (DELETE FROM people RETURNING id) SELECT count(*) FROM d").kind());
        assertEquals(StatementKind.DDL, e.plan("ALTER TABLE people ADD COLUMN age int").kind());
        assertEquals(StatementKind.SESSION, e.plan("SET search_path = people").kind());
        assertEquals(StatementKind.MULTIPLE,
                e.plan("SELECT display_name FROM people; UPDATE people SET display_name = 'b'").kind());
        assertEquals(StatementKind.OTHER, e.plan("EXPLAIN SELECT display_name FROM people").kind());
        assertEquals(StatementKind.OTHER, e.plan("SELECT 'open FROM people").kind(), "unterminated");
    }

    @Test
    void statementsOnOtherTables() {
        RewriteEngine e = jdbc();
        Plan unread = e.plan("SELECT * FROM orders WHERE id = ?");
        assertEquals(StatementKind.UNKNOWN, unread.kind(), "the prefilter does not read it");
        assertEquals(-1, unread.parameterCount());
        // A text that mentions the table's name but not as a table is tokenized, so its facts are known.
        Plan read = e.plan("SELECT 'people' FROM orders WHERE id = ? AND total > ?");
        assertEquals(StatementKind.QUERY, read.kind());
        assertEquals(2, read.parameterCount());
    }

    @Test
    void parameterCountsOfEveryPlan() {
        RewriteEngine e = jdbc();
        Plan rewritten = e.plan("UPDATE people SET display_name = ? WHERE id = ?");
        assertTrue(rewritten.isRewritten());
        assertEquals(2, rewritten.parameterCount(), "the application's count, not the mirrored statement's 3");
        assertEquals(3, rewritten.parameters().physicalCount());
        Plan identity = e.plan("SELECT display_name FROM people WHERE id = ?");
        assertTrue(identity.parameters().isIdentity());
        assertEquals(1, identity.parameterCount());
        Plan rejected = e.plan("UPDATE people SET display_name = md5(random()::text) || ? WHERE id = ? OR id = ?");
        assertTrue(rejected.isRejected(), rejected.toString());
        assertEquals(3, rejected.parameterCount());
    }

    @Test
    void numberedParametersCountTheHighest() {
        RewriteEngine e = wire();
        Plan p = e.plan("UPDATE people SET display_name = $2 WHERE id = $1 OR id = $1");
        assertEquals(2, p.parameterCount());
        assertEquals(StatementKind.WRITE, p.kind());
        Plan operator = e.plan("SELECT display_name FROM people WHERE tags ? $1");
        assertEquals(1, operator.parameterCount(), "on the wire, ? is jsonb's operator, not a placeholder");
        Plan huge = e.plan("SELECT display_name FROM people WHERE id = $99999999999");
        assertEquals(Integer.MAX_VALUE, huge.parameterCount(), "too large for an int: the server refuses it");
    }

    @Test
    void theFactsSurviveTheCaches() {
        RewriteEngine e = jdbc();
        String sql = "UPDATE people SET display_name = 'x' WHERE id = ?";
        Plan first = e.plan(sql);
        Plan hit = e.plan(sql);
        Plan replay = e.plan("UPDATE people SET display_name = 'y' WHERE id = ?");
        for (Plan p : new Plan[] {first, hit, replay}) {
            assertEquals(StatementKind.WRITE, p.kind());
            assertEquals(1, p.parameterCount());
        }
        assertEquals(1, e.statistics().shapeCache().hits(), "the third plan was a shape-cache replay");
    }
}
