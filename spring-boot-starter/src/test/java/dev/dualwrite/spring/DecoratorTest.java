package dev.dualwrite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.gavlyukovskiy.boot.jdbc.decorator.DataSourceDecoratorAutoConfiguration;
import com.github.gavlyukovskiy.boot.jdbc.decorator.DecoratedDataSource;
import com.zaxxer.hikari.HikariDataSource;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.jdbc.DualWriteDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * dualwrite beside datasource-proxy's decorator (spring-boot-data-source-decorator): dualwrite wraps the pool first,
 * the decorator wraps dualwrite, so the decorator's listeners see the statements the application wrote while the
 * database receives the rewritten ones.
 */
class DecoratorTest {
    @TempDir
    Path dir;

    /** What datasource-proxy's listeners are told was executed. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Configuration(proxyBeanMethods = false)
    static class Listener {
        @Bean
        QueryExecutionListener recordingListener() {
            return new QueryExecutionListener() {
                @Override
                public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                }

                @Override
                public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                    queryInfoList.forEach(q -> SEEN.add(q.getQuery()));
                }
            };
        }
    }

    @Test
    void theDecoratorWrapsDualwriteAndSeesTheApplicationsStatements() throws Exception {
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n", StandardCharsets.UTF_8);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, DualWriteAutoConfiguration.class,
                        DataSourceDecoratorAutoConfiguration.class))
                .withUserConfiguration(Listener.class)
                .withPropertyValues("spring.datasource.url=" + TestDatabases.newH2Url(),
                        "spring.datasource.username=sa", "dualwrite.config=" + config)
                .run(context -> {
                    DataSource bean = context.getBean(DataSource.class);
                    DecoratedDataSource decorated = assertInstanceOf(DecoratedDataSource.class, bean,
                            "the decorator is the outer wrapper");
                    DualWriteDataSource dualwrite = assertInstanceOf(DualWriteDataSource.class,
                            decorated.getRealDataSource(), "what the decorator wrapped is dualwrite's");
                    assertInstanceOf(HikariDataSource.class, dualwrite.target(), "dualwrite wraps the pool");
                    assertSame(dualwrite, bean.unwrap(DualWriteDataSource.class));
                    assertEquals(Map.of("dataSource", dualwrite),
                            context.getBean(DualWriteDataSources.class).byBeanName(), "found inside the decorator");

                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    jdbc.execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(50),"
                            + " display_name VARCHAR(50))");
                    SEEN.clear();
                    String insert = "INSERT INTO people (id, full_name) VALUES (?, ?)";
                    jdbc.update(insert, 1, "Ann");
                    String select = "SELECT display_name FROM people WHERE id = ?";
                    assertEquals("Ann", jdbc.queryForObject(select, String.class, 1));
                    assertEquals(List.of(insert, select), SEEN, "the decorator saw the application's SQL");
                    try (var raw = dualwrite.target().getConnection(); var s = raw.createStatement();
                            var rs = s.executeQuery("SELECT full_name, display_name FROM people")) {
                        assertTrue(rs.next());
                        assertEquals("Ann", rs.getString(1));
                        assertEquals("Ann", rs.getString(2), "mirror wrote both columns underneath");
                    }
                });
    }
}
