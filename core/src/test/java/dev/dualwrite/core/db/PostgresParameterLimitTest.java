package dev.dualwrite.core.db;

import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/** On PostgreSQL the 75,000-parameter rewrite is refused, with the number of parameters that would fit. */
@Tag("database")
class PostgresParameterLimitTest extends AbstractParameterLimitTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @Override
    void assertLargeMirroredInsert(LogicalOracle.Result r) throws SQLException {
        r.assertRejected(Rejection.TOO_COMPLEX, "send at most 43690 parameters per statement");
    }
}
