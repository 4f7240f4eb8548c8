package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.rewrite.Rejection;
import java.sql.SQLException;

/**
 * Statements that would pass untouched but read or write a window column: those that run one query now are rewritten
 * and must do what the bare statement does on the application's schema; those whose SQL is stored or hidden in a
 * string are refused, and nothing runs.
 */
abstract class AbstractHiddenStatementTest extends AbstractOracleTest {
    /** A fresh pair of table names for {@code {c}}: what a CREATE TABLE creates on each side. */
    LogicalOracle withCreatedTable(LogicalOracle o) {
        String base = o.physical.name;
        cleanup.add(0, "DROP TABLE IF EXISTS " + base + "_lc");
        cleanup.add(0, "DROP TABLE IF EXISTS " + base + "_pc");
        return o.with("{c}", base + "_lc", base + "_pc");
    }

    /** The tables CREATE TABLE made on each side hold the same labels and rows. */
    void assertCreatedTablesEqual(LogicalOracle o) throws SQLException {
        RewritingExecutor bare = new RewritingExecutor(connection, dev.dualwrite.core.rewrite.RewriteEngine
                .builder(dialect()).config(dev.dualwrite.core.config.Configuration.empty()).build());
        Outcome l = bare.run("SELECT * FROM " + o.physical.name + "_lc ORDER BY 1");
        Outcome p = bare.run("SELECT * FROM " + o.physical.name + "_pc ORDER BY 1");
        assertEquals(l.labels(), p.labels(), () -> "columns of the created tables" + l + p);
        assertEquals(l.rows(), p.rows(), () -> "rows of the created tables" + l + p);
    }

    @EveryPhaseAndName
    void createTableAsSelect(Phase phase, String name) throws SQLException {
        LogicalOracle o = withCreatedTable(seeded(phase, name));
        o.run("CREATE TABLE {c} AS SELECT id, {n} FROM {t} WHERE id < 3").assertExact();
        assertCreatedTablesEqual(o);
    }

    @EveryPhaseAndName
    void createTableAsSelectWithAnExpression(Phase phase, String name) throws SQLException {
        LogicalOracle o = withCreatedTable(seeded(phase, name));
        o.run("CREATE TABLE {c} AS SELECT p.id, p.{n}, UPPER(p.{n}) AS up FROM {t} p WHERE p.{n} IS NOT NULL")
                .assertExact();
        assertCreatedTablesEqual(o);
    }

    @EveryPhaseAndName
    void createTableAsSelectStarIsRefused(Phase phase, String name) throws SQLException {
        LogicalOracle o = withCreatedTable(seeded(phase, name));
        o.run("CREATE TABLE {c} AS SELECT * FROM {t}").assertRejected(Rejection.UNSUPPORTED, "list the columns");
    }

    @EveryPhaseAndName
    void createViewNamingTheColumnIsRefused(Phase phase, String name) throws SQLException {
        LogicalOracle o = seeded(phase, name);
        String base = o.physical.name;
        cleanup.add(0, "DROP VIEW IF EXISTS " + base + "_lw");
        o.with("{w}", base + "_lw", base + "_pw");
        o.run("CREATE VIEW {w} AS SELECT id, {n} FROM {t}").assertRejected(Rejection.UNSUPPORTED, "CREATE VIEW");
    }
}
