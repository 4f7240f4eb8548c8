package dev.dualwrite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.jdbc.DualWriteDataSource;
import dev.dualwrite.spring.actuate.DualWriteActuatorAutoConfiguration;
import dev.dualwrite.spring.actuate.DualWriteEndpoint;
import dev.dualwrite.spring.actuate.DualWriteHealthIndicator;
import dev.dualwrite.spring.actuate.DualWriteMetrics;
import dev.dualwrite.spring.actuate.DualWriteMetricsAutoConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the auto-configuration does to an application's data sources, and what it refuses to start with. */
@ExtendWith(OutputCaptureExtension.class)
class AutoConfigurationTest {
    private static final String MIRROR = """
            windows:
              - table: people
                from: full_name
                to: display_name
                phase: mirror
            """;

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, DualWriteAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                    DualWriteMetricsAutoConfiguration.class, DualWriteActuatorAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + TestDatabases.newH2Url(), "spring.datasource.username=sa");

    @BeforeAll
    static void noConfigurationInTheEnvironment() {
        // The "no configuration" cases mean it: the build must not run with DUALWRITE_CONFIG set.
        assertEquals(null, System.getenv("DUALWRITE_CONFIG"), "DUALWRITE_CONFIG is set in the environment");
        assertEquals(null, System.getProperty("dualwrite.config"));
    }

    private Path config(String yaml) throws IOException {
        Path p = Files.createTempFile(dir, "dualwrite", ".yaml");
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void anApplicationWithoutAConfigurationStartsUntouched(CapturedOutput output) {
        runner.run(context -> {
            assertNull(context.getStartupFailure());
            assertInstanceOf(HikariDataSource.class, context.getBean(DataSource.class));
            for (Class<?> type : List.of(DualWriteDataSourcePostProcessor.class, DualWriteDataSources.class,
                    DualWriteProperties.class, DualWriteMetrics.class, DualWriteEndpoint.class,
                    DualWriteHealthIndicator.class)) {
                assertEquals(0, context.getBeanNamesForType(type).length, type.getSimpleName());
            }
            assertEquals(1, context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class));
        });
        // On the thread that started the application: the watchers of other tests' files log on their own thread.
        List<String> lines = output.getAll().lines().filter(l -> l.contains("dualwrite") && l.contains("[main]"))
                .toList();
        assertEquals(1, lines.size(), "one line says dualwrite is off: " + lines);
        assertTrue(lines.get(0).contains("INFO") && lines.get(0).contains("dualwrite is off"), lines.get(0));
    }

    @Test
    void disabledLeavesTheDataSourceAloneEvenWithAConfiguration() throws IOException {
        Path config = config(MIRROR);
        runner.withPropertyValues("dualwrite.config=" + config, "dualwrite.enabled=false").run(context -> {
            assertInstanceOf(HikariDataSource.class, context.getBean(DataSource.class));
            assertEquals(0, context.getBeanNamesForType(DualWriteDataSourcePostProcessor.class).length);
        });
    }

    @Test
    void theDataSourceBeanIsWrappedAndWhatIsBuiltOnItIsRewritten() throws IOException {
        Path config = config(MIRROR);
        HikariDataSource[] pool = new HikariDataSource[1];
        runner.withPropertyValues("dualwrite.config=" + config).run(context -> {
            pool[0] = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
            assertNull(context.getStartupFailure());
            DataSource ds = context.getBean(DataSource.class);
            DualWriteDataSource dw = assertInstanceOf(DualWriteDataSource.class, ds);
            assertInstanceOf(HikariDataSource.class, dw.target());
            assertTrue(ds.isWrapperFor(HikariDataSource.class), "the pool is still reachable through unwrap");
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(50), display_name VARCHAR(50))");
            jdbc.update("INSERT INTO people (id, full_name) VALUES (?, ?)", 1, "Ann");
            // Read past dualwrite: mirror wrote both columns although the statement named one.
            try (var raw = dw.target().getConnection(); var s = raw.createStatement();
                    var rs = s.executeQuery("SELECT full_name, display_name FROM people")) {
                assertTrue(rs.next());
                assertEquals("Ann", rs.getString(1));
                assertEquals("Ann", rs.getString(2));
            }
            assertEquals(Map.of("dataSource", dw), context.getBean(DualWriteDataSources.class).byBeanName());
            assertEquals(1, context.getBeanNamesForType(DualWriteMetrics.class).length);
            assertEquals(1, context.getBeanNamesForType(DualWriteHealthIndicator.class).length);
            assertFalse(pool[0].isClosed());
        });
        assertTrue(pool[0].isClosed(), "the pool is still closed with the context, although the bean is the wrapper");
    }

    @Configuration(proxyBeanMethods = false)
    static class Routing {
        @Bean
        DataSource primary() {
            return TwoDataSources.h2();
        }

        @Bean
        DataSource replica() {
            return TwoDataSources.h2();
        }

        @Bean
        @org.springframework.context.annotation.Primary
        DataSource router(@Qualifier("primary") DataSource primary, @Qualifier("replica") DataSource replica) {
            var router = new org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource() {
                @Override
                protected Object determineCurrentLookupKey() {
                    return "primary";
                }
            };
            router.setTargetDataSources(Map.of("primary", primary, "replica", replica));
            return router;
        }
    }

    @Test
    void aRoutingDataSourceOverWrappedTargetsIsLeftAloneAndServesTheirConnections() throws IOException {
        Path config = config(MIRROR);
        runner.withUserConfiguration(Routing.class).withPropertyValues("dualwrite.config=" + config)
                .run(context -> {
                    DataSource router = context.getBean("router", DataSource.class);
                    DualWriteDataSource primary = assertInstanceOf(DualWriteDataSource.class,
                            context.getBean("primary"));
                    assertInstanceOf(DualWriteDataSource.class, context.getBean("replica"));
                    assertFalse(router instanceof DualWriteDataSource, "its target is dualwrite's already");
                    try (var c = router.getConnection()) {
                        assertTrue(c.isWrapperFor(dev.dualwrite.jdbc.DualWriteConnection.class));
                        assertEquals("SELECT full_name AS display_name FROM people",
                                c.nativeSQL("SELECT display_name FROM people"));
                    }
                    assertTrue(primary.engine().isPresent(), "the target's dualwrite served the connection");
                    assertEquals(List.of("primary", "replica"), List.copyOf(
                            context.getBean(DualWriteDataSources.class).byBeanName().keySet()), "each once");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        DataSource first() {
            return h2();
        }

        @Bean
        DataSource handWrapped() throws Exception {
            return DualWrite.wrap(h2(), Path.of(System.getProperty("test.dualwrite.config")));
        }

        static JdbcDataSource h2() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(TestDatabases.newH2Url());
            ds.setUser("sa");
            return ds;
        }
    }

    @Test
    void everyDataSourceBeanIsWrappedOnceAndAHandWrappedOneIsLeftAsItIs() throws IOException {
        Path config = config(MIRROR);
        System.setProperty("test.dualwrite.config", config.toString());
        try {
            runner.withUserConfiguration(TwoDataSources.class).withPropertyValues("dualwrite.config=" + config)
                    .run(context -> {
                        DualWriteDataSource first = assertInstanceOf(DualWriteDataSource.class,
                                context.getBean("first"));
                        assertInstanceOf(JdbcDataSource.class, first.target());
                        DualWriteDataSource hand = assertInstanceOf(DualWriteDataSource.class,
                                context.getBean("handWrapped"));
                        assertInstanceOf(JdbcDataSource.class, hand.target(), "not wrapped a second time");
                        assertEquals(List.of("first", "handWrapped"), List.copyOf(
                                context.getBean(DualWriteDataSources.class).byBeanName().keySet()));
                    });
        } finally {
            System.clearProperty("test.dualwrite.config");
        }
    }

    @Test
    void enabledWithoutAConfigurationFailsTheStartWithWhatToDo() {
        runner.withPropertyValues("dualwrite.enabled=true").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure, "must not start without dualwrite when told to use it");
            DualWriteStartupException e = rootOfType(failure, DualWriteStartupException.class);
            assertTrue(e.getMessage().contains("no dualwrite configuration file is named"), e.getMessage());
            FailureAnalysis analysis = new DualWriteFailureAnalyzer().analyze(failure);
            assertNotNull(analysis);
            assertTrue(analysis.getAction().contains("dualwrite.config"), analysis.getAction());
        });
    }

    @Test
    void aBrokenConfigurationFailsTheStartNamingTheLine() throws IOException {
        Path config = config("windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phsae: mirror\n");
        runner.withPropertyValues("dualwrite.config=" + config).run(context -> {
            DualWriteStartupException e = rootOfType(context.getStartupFailure(), DualWriteStartupException.class);
            assertTrue(e.getMessage().contains("'dataSource'"), e.getMessage());
            assertTrue(e.getMessage().contains(":5: unknown key 'phsae'"), e.getMessage());
            assertTrue(e.action().contains("dualwrite.enabled=false"), e.action());
        });
    }

    @Test
    void aMissingConfigurationFileFailsTheStartNamingThePath() {
        Path missing = dir.resolve("nowhere.yaml");
        runner.withPropertyValues("dualwrite.config=" + missing).run(context -> {
            DualWriteStartupException e = rootOfType(context.getStartupFailure(), DualWriteStartupException.class);
            assertTrue(e.getMessage().contains("nowhere.yaml") && e.getMessage().contains("cannot read"),
                    e.getMessage());
        });
    }

    @Test
    void theControlSettingsAreBoundCheckedAndInEffect(CapturedOutput output) throws IOException {
        Path config = config(MIRROR);
        runner.withPropertyValues("dualwrite.config=" + config, "dualwrite.control.enabled=true",
                "dualwrite.control.poll=5s", "dualwrite.control.url=jdbc:postgresql://db/app?password=secret",
                "dualwrite.control.user=dualwrite", "dualwrite.control.password-env=DW_PASSWORD",
                "management.endpoints.web.exposure.include=dualwrite").run(context -> {
                    DualWriteProperties.Control c = context.getBean(DualWriteProperties.class).getControl();
                    assertTrue(c.isEnabled());
                    assertEquals(Duration.ofSeconds(5), c.getPoll());
                    assertEquals("dualwrite", c.getUser());
                    assertEquals("DW_PASSWORD", c.getPasswordEnv());
                    var report = context.getBean(DualWriteEndpoint.class).report().control();
                    assertTrue(report.inEffect());
                    assertEquals("jdbc:postgresql://db/app?password=******", report.url());
                    DualWriteDataSource ds = context.getBean(DualWriteDataSources.class).byBeanName().values()
                            .iterator().next();
                    var source = (dev.dualwrite.control.ControlConfigSource) ds.configSource();
                    assertEquals(5000, source.settings().pollMillis());
                    assertEquals("jdbc:postgresql://db/app?password=secret", source.settings().url());
                });
        assertTrue(output.getAll().contains("follows the control tables"), "says so at start");
        assertFalse(output.getAll().contains("secret"), "never prints the URL's password");
        runner.withPropertyValues("dualwrite.config=" + config, "dualwrite.control.poll=0s").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure);
            String all = messages(failure);
            assertTrue(all.contains("dualwrite.control.poll must be a positive duration"), all);
        });
    }

    @Test
    void theConfigurationMetadataDescribesEveryProperty() throws IOException {
        String metadata;
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "the configuration processor ran");
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : List.of("dualwrite.enabled", "dualwrite.config", "dualwrite.control.enabled",
                "dualwrite.control.poll", "dualwrite.control.url", "dualwrite.control.user",
                "dualwrite.control.password-env", "dualwrite.control.schema", "management.health.dualwrite.enabled")) {
            int at = metadata.indexOf("\"name\": \"" + name + "\"");
            assertTrue(at >= 0, name + " is in the metadata");
            int next = metadata.indexOf('}', at);
            assertTrue(metadata.substring(at, next).contains("\"description\""), name + " has a description");
        }
    }

    static void assertNull(Object o) {
        assertSame(null, o, () -> "unexpected: " + o);
    }

    private static <T extends Throwable> T rootOfType(Throwable t, Class<T> type) {
        assertNotNull(t, "the start failed");
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + messages(t), t);
    }

    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
        }
        return b.toString();
    }
}
