package dev.dualwrite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.spring.actuate.DualWriteMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.jdbc.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The meters: their names and tags, their values, and how they follow configuration changes. */
@ExtendWith(OutputCaptureExtension.class)
class MetricsTest {
    private static final String RENAME = "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
            + "    phase: %s\n";
    private static final String DROP = "  - table: people\n    drop: phone_number\n";

    @TempDir
    Path dir;

    @Test
    void metersFollowTheEngineAndTheConfiguration(CapturedOutput output) throws Exception {
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, RENAME.formatted("mirror"), StandardCharsets.UTF_8);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, DualWriteAutoConfiguration.class,
                        MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, DualWriteMetricsAutoConfiguration.class,
                        DataSourcePoolMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + TestDatabases.newH2Url(),
                        "spring.datasource.username=sa", "dualwrite.config=" + config)
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertEquals(0.0, counter(registry, "dualwrite.rewritten"), "no connection yet: zero, not NaN");
                    assertEquals(1.0, phase(registry, "people.full_name"), "mirror");
                    assertEquals(1.0, registry.get("dualwrite.configuration.version").gauge().value());

                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    jdbc.execute("CREATE TABLE people (id INT, full_name VARCHAR(50), display_name VARCHAR(50),"
                            + " phone_number VARCHAR(20))");
                    for (int i = 0; i < 3; i++) {
                        jdbc.update("INSERT INTO people (id, full_name) VALUES (?, ?)", i, "P" + i);
                    }
                    jdbc.queryForList("SELECT display_name FROM people", String.class);
                    try {
                        jdbc.update("UPDATE people SET display_name = RANDOM_UUID()");
                    } catch (RuntimeException expected) {
                        // counted below
                    }
                    assertEquals(3.0, statements(registry, "people.full_name", "old"));
                    assertEquals(1.0, statements(registry, "people.full_name", "new"));
                    assertEquals(4.0, counter(registry, "dualwrite.rewritten"), "3 INSERTs and a SELECT");
                    assertEquals(1.0, counter(registry, "dualwrite.rejected"));
                    assertEquals(0.0, counter(registry, "dualwrite.unsupported.passed"));
                    assertEquals(2.0, registry.get("dualwrite.plan.cache").tag("cache", "statement")
                            .tag("result", "hit").functionCounter().count(), "the second and third INSERT");
                    assertEquals(4.0, registry.get("dualwrite.plan.cache").tag("cache", "statement")
                            .tag("result", "miss").functionCounter().count(),
                            "CREATE TABLE (it names the table), the first INSERT, the SELECT and the UPDATE");

                    // Spring Boot's own pool meters still find the pool inside the wrapper.
                    assertEquals(10.0, registry.get("hikaricp.connections.max").gauge().value());
                    assertEquals(10.0, registry.get("jdbc.connections.max").tag("name", "dataSource").gauge().value());

                    // A drop window appears: it gets its old-name counter, and no new-name counter or phase gauge.
                    Files.writeString(config, RENAME.formatted("read-new") + DROP, StandardCharsets.UTF_8);
                    DualWrite.reloadConfiguration(config);
                    assertEquals(2.0, phase(registry, "people.full_name"), "read-new");
                    jdbc.update("UPDATE people SET phone_number = '1' WHERE id = 0");
                    assertEquals(1.0, statements(registry, "people.phone_number", "old"));
                    assertNull(registry.find("dualwrite.statements").tag("window", "people.phone_number")
                            .tag("name", "new").functionCounter());
                    assertNull(registry.find("dualwrite.window.phase").tag("window", "people.phone_number").gauge());
                    assertEquals(3.0, statements(registry, "people.full_name", "old"), "counts survive the change");

                    // The rename window ends: its phase is no longer known, its counters stay.
                    Files.writeString(config, "windows:\n" + DROP, StandardCharsets.UTF_8);
                    DualWrite.reloadConfiguration(config);
                    assertTrue(Double.isNaN(phase(registry, "people.full_name")));
                    assertEquals(3.0, statements(registry, "people.full_name", "old"));
                    assertEquals(3.0, registry.get("dualwrite.configuration.version").gauge().value());
                });
        assertFalse(output.getAll().contains("already registered"), "no meter is registered twice");
    }

    private static double counter(MeterRegistry r, String name) {
        return r.get(name).tag("datasource", "dataSource").functionCounter().count();
    }

    private static double statements(MeterRegistry r, String window, String name) {
        return r.get("dualwrite.statements").tag("window", window).tag("name", name).functionCounter().count();
    }

    private static double phase(MeterRegistry r, String window) {
        return r.get("dualwrite.window.phase").tag("window", window).gauge().value();
    }
}
