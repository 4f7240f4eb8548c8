package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/** {@link AbstractHiddenStatementTest} on PostgreSQL, with its DO blocks, functions and EXPLAIN ANALYZE. */
@Tag("database")
class PostgresHiddenStatementTest extends AbstractHiddenStatementTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @EveryPhaseAndName
    void doBlockWritingTheColumnIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("DO $$ BEGIN UPDATE {t} SET {n} = 'x' WHERE id = 1; END $$")
                .assertRejected(Rejection.UNSUPPORTED, "DO block");
    }

    @EveryPhaseAndName
    void functionBodyNamingTheColumnIsRefused(Phase phase, String name) throws SQLException {
        LogicalOracle o = seeded(phase, name);
        String f = o.physical.name + "_f";
        o.with("{f}", o.physical.name + "_lf", f);
        cleanup.add(0, "DROP FUNCTION IF EXISTS " + o.physical.name + "_lf()");
        o.run("CREATE FUNCTION {f}() RETURNS void AS $$ UPDATE {t} SET {n} = upper({n}) $$ LANGUAGE sql")
                .assertRejected(Rejection.UNSUPPORTED, "CREATE FUNCTION");
    }

    /** EXPLAIN ANALYZE runs the statement: it is rewritten, and the table ends as the bare statement leaves it. */
    @EveryPhaseAndName
    void explainAnalyzeUpdate(Phase phase, String name) throws SQLException {
        LogicalOracle.Result r = seeded(phase, name).run("EXPLAIN ANALYZE UPDATE {t} SET {n} = ? WHERE id = ?",
                "w", 2);
        assertNull(r.bareError());
        assertNull(r.rewrittenError());
        r.oracle().compareContents(r);
    }

    @EveryPhaseAndName
    void createTableAsWithNoData(Phase phase, String name) throws SQLException {
        LogicalOracle o = withCreatedTable(seeded(phase, name));
        o.run("CREATE TABLE {c} AS (SELECT id, {n} FROM {t}) WITH NO DATA").assertExact();
        assertCreatedTablesEqual(o);
    }

    @EveryPhaseAndName
    void selectIntoANewTable(Phase phase, String name) throws SQLException {
        LogicalOracle o = withCreatedTable(seeded(phase, name));
        o.run("SELECT id, {n} INTO {c} FROM {t} WHERE id > 1").assertExact();
        assertCreatedTablesEqual(o);
    }
}
