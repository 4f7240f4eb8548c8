package dev.dualwrite.core.db;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** {@link AbstractHiddenStatementTest} on H2. */
class H2HiddenStatementTest extends AbstractHiddenStatementTest {
    private static final String URL = TestDatabases.newH2Url();

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    Connection open() throws SQLException {
        return TestDatabases.h2(URL);
    }
}
