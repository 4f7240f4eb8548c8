package dev.dualwrite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.spring.actuate.DualWriteActuatorAutoConfiguration;
import dev.dualwrite.spring.actuate.DualWriteHealthIndicator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** The health contributor: DOWN only while the configuration is broken, everything else informative. */
class HealthTest {
    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, DualWriteAutoConfiguration.class,
                    EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class, DualWriteActuatorAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + TestDatabases.newH2Url(), "spring.datasource.username=sa");

    @Test
    @SuppressWarnings("unchecked")
    void downWhileTheFileIsBrokenAndUpAgainOnceFixedWhileRejectionsStayInformative() throws Exception {
        Path config = dir.resolve("dualwrite.yaml");
        String good = "windows:\n  - table: people\n    from: full_name\n    to: display_name\n    phase: mirror\n";
        Files.writeString(config, good, StandardCharsets.UTF_8);
        runner.withPropertyValues("dualwrite.config=" + config).run(context -> {
            DualWriteHealthIndicator health = context.getBean(DualWriteHealthIndicator.class);
            Health before = health.health();
            assertEquals(Status.UP, before.getStatus());
            Map<String, Object> ds = (Map<String, Object>) ((Map<String, Object>) before.getDetails()
                    .get("dataSources")).get("dataSource");
            assertEquals("not connected yet", ds.get("database"));
            assertEquals(Map.of("people.full_name", "mirror"), ds.get("windows"));

            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute("CREATE TABLE people (id INT, full_name VARCHAR(50), display_name VARCHAR(50))");
            try {
                jdbc.update("UPDATE people SET display_name = RANDOM_UUID()");
                throw new AssertionError("a value that changes on each evaluation cannot be written twice");
            } catch (org.springframework.dao.DataAccessException expected) {
                // rejected by dualwrite: the application sees it; the instance stays healthy
            }
            Health afterRejection = health.health();
            assertEquals(Status.UP, afterRejection.getStatus());
            ds = (Map<String, Object>) ((Map<String, Object>) afterRejection.getDetails().get("dataSources"))
                    .get("dataSource");
            assertEquals("h2", ds.get("database"));
            assertEquals(1L, ds.get("rejected"));

            Files.writeString(config, good.replace("phase: mirror", "phase: mirorr"), StandardCharsets.UTF_8);
            DualWrite.reloadConfiguration(config);
            Health broken = health.health();
            assertEquals(Status.DOWN, broken.getStatus());
            ds = (Map<String, Object>) ((Map<String, Object>) broken.getDetails().get("dataSources"))
                    .get("dataSource");
            assertTrue(String.valueOf(ds.get("problem")).contains("mirorr"), String.valueOf(ds.get("problem")));
            assertEquals(Map.of("people.full_name", "mirror"), ds.get("windows"), "the last good version stays");

            Files.writeString(config, good.replace("phase: mirror", "phase: read-new"), StandardCharsets.UTF_8);
            DualWrite.reloadConfiguration(config);
            Health fixed = health.health();
            assertEquals(Status.UP, fixed.getStatus());
            ds = (Map<String, Object>) ((Map<String, Object>) fixed.getDetails().get("dataSources"))
                    .get("dataSource");
            assertEquals(Map.of("people.full_name", "read-new"), ds.get("windows"));
        });
    }

    @Test
    void theContributorCanBeSwitchedOff() throws Exception {
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows: []\n", StandardCharsets.UTF_8);
        runner.withPropertyValues("dualwrite.config=" + config, "management.health.dualwrite.enabled=false")
                .run(context -> assertEquals(0, context.getBeanNamesForType(DualWriteHealthIndicator.class).length));
    }
}
