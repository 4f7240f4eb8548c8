package dev.dualwrite.spring.actuate;

import dev.dualwrite.spring.DualWriteAutoConfiguration;
import dev.dualwrite.spring.DualWriteDataSources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** dualwrite's meters, when Micrometer is on the class path and the application has a registry. */
@AutoConfiguration(after = DualWriteAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({MeterRegistry.class, DualWriteDataSources.class})
public class DualWriteMetricsAutoConfiguration {
    @Bean
    DualWriteMetrics dualWriteMetrics(DualWriteDataSources dataSources) {
        return new DualWriteMetrics(dataSources);
    }
}
