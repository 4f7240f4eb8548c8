package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/**
 * PostgreSQL whole-row references to a window table: the bare statement gives the row with the application's
 * columns, the physical table has the phase's, so they are refused; the named-column form is exact.
 */
@Tag("database")
class PostgresWholeRowTest extends AbstractOracleTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @EveryPhaseAndName
    void rowToJsonIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT row_to_json(u) FROM {t} u ORDER BY u.id")
                .assertRejected(Rejection.UNSUPPORTED, "whole row");
    }

    @EveryPhaseAndName
    void jsonbKeyOfTheRowIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT to_jsonb(u) ->> '{n}' FROM {t} u ORDER BY u.id")
                .assertRejected(Rejection.UNSUPPORTED, "whole row");
    }

    @EveryPhaseAndName
    void rowConstructorOfStarIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT ROW(u.*)::text FROM {t} u").assertRejected(Rejection.UNSUPPORTED, "whole row");
    }

    @EveryPhaseAndName
    void deleteWhereTheRowIsNullIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("DELETE FROM {t} WHERE {t} IS NULL").assertRejected(Rejection.UNSUPPORTED, "whole row");
    }

    @EveryPhaseAndName
    void namedColumnsAreExact(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT json_build_object('id', u.id, '{n}', u.{n})::text AS j FROM {t} u ORDER BY u.id")
                .assertExact();
    }

    @EveryPhaseAndName
    void anotherTablesRowIsExact(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("SELECT row_to_json(o)::text AS j, u.{n} FROM {t} u JOIN {o} o"
                + " ON o.id = u.id ORDER BY u.id").assertExact();
    }
}
