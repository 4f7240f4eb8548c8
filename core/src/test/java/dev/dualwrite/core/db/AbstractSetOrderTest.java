package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
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

}
