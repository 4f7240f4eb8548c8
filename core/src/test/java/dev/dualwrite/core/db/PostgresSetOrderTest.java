package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** {@link AbstractSetOrderTest} on Postgres. */
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
}
