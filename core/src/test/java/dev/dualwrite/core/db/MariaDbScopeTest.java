package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** Name binding on MariaDB, plus its multi-table UPDATE and DELETE. */
class MariaDbScopeTest extends AbstractScopeTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    @EveryPhaseAndName
    void multiTableUpdateAssigningTheName(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("UPDATE {users} u JOIN {p} q ON q.user_id = u.id SET {n} = 'x',"
                + " u.email = q.{m} WHERE q.total > 1");
    }

    @EveryPhaseAndName
    void multiTableUpdateReadingTheName(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("UPDATE {users} u JOIN {p} q ON q.user_id = u.id SET q.total = 9"
                + " WHERE {n} = 'bob'");
    }

    @EveryPhaseAndName
    void multiTableDelete(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("DELETE u FROM {users} u JOIN {p} q ON q.user_id = u.id"
                + " WHERE {n} <> q.{m}");
    }

    /** The other table has the assigned name itself: which table's column it is cannot be told. */
    @EveryPhaseAndName
    void multiTableUpdateOfANameTheOtherTableHasIsRejected(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertRejected("UPDATE {users} u JOIN {p} q ON q.user_id = u.id SET {m} = 'x'",
                Rejection.AMBIGUOUS);
    }

    @EveryPhaseAndName
    void returningStar(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertSameOutcomeAsRead("INSERT INTO {users} (id, email, {n}, age) VALUES (9, 'n@example.org', ?, 5)"
                + " RETURNING *", "nina");
        db.assertSameOutcomeAsRead("DELETE FROM {users} WHERE id = 1 RETURNING *");
    }

    @EveryPhaseAndName
    void droppedColumnInMultiTableUpdateIsRejected(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name, true);
        db.assertRejected("UPDATE {users} u JOIN {p} q ON q.user_id = u.id AND u.phone_number IS NULL"
                + " SET u.email = 'x'", Rejection.UNSUPPORTED);
        db.assertRejected("DELETE FROM {users} WHERE phone_number IS NULL ORDER BY id LIMIT 1", Rejection.UNSUPPORTED);
    }

    @EveryPhaseAndName
    void outputAliasSpelledLikeTheWindowName(Phase phase, String name) throws SQLException {
        LogicalVsPhysical db = fixture(phase, name);
        db.assertSameOutcome("SELECT email AS {n} FROM {users} ORDER BY {n} DESC");
        db.assertRejected("SELECT email AS {n}, COUNT(*) AS c FROM {users} GROUP BY {n}", Rejection.AMBIGUOUS);
    }
}
