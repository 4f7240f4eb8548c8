package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/** {@link AbstractSetOrderTest} on Postgres. */
@Tag("database")
class PostgresSetOrderTest extends AbstractSetOrderTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @EveryPhaseAndName
    void updateFromValueReadingItsOwnColumn(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {t} p SET {n} = CONCAT(p.{n}, o.full_name), email = p.{n}"
                + " FROM {o} o WHERE o.id = p.id").assertExact();
    }

    @EveryPhaseAndName
    void rowFormReadingTheColumn(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET ({n}, email) = (CONCAT({n}, '!'), {n}) WHERE id IN"
                + " (SELECT id FROM {t} WHERE id < 3)").assertExact();
    }

    /** The row form is taken: a mirrored scalar subquery is not refused here. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, application uses {1}")
    @org.junit.jupiter.params.provider.CsvSource({"MIRROR, full_name", "READ_NEW, display_name"})
    void scalarSubqueryIsRewrittenNotRefused(dev.dualwrite.core.config.Phase phase, String name)
            throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = (SELECT x.full_name FROM {o} x WHERE x.id = {t}.id)")
                .assertExact();
    }
}
