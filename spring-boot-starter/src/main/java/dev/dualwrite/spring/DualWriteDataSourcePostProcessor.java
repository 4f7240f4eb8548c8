package dev.dualwrite.spring;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.jdbc.DualWriteDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps every {@link DataSource} bean with {@link DualWrite#wrap(DataSource, Path)}, so that everything built on the
 * bean (JdbcTemplate, JPA/Hibernate, jOOQ, MyBatis, Flyway, Liquibase) reaches the database through dualwrite.
 *
 * <p>Order: before OpenTelemetry's JDBC instrumentation and the data-source decorators of p6spy and datasource-proxy
 * (both post-process at {@code LOWEST_PRECEDENCE - 20}), so that dualwrite is the innermost wrapper, next to the pool,
 * and the others see (and log, and trace) the statements the application wrote rather than their rewritten form,
 * which changes with every phase.
 *
 * <p>Left alone: beans that are dualwrite's already (wrapped by hand, or through a {@code jdbc:dualwrite:} URL seen
 * by {@link DataSource#isWrapperFor}), and the target of a scoped proxy (its proxy is wrapped instead, so that a
 * refreshed target stays wrapped).
 */
public class DualWriteDataSourcePostProcessor implements BeanPostProcessor, Ordered {
    /** Where this post-processor runs among the others; see the class comment. */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;
    private static final Logger log = LoggerFactory.getLogger(DualWriteDataSourcePostProcessor.class);

    private final Path config;
    private final ControlSettings control;
    private final String applicationName;

    /** @param config the dualwrite.yaml every data source follows */
    public DualWriteDataSourcePostProcessor(Path config) {
        this(config, null, null);
    }

    /**
     * @param config          the dualwrite.yaml every data source follows
     * @param control         the control tables' settings from {@code dualwrite.control.*}, or null for the file's
     * @param applicationName {@code spring.application.name}, which names the instance in the control tables
     */
    public DualWriteDataSourcePostProcessor(Path config, ControlSettings control, String applicationName) {
        this.config = config;
        this.control = control;
        this.applicationName = applicationName;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || ScopedProxyUtils.isScopedTarget(beanName)
                || isDualWrite(dataSource)) {
            return bean;
        }
        DualWriteDataSource wrapped;
        try {
            wrapped = (control == null ? DualWrite.wrap(dataSource, config)
                    : DualWrite.wrap(dataSource, config, control)).applicationName(applicationName);
        } catch (SQLException e) {
            throw new DualWriteStartupException("dualwrite cannot wrap the data source '" + beanName + "': "
                    + e.getMessage(), "Fix " + config.toAbsolutePath() + ", or point dualwrite.config at the right"
                    + " file, or set dualwrite.enabled=false to start without dualwrite.", e);
        }
        Configuration c = wrapped.configSource().current();
        log.info("dualwrite wraps the data source '{}' ({}) with {}: configuration version {}, {} window(s)",
                beanName, dataSource.getClass().getSimpleName(), config, c.version(), c.windows().size());
        return wrapped;
    }

    private static boolean isDualWrite(DataSource dataSource) {
        if (dataSource instanceof DualWriteDataSource) {
            return true;
        }
        try {
            return dataSource.isWrapperFor(DualWriteDataSource.class);
        } catch (SQLException | RuntimeException e) {
            // A data source that cannot answer yet (a routing one without its lookup key) is not dualwrite's.
            return false;
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
