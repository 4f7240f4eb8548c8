package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** Name binding on PostgreSQL, plus UPDATE ... FROM, DELETE ... USING and MERGE. */
class PostgresScopeTest extends AbstractScopeTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @EveryPhaseAndName
    void updateFrom(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("UPDATE {users} SET email = q.{m} FROM {p} q"
                + " WHERE q.user_id = {users}.id AND {n} <> 'alice'");
    }

    @EveryPhaseAndName
    void deleteUsing(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("DELETE FROM {users} u USING {p} q WHERE q.user_id = u.id"
                + " AND {n} = 'bob'");
    }

    @EveryPhaseAndName
    void updateFromReturning(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("UPDATE {users} SET email = 'x' FROM {p} q"
                + " WHERE q.user_id = {users}.id RETURNING {users}.id, {n}");
    }

    @EveryPhaseAndName
    void mergeMatchedOnTheName(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("MERGE INTO {users} u USING {p} q ON q.user_id = u.id"
                + " WHEN MATCHED AND {n} <> 'alice' THEN UPDATE SET email = q.{m}");
    }

    @EveryPhaseAndName
    void returningStar(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertSameOutcomeAsRead("UPDATE {users} SET email = 'x' WHERE id = 2 RETURNING *");
        db.assertSameOutcomeAsRead("INSERT INTO {users} (id, email, {n}, age) VALUES (9, 'n@example.org', ?, 5)"
                + " RETURNING *", "nina");
        db.assertSameOutcomeAsRead("DELETE FROM {users} WHERE id = 1 RETURNING *, id AS again");
    }

    @EveryPhaseAndName
    void droppedColumnInUpdateFromOrMergeIsRejected(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name, true);
        db.assertRejected("UPDATE {users} SET email = 'x' FROM {p} q WHERE q.user_id = {users}.id"
                + " AND {users}.phone_number IS NULL", Rejection.UNSUPPORTED);
        db.assertRejected("MERGE INTO {users} u USING {p} q ON q.user_id = u.id WHEN MATCHED AND u.phone_number"
                + " IS NULL THEN DELETE", Rejection.UNSUPPORTED);
    }

    /** An output alias spelled like the window name: bare DISTINCT ON and ORDER BY mean it, GROUP BY the column. */
    @EveryPhaseAndName
    void outputAliasSpelledLikeTheWindowName(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertSameOutcome("SELECT DISTINCT ON ({n}) email AS {n} FROM {users} ORDER BY {n}");
        db.assertSameOutcome("SELECT email AS {n}, COUNT(*) AS c FROM {users} GROUP BY {n}, email ORDER BY 1");
        db.assertSameOutcome("SELECT email AS {n} FROM {users} ORDER BY lower({n}) DESC");
    }
}
