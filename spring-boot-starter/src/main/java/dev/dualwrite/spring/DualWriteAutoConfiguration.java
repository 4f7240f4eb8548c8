package dev.dualwrite.spring;

import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.jdbc.DualWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Wraps every DataSource bean with dualwrite when a configuration is named (see
 * {@link OnDualWriteConfiguredCondition}); an application without one is left untouched.
 */
@AutoConfiguration
@ConditionalOnClass(DualWrite.class)
@Conditional(OnDualWriteConfiguredCondition.class)
@EnableConfigurationProperties(DualWriteProperties.class)
public class DualWriteAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DualWriteAutoConfiguration.class);

    /**
     * Static, and bound straight from the environment rather than injected, because a post-processor is created
     * before the ordinary beans: depending on them would keep those from being post-processed themselves.
     */
    @Bean
    static DualWriteDataSourcePostProcessor dualWriteDataSourcePostProcessor(Environment environment) {
        DualWriteProperties properties = Binder.get(environment)
                .bindOrCreate(DualWriteProperties.PREFIX, DualWriteProperties.class);
        if (properties.getConfig() == null) {
            throw new DualWriteStartupException("dualwrite.enabled is true, but no dualwrite configuration file is"
                    + " named.", "Set dualwrite.config (or the environment variable DUALWRITE_CONFIG) to the path of"
                    + " dualwrite.yaml, or remove dualwrite.enabled=true to start without dualwrite.", null);
        }
        ControlSettings control = null;
        if (properties.getControl().isConfigured()) {
            try {
                control = properties.getControl().toSettings();
            } catch (IllegalArgumentException e) {
                throw new DualWriteStartupException("dualwrite.control is not valid: " + e.getMessage(),
                        "Fix the dualwrite.control.* properties, or remove them to follow " + properties.getConfig()
                        + " alone.", e);
            }
            log.info("dualwrite follows the control tables ({}) with the settings of dualwrite.control.*", control);
        }
        return new DualWriteDataSourcePostProcessor(properties.getConfig(), control,
                environment.getProperty("spring.application.name"));
    }

    @Bean
    DualWriteDataSources dualWriteDataSources(ListableBeanFactory beanFactory) {
        return new DualWriteDataSources(beanFactory);
    }
}
