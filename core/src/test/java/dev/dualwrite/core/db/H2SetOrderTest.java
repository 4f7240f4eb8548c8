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

    /** The row form is taken: a mirrored scalar subquery is not refused here. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, application uses {1}")
    @org.junit.jupiter.params.provider.CsvSource({"MIRROR, full_name", "READ_NEW, display_name"})
    void scalarSubqueryIsRewrittenNotRefused(dev.dualwrite.core.config.Phase phase, String name)
            throws SQLException {
        String o = otherTable();
        seeded(phase, name).with("{o}", o).run("UPDATE {t} SET {n} = (SELECT x.full_name FROM {o} x WHERE x.id = {t}.id)")
                .assertExact();
    }
}
