package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.SQLException;
import java.util.List;

/**
 * Name binding on a real database, judged by the oracle of {@link LogicalVsPhysical}: a window name rewritten to the
 * other column must bind to the same table as before, in subqueries (correlated or not), joins, UPDATE and DELETE
 * with other tables, INSERT ... SELECT and MERGE, for both application versions in every phase. The partner table
 * {@code p} has a column spelled like the other name of the window, the one a careless rewrite would be captured by.
 */
abstract class AbstractScopeTest extends AbstractOracleTest {
    /** The three users (alice, bob, carol) and the partner table whose {m} values would capture a bare name. */
    LogicalVsPhysical fixture(Phase phase, String name) throws SQLException {
        return fixture(phase, name, false);
    }

    LogicalVsPhysical fixture(Phase phase, String name, boolean drop) throws SQLException {
        LogicalVsPhysical db = new LogicalVsPhysical(connection, dialect(), phase, name, drop,
                AbstractOracleTest::uniqueName, cleanup);
        db.user(1, "a@example.org", "alice", "111").user(2, "b@example.org", "bob", null)
                .user(3, "c@example.org", "carol", "333");
        db.table("p", "id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER, {m} VARCHAR(100), total INTEGER",
                "(1, 1, 'zed', 5)", "(2, 2, 'alice', 7)", "(3, 3, 'bob', 1)");
        return db;
    }

    @EveryPhaseAndName
    void deleteWithCorrelatedNotExists(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("DELETE FROM {users} WHERE NOT EXISTS (SELECT 1 FROM {p}"
                + " WHERE {p}.user_id = {users}.id AND {n} = 'alice')");
    }

    @EveryPhaseAndName
    void updateWithInSubquery(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("UPDATE {users} SET email = 'hit' WHERE id IN (SELECT user_id FROM {p}"
                + " WHERE {p}.user_id = {users}.id AND {n} = ?)", "bob");
    }

    @EveryPhaseAndName
    void updateWithExistsComparingBothTables(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("UPDATE {users} SET email = 'hit' WHERE EXISTS (SELECT 1 FROM {p} q"
                + " WHERE q.{m} = {n})");
    }

    @EveryPhaseAndName
    void selectWithScalarSubquery(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("SELECT u.id, (SELECT COUNT(*) FROM {p} q WHERE q.{m} = {n}) AS c"
                + " FROM {users} u ORDER BY u.id");
    }

    @EveryPhaseAndName
    void selectWithInSubqueryInWhere(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("SELECT id FROM {users} WHERE id IN (SELECT user_id FROM {p}"
                + " WHERE {n} LIKE '%o%') ORDER BY id");
    }

    @EveryPhaseAndName
    void joinSelectingTheName(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("SELECT u.id, {n}, q.{m} FROM {users} u JOIN {p} q ON q.user_id = u.id"
                + " WHERE {n} <> 'nobody' ORDER BY {n}");
    }

    @EveryPhaseAndName
    void commaJoinGroupedAndHaving(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("SELECT {n}, COUNT(*) AS c FROM {users}, {p} WHERE {p}.user_id ="
                + " {users}.id GROUP BY {n} HAVING {n} <> 'carol' ORDER BY 1");
    }

    @EveryPhaseAndName
    void leftJoinOnTheName(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("SELECT u.id, q.id AS qid FROM {users} u LEFT JOIN {p} q ON q.{m} = {n}"
                + " ORDER BY u.id");
    }

    @EveryPhaseAndName
    void insertSelectWithAJoin(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("INSERT INTO {p} (id, user_id, {m}, total) SELECT q.id + 100, u.id, {n},"
                + " 0 FROM {users} u JOIN {p} q ON q.user_id = u.id");
    }

    @EveryPhaseAndName
    void deleteSelfCorrelated(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("DELETE FROM {users} WHERE EXISTS (SELECT 1 FROM {users} u2"
                + " WHERE u2.id <> {users}.id AND u2.{n} < {users}.{n})");
    }

    /** A name a table of the enclosing query could also have means another column to the other version. */
    @EveryPhaseAndName
    void nameAnEnclosingTableCouldHaveIsRejected(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.table("q", "id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER, {n} VARCHAR(100)", "(1, 1, 'x')");
        db.assertRejected("SELECT q.id FROM {q} q WHERE EXISTS (SELECT 1 FROM {users} u WHERE u.id = q.user_id"
                + " AND {n} = 'alice')", Rejection.AMBIGUOUS);
        db.assertSameOutcome("SELECT q.id FROM {q} q WHERE EXISTS (SELECT 1 FROM {users} u WHERE u.id = q.user_id"
                + " AND u.{n} = 'alice')");
    }

