package dev.dualwrite.spring.rename;

import dev.dualwrite.core.db.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The two-version rename on a real PostgreSQL server, in a schema of its own (named for this run, dropped after), so
 * that nothing else on the server is touched.
 */
@Tag("database")
class PostgresRollingRenameTest extends AbstractRollingRenameTest {
    private final String schema = "dw_spring_rename_" + ProcessHandle.current().pid() + "_"
            + Long.toHexString(System.nanoTime() & 0xffffff);
    private String url;

    @BeforeEach
    void createSchema() throws SQLException {
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        // autosave=conservative: pgjdbc asks for generated keys with RETURNING *, whose result type changes when the
        // migration adds or drops a column; without it the first INSERT of each pooled connection after the DDL
        // fails with "cached plan must not change result type" (0A000), with or without dualwrite. The option makes
        // pgjdbc prepare again and retry; docs/spring-boot.md tells applications the same.
        url = TestDatabases.PG_URL + (TestDatabases.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema
                + "&autosave=conservative";
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    String applicationUrl() {
        return url;
    }

    @Override
    List<String> dataSourceProperties() {
        return List.of();
    }

    @Override
    Connection openMigrationConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    boolean ddlWaitsForTheApplication() {
        return false;
    }

    @Override
    String database() {
        return "postgresql";
    }
}
