package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/**
 * MariaDB's double quotes delimit strings, or names under sql_mode ANSI_QUOTES: a double-quoted window name is
 * refused in either mode (under ANSI_QUOTES the bare statement reads the column), other double-quoted strings and
 * backtick names work.
 */
@Tag("database")
class MariaDbLexerTest extends AbstractOracleTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    @EveryPhaseAndName
    void doubleQuotedNameUnderAnsiQuotesIsRefused(Phase phase, String name) throws SQLException {
        LogicalOracle o = seeded(phase, name);
        o.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
        LogicalOracle.Result r = o.run("SELECT id, \"{n}\" FROM {t} ORDER BY id");
        r.assertRejected(Rejection.AMBIGUOUS, "ANSI_QUOTES");
    }

    @EveryPhaseAndName
    void doubleQuotedNameInTheDefaultModeIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET email = \"{n}\" WHERE id = 1")
                .assertRejected(Rejection.AMBIGUOUS, "backticks");
    }

    @EveryPhaseAndName
    void otherDoubleQuotedStrings(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = \"x \\\" full_name\" WHERE email = \"a@example.org\"")
                .assertExact();
    }

    @EveryPhaseAndName
    void backtickNames(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT `{n}`, 'display_name' AS s FROM `{t}` WHERE `{n}` IS NOT NULL ORDER BY `id`")
                .assertExact();
    }
}
