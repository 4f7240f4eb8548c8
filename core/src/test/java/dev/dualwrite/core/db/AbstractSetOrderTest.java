package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.SQLException;

/**
 * SET lists whose values read columns the same statement assigns, with and without a subquery on the updated table
 * (which changes MariaDB's order of evaluation): through the engine on the physical schema they must do exactly what
 * the bare statement does on the application's own schema. PostgreSQL and H2 evaluate every assignment against the
 * old row in all of them.
 */
abstract class AbstractSetOrderTest extends AbstractOracleTest {
    @EveryPhaseAndName
    void literalWithSubqueryOnTheSameTable(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = 'w', email = 'e' WHERE id IN (SELECT id FROM {t} WHERE id < 3)")
                .assertExact();
    }

    @EveryPhaseAndName
    void parameterWithSubqueryOnAView(Phase phase, String name) throws SQLException {
        seeded(phase, name).view(cleanup).run("UPDATE {t} SET {n} = ? WHERE id IN (SELECT id FROM {v} WHERE email"
                + " = ?)", "w", "a@example.org").assertExact();
    }

    @EveryPhaseAndName
    void valueReadingItsOwnColumnWithSubquery(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = CONCAT({n}, '!') WHERE id IN (SELECT id FROM {t})")
                .assertExact();
    }

    @EveryPhaseAndName
    void valueReadingAColumnAssignedBeforeWithSubquery(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET email = 'x', {n} = CONCAT(email, {n}) WHERE id IN"
                + " (SELECT id FROM {t} WHERE id = 1)").assertExact();
    }

    @EveryPhaseAndName
    void laterAssignmentReadsTheColumnWithSubquery(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = 'w', email = {n} WHERE id IN (SELECT id FROM {t} WHERE id = 1)")
                .assertExact();
    }

    @EveryPhaseAndName
    void laterAssignmentReadsTheColumnWithoutSubquery(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = 'w', email = {n} WHERE id = 1").assertExact();
    }

    @EveryPhaseAndName
    void subqueryOnAnotherTable(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = 'w', email = {n} WHERE id IN (SELECT id FROM {o})")
                .assertExact();
    }


    /** A scalar subquery as the value: PostgreSQL and H2 take the row form; MySQL repeats it or refuses it. */
    @EveryPhaseAndName
    void scalarSubqueryValue(Phase phase, String name) throws SQLException {
        String o = otherTable();
        assertScalarSubquery(seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = (SELECT x.full_name FROM {o}"
                + " x WHERE x.id = {t}.id) WHERE id < 3"), phase, dialect());
    }

    @EveryPhaseAndName
    void scalarSubqueryReadingTheWindowColumn(Phase phase, String name) throws SQLException {
        assertScalarSubquery(seeded(phase, name).run("UPDATE {t} SET {n} = (SELECT UPPER(p2.{n}) FROM {t} p2"
                + " WHERE p2.id = 1), email = 'e' WHERE id = 2"), phase, dialect());
    }

    @EveryPhaseAndName
    void scalarSubqueryWithoutARow(Phase phase, String name) throws SQLException {
        String o = otherTable();
        assertScalarSubquery(seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = (SELECT x.full_name FROM {o}"
                + " x WHERE x.id = 99) WHERE id = 1"), phase, dialect());
    }

    /**
     * The branch each database is promised for a scalar subquery as the value of a mirrored column: PostgreSQL and H2
     * write it once in the row form, exact in every phase. MySQL and MariaDB cannot repeat a subquery, and with a
     * subquery in the statement MariaDB may assign against the old row, so a copy cannot name the column just assigned:
     * where both columns are written it is refused; in old-only and new-only it is exact.
     */
    static void assertScalarSubquery(LogicalOracle.Result r, Phase phase, Dialect dialect) throws SQLException {
        if (dialect == Dialect.MYSQL && phase.writesBoth()) {
            r.assertRejected(Rejection.UNSUPPORTED, "subquery");
        } else {
            r.assertExact();
        }
    }
}
