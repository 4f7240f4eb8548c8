package dev.dualwrite.spring.rename;

import dev.dualwrite.core.db.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The two-version rename on embedded H2, shared by both application contexts. */
class H2RollingRenameTest extends AbstractRollingRenameTest {
    /** Row locks wait up to 10 s: the backfill and the workers update the same rows. */
    private final String url = TestDatabases.newH2Url() + ";LOCK_TIMEOUT=10000";

    @Override
    String applicationUrl() {
        return url;
    }

    @Override
    List<String> dataSourceProperties() {
        return List.of("spring.datasource.username=sa", "spring.datasource.password=");
    }

    @Override
    Connection openMigrationConnection() throws SQLException {
        return TestDatabases.h2(url);
    }

    @Override
    boolean ddlWaitsForTheApplication() {
        return true;
    }

    @Override
    String database() {
        return "h2";
    }
}
