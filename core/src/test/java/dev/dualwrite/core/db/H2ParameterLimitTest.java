package dev.dualwrite.core.db;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** H2 has no limit on parameters: the 75,000-parameter rewrite runs, and is exact. */
class H2ParameterLimitTest extends AbstractParameterLimitTest {
    private static final String URL = TestDatabases.newH2Url();

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    Connection open() throws SQLException {
        return TestDatabases.h2(URL);
    }

    @Override
    void assertLargeMirroredInsert(LogicalOracle.Result r) throws SQLException {
        r.assertExact();
    }
}
