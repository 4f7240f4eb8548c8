package dev.dualwrite.spring.actuate;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.control.ControlStatus;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.jdbc.DualWriteDataSource;
import dev.dualwrite.spring.DualWriteDataSources;
import dev.dualwrite.spring.DualWriteProperties;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The {@code dualwrite} health contributor.
 *
 * <p>DOWN only when the configuration is broken: the file's latest content cannot be read or is invalid. The
 * instance then keeps applying the previous version while the operator believes the fleet moved on, which is how two
 * non-adjacent phases end up running at once; and a restart would not come back (a broken file fails the start).
 * Everything else is informative and keeps the contributor UP: rejected statements (they fail in the application,
 * which sees an error naming the window, and every instance on the same file rejects the same statement, so taking
 * this one out of service helps nobody), no connection yet, the control-table settings. A failure of this check
 * itself is UNKNOWN, never DOWN. It opens no connection and reads only counters.
 */
public class DualWriteHealthIndicator implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(DualWriteHealthIndicator.class);

    private final DualWriteDataSources dataSources;
    private final DualWriteProperties properties;

    public DualWriteHealthIndicator(DualWriteDataSources dataSources, DualWriteProperties properties) {
        this.dataSources = dataSources;
        this.properties = properties;
    }

    @Override
    public Health health() {
        try {
            return check();
        } catch (RuntimeException e) {
            log.debug("the dualwrite health check failed", e);
            return Health.unknown().withDetail("error", String.valueOf(e)).build();
        }
    }

    private Health check() {
        boolean broken = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, DualWriteDataSource> e : dataSources.byBeanName().entrySet()) {
            ConfigSource source = e.getValue().configSource();
            Configuration config = source.current();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("configuration", source.toString());
            d.put("version", config.version());
            String problem = DualWriteReport.problem(source);
            if (problem != null) {
                broken = true;
                d.put("problem", problem);
            }
            Map<String, String> windows = new LinkedHashMap<>();
            for (Window w : config.windows()) {
                windows.put(WindowReport.name(w), w instanceof RenameWindow r ? r.phase().configName() : "drop");
            }
            d.put("windows", windows);
            Optional<RewriteEngine> engine = e.getValue().engine();
            d.put("database", engine.map(x -> x.dialect().name().toLowerCase(Locale.ROOT))
                    .orElse("not connected yet"));
            engine.ifPresent(x -> d.put("rejected", x.statistics().rejected()));
            details.put(e.getKey(), d);
        }
        Health.Builder b = new Health.Builder(broken ? Status.DOWN : Status.UP).withDetail("dataSources", details);
        for (DualWriteDataSource ds : dataSources.byBeanName().values()) {
            if (ds.configSource() instanceof ControlConfigSource control) {
                // Informational only: the control database failing never makes the application unhealthy.
                ControlStatus st = control.status();
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("reachable", st.reachable());
                c.put("instance", st.instanceId());
                c.put("fleetVersion", st.fleetVersion());
                if (st.problem() != null) {
                    c.put("problem", st.problem());
                }
                b.withDetail("control", c);
                break;
            }
        }
        return b.build();
    }
}
