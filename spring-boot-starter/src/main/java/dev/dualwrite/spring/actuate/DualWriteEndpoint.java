package dev.dualwrite.spring.actuate;

import dev.dualwrite.spring.DualWriteDataSources;
import dev.dualwrite.spring.DualWriteProperties;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/dualwrite}: per data source, the windows in force with their phases, how often each name was
 * used and when last, and what the rewrite engine did. Read-only; it opens no connection.
 */
@Endpoint(id = "dualwrite")
public class DualWriteEndpoint {
    private final DualWriteDataSources dataSources;
    private final DualWriteProperties properties;

    public DualWriteEndpoint(DualWriteDataSources dataSources, DualWriteProperties properties) {
        this.dataSources = dataSources;
        this.properties = properties;
    }

    @ReadOperation
    public DualWriteReport report() {
        return DualWriteReport.of(dataSources.byBeanName(), properties);
    }
}
