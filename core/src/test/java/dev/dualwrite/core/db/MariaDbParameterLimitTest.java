package dev.dualwrite.core.db;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/** MariaDB's driver prepares on the client by default: the 75,000-parameter rewrite runs, and is exact. */
@Tag("database")
class MariaDbParameterLimitTest extends AbstractParameterLimitTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    @Override
    void assertLargeMirroredInsert(LogicalOracle.Result r) throws SQLException {
        r.assertExact();
    }
}
