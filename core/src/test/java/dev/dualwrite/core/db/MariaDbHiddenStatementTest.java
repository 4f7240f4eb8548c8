package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/** {@link AbstractHiddenStatementTest} on MariaDB, with ANALYZE, PREPARE ... FROM, HANDLER and SET @v. */
@Tag("database")
class MariaDbHiddenStatementTest extends AbstractHiddenStatementTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    /** ANALYZE UPDATE runs the update: it is rewritten, and the table ends as the bare statement leaves it. */
    @EveryPhaseAndName
    void analyzeUpdate(Phase phase, String name) throws SQLException {
        LogicalOracle.Result r = seeded(phase, name).run("ANALYZE UPDATE {t} SET {n} = ? WHERE id = ?", "w", 2);
        assertNull(r.bareError());
        assertNull(r.rewrittenError());
        r.oracle().compareContents(r);
    }

    @EveryPhaseAndName
    void analyzeDeleteByTheColumn(Phase phase, String name) throws SQLException {
        LogicalOracle.Result r = seeded(phase, name).run("ANALYZE DELETE FROM {t} WHERE {n} = ?", "Bo");
        assertNull(r.bareError());
        assertNull(r.rewrittenError());
        r.oracle().compareContents(r);
    }

    @EveryPhaseAndName
    void prepareFromAStringIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("PREPARE s FROM 'UPDATE {t} SET {n} = ? WHERE id = ?'")
                .assertRejected(Rejection.UNSUPPORTED, "PREPARE");
    }

    @EveryPhaseAndName
    void executeImmediateIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("EXECUTE IMMEDIATE 'DELETE FROM {t} WHERE {n} IS NULL'")
                .assertRejected(Rejection.UNSUPPORTED, "EXECUTE");
    }

    @EveryPhaseAndName
    void handlerIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("HANDLER {t} OPEN").assertRejected(Rejection.UNSUPPORTED, "HANDLER");
    }

    @EveryPhaseAndName
    void setVariableFromAQueryIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SET @v := (SELECT {n} FROM {t} WHERE id = 1)")
                .assertRejected(Rejection.UNSUPPORTED, "SET");
    }

    @EveryPhaseAndName
    void createTableSelectWithoutAs(Phase phase, String name) throws SQLException {
        LogicalOracle o = withCreatedTable(seeded(phase, name));
        o.run("CREATE TABLE {c} SELECT id, {n} FROM {t} WHERE id <> 2").assertExact();
        assertCreatedTablesEqual(o);
    }

    @EveryPhaseAndName
    void compoundStatementIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("BEGIN NOT ATOMIC SELECT 1; UPDATE {t} SET {n} = 'x'; END")
                .assertRejected(Rejection.UNSUPPORTED, "BEGIN NOT ATOMIC");
    }
}