    // ------------------------------------------------------------------------------------------------ * expansion

    /** A table without either window name, for joins whose labels cannot collide with the window's. */
    static void tags(LogicalVsPhysical db) throws SQLException {
        db.table("t", "id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER, label VARCHAR(100)", "(1, 1, 'red')",
                "(2, 3, 'blue')");
    }

    /** Positions are known while the old column exists; after its drop only the new column's place is. */
    @EveryPhaseAndName
    void starKeepsLogicalPositions(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertSameOutcomeAsRead("SELECT * FROM {users} WHERE id > 0 ORDER BY id");
        if (phase != Phase.NEW_ONLY) {
            db.assertSameOutcomeAsRead("SELECT * FROM {users} ORDER BY 3 DESC");
            db.assertSameOutcomeAsRead("SELECT * FROM {users} ORDER BY 4");
        } else {
            // the old column's place went with it: a position would address another column
            db.assertRejected("SELECT * FROM {users} ORDER BY 3 DESC", Rejection.UNSUPPORTED);
            db.assertRejected("SELECT * FROM (SELECT * FROM {users}) d ORDER BY 3", Rejection.UNSUPPORTED);
        }
    }

    @EveryPhaseAndName
    void aliasStarJoinedWithAnotherTable(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        tags(db);
        db.assertSameOutcomeAsRead("SELECT u.*, t.label FROM {users} u JOIN {t} t ON t.user_id = u.id ORDER BY u.id");
        db.assertSameOutcomeAsRead("SELECT * FROM {users} u JOIN {t} t ON t.user_id = u.id ORDER BY u.id");
    }

    @EveryPhaseAndName
    void starOfDerivedTableAndCte(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertSameOutcomeAsRead("SELECT d.* FROM (SELECT * FROM {users}) d ORDER BY d.id");
        db.assertSameOutcomeAsRead("WITH c AS (SELECT * FROM {users} WHERE id < 3) SELECT * FROM c ORDER BY id");
    }

    @EveryPhaseAndName
    void starInSetOperation(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        String union = "SELECT * FROM {users} WHERE id = 1 UNION ALL SELECT * FROM {users} WHERE id = 3";
        db.assertSameOutcomeAsRead(union + " ORDER BY id");
        if (phase != Phase.NEW_ONLY) {
            db.assertSameOutcomeAsRead(union + " ORDER BY 1");
        } else {
            db.assertRejected(union + " ORDER BY 1", Rejection.UNSUPPORTED);
        }
    }

    /** The columns go into another table by position: exactly the logical ones, in their logical order. */
    @EveryPhaseAndName
    void insertSelectStarIntoAnotherTable(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.table("a", "id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(100), nm VARCHAR(100), age INTEGER");
        if (phase == Phase.NEW_ONLY) {
            // The old column's position is gone with it: the new one sits last, so the columns arrive in another
            // order; the rewrite cannot know where the application expects it.
            return;
        }
        db.assertSameOutcome("INSERT INTO {a} SELECT * FROM {users} WHERE id <> 2");
        db.assertSameOutcome("SELECT id FROM {users} WHERE (id, email, {n}, age) IN (SELECT * FROM {users}"
                + " WHERE id = 3)");
    }

    /**
     * A table after the star that has a column named like the window's other name: whichever column comes first under
     * that label, one version would read the wrong one. A table before the star comes first for both.
     */
    @EveryPhaseAndName
    void starWhoseLabelAnotherTableShares(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertRejected("SELECT * FROM {users} u JOIN {p} q ON q.user_id = u.id", Rejection.UNSUPPORTED);
        db.assertRejected("SELECT u.*, q.{m} FROM {users} u JOIN {p} q ON q.user_id = u.id", Rejection.UNSUPPORTED);
        db.assertSameOutcomeAsRead("SELECT q.*, u.* FROM {users} u JOIN {p} q ON q.user_id = u.id ORDER BY u.id");
        db.assertSameOutcomeAsRead("SELECT q.{m}, u.* FROM {users} u JOIN {p} q ON q.user_id = u.id ORDER BY u.id");
    }

    // ------------------------------------------------------------------------------------------------ NATURAL, USING

