package dev.dualwrite.spring.actuate;

import dev.dualwrite.spring.DualWriteAutoConfiguration;
import dev.dualwrite.spring.DualWriteDataSources;
import dev.dualwrite.spring.DualWriteProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code dualwrite} Actuator endpoint and health contributor, when Actuator is on the class path. The endpoint is
 * exposed over HTTP like any other: {@code management.endpoints.web.exposure.include=dualwrite}.
 */
@AutoConfiguration(after = DualWriteAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(DualWriteDataSources.class)
public class DualWriteActuatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    DualWriteEndpoint dualWriteEndpoint(DualWriteDataSources dataSources, DualWriteProperties properties) {
        return new DualWriteEndpoint(dataSources, properties);
    }

    /** The bean name gives the contributor its name, {@code dualwrite}. */
    @Bean
    @ConditionalOnMissingBean(name = "dualwriteHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("dualwrite")
    DualWriteHealthIndicator dualwriteHealthIndicator(DualWriteDataSources dataSources,
            DualWriteProperties properties) {
        return new DualWriteHealthIndicator(dataSources, properties);
    }
}
