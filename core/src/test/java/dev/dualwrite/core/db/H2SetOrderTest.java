package dev.dualwrite.core.db;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** {@link AbstractSetOrderTest} on H2. */
class H2SetOrderTest extends AbstractSetOrderTest {
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
