package dev.dualwrite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.db.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A statement dualwrite refuses, inside a Spring transaction: the application gets dualwrite's reason, the
 * transaction rolls back, and the pool keeps its connection. The starter wraps the pool, so a rejection never passes
 * through the pool's proxy (and its SQLSTATE, 0AW00, is not one HikariCP counts among those that break a
 * connection; see the JDBC door's HikariRejectionTest for a pool outside dualwrite).
 */
class RejectionTest {
    @TempDir
    Path dir;

    @Test
    void aRejectionReachesTheApplicationWithItsReasonAndThePoolKeepsItsConnection() throws Exception {
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n", StandardCharsets.UTF_8);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                        TransactionAutoConfiguration.class, DualWriteAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + TestDatabases.newH2Url(),
                        "spring.datasource.username=sa", "spring.datasource.hikari.maximum-pool-size=1",
                        "dualwrite.config=" + config)
                .run(context -> {
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    TransactionTemplate tx = context.getBean(TransactionTemplate.class);
                    jdbc.execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(50),"
                            + " display_name VARCHAR(50))");
                    Connection before = jdbc.execute((ConnectionCallback<Connection>) c -> c.unwrap(
                            org.h2.jdbc.JdbcConnection.class));

                    DataAccessException e = assertThrows(DataAccessException.class, () -> tx.executeWithoutResult(s -> {
                        jdbc.update("INSERT INTO people (id, full_name) VALUES (1, 'Ann')");
                        jdbc.update("UPDATE people SET display_name = RANDOM_UUID()");
                    }));
                    String message = String.valueOf(e.getMostSpecificCause().getMessage());
                    assertTrue(message.startsWith("dualwrite rejected the statement (window people.full_name"),
                            message);
                    assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM people", Integer.class),
                            "the transaction rolled back");
                    Connection after = jdbc.execute((ConnectionCallback<Connection>) c -> c.unwrap(
                            org.h2.jdbc.JdbcConnection.class));
                    assertSame(before, after, "the pool did not throw its connection away");
                });
    }
}
