package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/**
 * MariaDB assigns a single-table UPDATE's SET list left to right only while the statement does not read its own table
 * again: with a subquery on the table (or a view over it) every assignment sees the old row, as in a multi-table
 * UPDATE whose join order puts the table second. A mirrored write must give both columns the same value whichever
 * order the database picks, and the application must see what its statement does on its own schema.
 */
@Tag("database")
class MariaDbSetOrderTest extends AbstractSetOrderTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    /** A value that cannot be repeated, in a statement whose assignment order MariaDB does not fix: refused. */
    @EveryPhaseAndName
    void subqueryValueWithSubqueryOnTheSameTable(Phase phase, String name) throws SQLException {
        String o = otherTable();
        LogicalOracle.Result r = seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = (SELECT MAX(full_name)"
                + " FROM {o}) WHERE id IN (SELECT id FROM {t} WHERE id = 2)");
        if (phase.writesBoth()) {
            r.assertRejected(Rejection.UNSUPPORTED, "subquery");
        } else {
            r.assertExact();
        }
    }

    /** A subquery on another table only: still a subquery in the statement, so refused where both columns are written. */
    @EveryPhaseAndName
    void subqueryValueOnAnotherTableOnly(Phase phase, String name) throws SQLException {
        String o = otherTable();
        assertScalarSubquery(seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = (SELECT MAX(full_name)"
                + " FROM {o}) WHERE id = 2"), phase, dialect());
    }

    @EveryPhaseAndName
    void multiTableValueReadingItsOwnColumn(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {t} p JOIN {o} o ON o.id = p.id SET p.{n} = CONCAT(p.{n}, '!')")
                .assertExact();
    }

    @EveryPhaseAndName
    void multiTableOtherTableFirst(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {o} o JOIN {t} p ON o.id = p.id SET p.{n} = CONCAT(p.{n}, '!'),"
                + " p.email = p.{n}").assertExact();
    }

    @EveryPhaseAndName
    void multiTableTableFirstLaterRead(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {t} p JOIN {o} o ON o.id = p.id SET p.{n} = o.full_name,"
                + " p.email = p.{n}").assertExact();
    }

    @EveryPhaseAndName
    void onDuplicateKeyUpdateWithSubqueryOnTheSameTable(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("INSERT INTO {t} (id, email, {n}) VALUES (1, 'x', 'y') ON DUPLICATE KEY UPDATE"
                + " {n} = CONCAT({n}, VALUES({n})), email = (SELECT MAX(t2.email) FROM {t} t2)").assertExact();
    }

    @EveryPhaseAndName
    void onDuplicateKeyUpdateLaterReadWithSubquery(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("INSERT INTO {t} (id, email, {n}) VALUES (2, 'x', 'y') ON DUPLICATE KEY UPDATE"
                + " {n} = 'z', email = CONCAT({n}, (SELECT COUNT(*) FROM {t} t2))").assertExact();
    }

    @EveryPhaseAndName
    void insertSetWithSubqueryOnTheSameTable(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("INSERT INTO {t} SET id = 9, {n} = 'n', email = (SELECT MAX(t2.email) FROM {t} t2)")
                .assertExact();
    }

    @EveryPhaseAndName
    void insertValuesSubqueryValueWithSubqueryOnTheSameTable(Phase phase, String name) throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("INSERT INTO {t} (id, {n}, email) VALUES (9, (SELECT MAX(full_name)"
                + " FROM {o}), (SELECT MAX(t2.email) FROM {t} t2))").assertExact();
    }
}