    /** The other side has one of the window's names: the shared columns, so the join, differ per phase. */
    @EveryPhaseAndName
    void naturalJoinThatCouldShareAWindowColumnIsRejected(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertRejected("DELETE FROM {users} WHERE id IN (SELECT {users}.id FROM {users} NATURAL JOIN {p})",
                Rejection.UNSUPPORTED);
        db.assertRejected("SELECT u.id FROM {p} NATURAL JOIN {users} u", Rejection.UNSUPPORTED);
        db.assertRejected("SELECT u1.id FROM {users} u1 NATURAL JOIN {users} u2", Rejection.UNSUPPORTED);
    }

    /** The catalog shows the other side has none of the window's names: the join is the same in every phase. */
    @EveryPhaseAndName
    void naturalJoinOnOtherColumnsIsRewritten(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        tags(db);
        db.assertSameOutcome("SELECT u.id, {n}, label FROM {users} u NATURAL JOIN {t} ORDER BY u.id");
        db.assertSameOutcome("DELETE FROM {users} WHERE id IN (SELECT u.id FROM {users} u NATURAL JOIN {t}"
                + " WHERE {n} = 'alice')");
    }

    @EveryPhaseAndName
    void joinUsingAWindowColumnIsRejectedAndOnAnotherIsRewritten(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.table("q", "id INTEGER NOT NULL PRIMARY KEY, {n} VARCHAR(100)", "(1, 'alice')", "(2, 'nobody')");
        db.assertRejected("SELECT q.id FROM {users} u JOIN {q} q USING ({n})", Rejection.UNSUPPORTED);
        db.assertSameOutcome("SELECT u.id, u.{n} FROM {users} u JOIN {q} q USING (id) ORDER BY u.id");
    }

    // ------------------------------------------------------------------------------------------------ drop windows

    /** A dropped column reads as NULL: in a condition that picks the rows to write it would pick others. */
    @EveryPhaseAndName
    void droppedColumnDecidingWrittenRowsIsRejected(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name, true);
        db.assertRejected("DELETE FROM {users} WHERE phone_number IS NULL AND id = 3", Rejection.UNSUPPORTED);
        db.assertRejected("UPDATE {users} SET email = 'x' WHERE id IN (SELECT u2.id FROM {users} u2"
                + " WHERE u2.phone_number = '111')", Rejection.UNSUPPORTED);
        db.assertRejected("DELETE FROM {users} WHERE EXISTS (SELECT 1 FROM {p} q WHERE q.user_id = {users}.id"
                + " AND {users}.phone_number IS NOT NULL)", Rejection.UNSUPPORTED);
        // Nothing ran: the tables are as seeded.
        db.assertSameContents("");
    }

    // ------------------------------------------------------------------------------------------------ both names

    /**
     * A statement that names both columns is an operator's: while both exist it must see them as they are (a
     * divergence check that remapped both names to one column would always count 0, a backfill would copy a column
     * onto itself); where one is missing it is rejected.
     */
    @EveryPhase
    void statementNamingBothColumnsMeansThePhysicalColumns(Phase phase) throws SQLException {
        LogicalVsPhysical db = fixture(phase, "full_name");
        String differ = dialect() == Dialect.MYSQL ? "NOT (full_name <=> display_name)"
                : "full_name IS DISTINCT FROM display_name";
        if (phase != Phase.MIRROR && phase != Phase.READ_NEW) {
            db.assertRejected("SELECT COUNT(*) FROM {users} WHERE " + differ, Rejection.UNSUPPORTED);
            db.assertRejected("UPDATE {users} SET display_name = full_name WHERE display_name IS NULL",
                    Rejection.UNSUPPORTED);
            return;
        }
        db.executePhysically("UPDATE {users} SET display_name = NULL WHERE id = 2");
        db.executePhysically("UPDATE {users} SET display_name = 'drift' WHERE id = 3");
        RewritingExecutor.Outcome count = db.physical("SELECT COUNT(*) FROM {users} WHERE " + differ);
        assertEquals(List.of(2L), List.of(((Number) count.rows().get(0).get(0)).longValue()), count::toString);
        RewritingExecutor.Outcome backfill = db.physical("UPDATE {users} SET display_name = full_name"
                + " WHERE display_name IS NULL");
        assertEquals(1, backfill.updateCount(), backfill::toString);
        RewritingExecutor.Outcome after = db.physical("SELECT id, full_name, display_name FROM {users} ORDER BY id");
        assertEquals(List.of(List.of(1, "alice", "alice"), List.of(2, "bob", "bob"), List.of(3, "carol", "drift")),
                after.rows(), after::toString);
    }
}
