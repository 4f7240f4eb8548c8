package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/**
 * Correct statements that used to be refused on PostgreSQL: JDBC escapes (which pgjdbc translates after the
 * rewrite), {@code UPDATE ONLY}, {@code DELETE FROM ONLY}; each must do what it does bare on the logical schema.
 */
@Tag("database")
class PostgresEscapesTest extends AbstractOracleTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @EveryPhaseAndName
    void functionAndLikeEscapes(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT {fn UCASE({n})} AS up, {n} FROM {t} WHERE {n} LIKE 'A!%' {escape '!'}"
                + " OR {n} LIKE ? ORDER BY id", "B%").assertExact();
    }

    @EveryPhaseAndName
    void dateEscapeWrittenToTheColumn(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = {d '2024-01-02'} WHERE id = ?", 1).assertExact();
    }

    @EveryPhaseAndName
    void outerJoinEscape(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("SELECT p.id, p.{n}, x.full_name FROM {oj {t} p LEFT OUTER JOIN {o} x"
                + " ON x.id = p.id} ORDER BY p.id").assertExact();
    }

    @EveryPhaseAndName
    void updateOnly(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE ONLY {t} SET {n} = ? WHERE id = ?", "w", 2).assertExact();
    }

    @EveryPhaseAndName
    void deleteFromOnly(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("DELETE FROM ONLY {t} WHERE {n} = ?", "Bo").assertExact();
    }
}
