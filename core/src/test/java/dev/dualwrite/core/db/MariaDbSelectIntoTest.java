package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;

/** MariaDB's {@code SELECT ... INTO @v} is rewritten: the variable gets what the bare statement gives it. */
@Tag("database")
class MariaDbSelectIntoTest extends AbstractOracleTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    @EveryPhaseAndName
    void selectIntoVariables(Phase phase, String name) throws SQLException {
        LogicalOracle o = seeded(phase, name).with("{v}", "@dw_l", "@dw_p").with("{e}", "@dw_le", "@dw_pe");
        o.run("SELECT {n}, email INTO {v}, {e} FROM {t} WHERE id = ?", 2).assertExact();
        assertVariablesEqual();
    }

    @EveryPhaseAndName
    void selectIntoAtTheEnd(Phase phase, String name) throws SQLException {
        LogicalOracle o = seeded(phase, name).with("{v}", "@dw_l", "@dw_p").with("{e}", "@dw_le", "@dw_pe");
        o.run("SELECT {n}, email FROM {t} WHERE {n} = ? INTO {v}, {e}", "Ada").assertExact();
        assertVariablesEqual();
    }

    private void assertVariablesEqual() throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT @dw_l, @dw_p, @dw_le, @dw_pe")) {
            rs.next();
            assertEquals(rs.getString(1), rs.getString(2), "the name the bare and the rewritten statement selected");
            assertEquals(rs.getString(3), rs.getString(4), "the email the bare and the rewritten statement selected");
            assertNotNull(rs.getString(3), "a value was selected");
        }
    }
}
