package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.EveryPhaseAndName;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** Name binding on H2, plus its MERGE. */
class H2ScopeTest extends AbstractScopeTest {
    private static final String URL = TestDatabases.newH2Url();

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    Connection open() throws SQLException {
        return TestDatabases.h2(URL);
    }

    @EveryPhaseAndName
    void mergeMatchedOnTheName(Phase phase, String name) throws SQLException {
        fixture(phase, name).assertSameOutcome("MERGE INTO {users} u USING {p} q ON q.user_id = u.id"
                + " WHEN MATCHED AND {n} <> 'alice' THEN UPDATE SET email = q.{m}");
    }
}
