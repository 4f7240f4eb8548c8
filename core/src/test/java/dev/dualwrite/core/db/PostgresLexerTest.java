package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/**
 * Spellings that could hide a window name on PostgreSQL: Unicode-escaped names are refused (the bare statement reads
 * the column); names inside E'' strings, dollar quotes and nested comments are not names, and the rest of the
 * statement is rewritten as usual.
 */
@Tag("database")
class PostgresLexerTest extends AbstractOracleTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    /** {@code \0066} is 'f' and {@code \0064} is 'd': the escaped form of either name. */
    private static String escaped(String name) {
        return "U&\"\\00" + Integer.toHexString(name.charAt(0)) + name.substring(1) + "\"";
    }

    @EveryPhaseAndName
    void unicodeEscapedColumnIsRefused(Phase phase, String name) throws SQLException {
        LogicalOracle.Result r = seeded(phase, name).run("SELECT id, " + escaped(name) + " FROM {t} ORDER BY id");
        r.assertRejected(Rejection.UNSUPPORTED, "Unicode escapes");
    }

    @EveryPhaseAndName
    void unicodeEscapedColumnInAnUpdateIsRefused(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET " + escaped(name).replace('\\', '!') + " UESCAPE '!' = 'x'")
                .assertRejected(Rejection.UNSUPPORTED, "write it as");
    }

    @EveryPhaseAndName
    void literalsAndCommentsHoldingTheName(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("SELECT E'it\\'s {n}' AS a, $$display_name$$ AS b, /* x /* full_name */ y */ {n}"
                + " FROM {t} WHERE {n} <> $q$full_name$q$ ORDER BY id").assertExact();
    }

    @EveryPhaseAndName
    void updateWithTheNameInAnEscapeString(Phase phase, String name) throws SQLException {
        seeded(phase, name).run("UPDATE {t} SET {n} = E'full_name\\tdisplay_name' WHERE id = 1").assertExact();
    }
}
