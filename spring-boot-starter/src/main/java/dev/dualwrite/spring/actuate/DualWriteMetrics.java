package dev.dualwrite.spring.actuate;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.rewrite.UsageCounters;
import dev.dualwrite.jdbc.DualWriteDataSource;
import dev.dualwrite.spring.DualWriteDataSources;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dualwrite's meters, for every data source that goes through it (tag {@code datasource}, the bean name):
 * <ul>
 *   <li>{@code dualwrite.statements} (tags {@code window}, {@code name=old|new}): executions that used the window's
 *       old or new name;</li>
 *   <li>{@code dualwrite.window.phase} (tag {@code window}): 0 old-only, 1 mirror, 2 read-new, 3 new-only;</li>
 *   <li>{@code dualwrite.rewritten}, {@code dualwrite.rejected}, {@code dualwrite.unsupported.passed}: statements
 *       planned in rewritten form, refused, and let through unchanged under {@code on-unsupported: pass};</li>
 *   <li>{@code dualwrite.plan.cache} (tags {@code cache=statement|shape}, {@code result=hit|miss}) and
 *       {@code dualwrite.plan.cache.evictions} (tag {@code cache});</li>
 *   <li>{@code dualwrite.configuration.version};</li>
 *   <li>with the control tables: {@code dualwrite.control.reachable} (1 when the last poll worked) and
 *       {@code dualwrite.control.fleet.version} (the fleet's version applied, -1 before the first read).</li>
 * </ul>
 * Every meter reads counters the rewrite engine keeps anyway, when the registry asks: nothing is added to the
 * statement path. A window added by a configuration change gets its meters when the change is applied. A meter
 * never throws: a failure to read gives NaN and a debug line.
 */
public class DualWriteMetrics implements MeterBinder, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DualWriteMetrics.class);

    private final DualWriteDataSources dataSources;
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();

    public DualWriteMetrics(DualWriteDataSources dataSources) {
        this.dataSources = dataSources;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        dataSources.byBeanName().forEach((name, ds) -> bind(registry, name, ds));
    }

    private void bind(MeterRegistry registry, String beanName, DualWriteDataSource ds) {
        Tags tags = Tags.of("datasource", beanName);
        counter(registry, "dualwrite.rewritten", "Statements planned in rewritten form (once per prepare, once per"
                + " plain execution)", tags, ds, RewriteEngine.Statistics::rewritten);
        counter(registry, "dualwrite.rejected", "Statements refused because they cannot be rewritten with certainty",
                tags, ds, RewriteEngine.Statistics::rejected);
        counter(registry, "dualwrite.unsupported.passed", "Statements that could not be rewritten with certainty"
                + " and were sent unchanged (on-unsupported: pass)", tags, ds,
                RewriteEngine.Statistics::passedUnsupported);
        String cacheHelp = "Lookups of the rewrite plan caches (statement: by text; shape: by text without literals)";
        counter(registry, "dualwrite.plan.cache", cacheHelp, tags.and("cache", "statement", "result", "hit"), ds,
                s -> s.planCache().hits());
        counter(registry, "dualwrite.plan.cache", cacheHelp, tags.and("cache", "statement", "result", "miss"), ds,
                s -> s.planCache().misses());
        counter(registry, "dualwrite.plan.cache", cacheHelp, tags.and("cache", "shape", "result", "hit"), ds,
                s -> s.shapeCache().hits());
        counter(registry, "dualwrite.plan.cache", cacheHelp, tags.and("cache", "shape", "result", "miss"), ds,
                s -> s.shapeCache().misses());
        String evictionHelp = "Plans evicted from the rewrite plan caches to make room";
        counter(registry, "dualwrite.plan.cache.evictions", evictionHelp, tags.and("cache", "statement"), ds,
                s -> s.planCache().evictions());
        counter(registry, "dualwrite.plan.cache.evictions", evictionHelp, tags.and("cache", "shape"), ds,
                s -> s.shapeCache().evictions());
        Gauge.builder("dualwrite.configuration.version", ds, d -> safely(() -> d.configSource().current().version()))
                .description("Version of the dualwrite configuration in force").tags(tags).register(registry);
        if (ds.configSource() instanceof ControlConfigSource control) {
            Gauge.builder("dualwrite.control.reachable", control, c -> c.status().reachable() ? 1 : 0)
                    .description("Whether the last poll read and wrote the control tables").tags(tags)
                    .register(registry);
            Gauge.builder("dualwrite.control.fleet.version", control, c -> {
                Long v = c.status().fleetVersion();
                return v == null ? -1 : v;
            }).description("The fleet's configuration version applied (-1: the file's windows)").tags(tags)
                    .register(registry);
        }

        Set<String> registered = ConcurrentHashMap.newKeySet();
        registerWindows(registry, tags, ds, ds.configSource().current(), registered);
        subscriptions.add(ds.configSource().subscribe(c -> registerWindows(registry, tags, ds, c, registered)));
    }

    /**
     * Meters for the windows of {@code config} that have none yet. A window keeps its meters across phase changes
     * (its key does not name the phase); registering them again would only make Micrometer warn.
     */
    private static void registerWindows(MeterRegistry registry, Tags tags, DualWriteDataSource ds,
            Configuration config, Set<String> registered) {
        for (Window w : config.windows()) {
            String key = w.key();
            if (!registered.add(key)) {
                continue;
            }
            Tags windowTags = tags.and("window", WindowReport.name(w));
            String help = "Statement executions that used the window's old or new column name";
            FunctionCounter.builder("dualwrite.statements", ds, d -> safely(() -> usage(d, key, true)))
                    .description(help).tags(windowTags.and("name", "old")).register(registry);
            if (w instanceof RenameWindow) {
                FunctionCounter.builder("dualwrite.statements", ds, d -> safely(() -> usage(d, key, false)))
                        .description(help).tags(windowTags.and("name", "new")).register(registry);
                Gauge.builder("dualwrite.window.phase", ds, d -> safely(() -> phase(d, key)))
                        .description("Phase of the rename window: 0 old-only, 1 mirror, 2 read-new, 3 new-only")
                        .tags(windowTags).register(registry);
            }
        }
    }

    private static void counter(MeterRegistry registry, String name, String help, Tags tags, DualWriteDataSource ds,
            ToDoubleFunction<RewriteEngine.Statistics> value) {
        FunctionCounter.builder(name, ds, d -> safely(() -> d.engine()
                        .map(e -> value.applyAsDouble(e.statistics())).orElse(0.0)))
                .description(help).tags(tags).register(registry);
    }

    private static double usage(DualWriteDataSource ds, String key, boolean oldName) {
        RewriteEngine engine = ds.engine().orElse(null);
        if (engine == null) {
            return 0;
        }
        for (UsageCounters.Snapshot s : engine.usage()) {
            if (s.window().equals(key)) {
                return oldName ? s.oldNameStatements() : s.newNameStatements();
            }
        }
        return 0;
    }

    /** The window's phase number now, or NaN when the window is no longer configured. */
    private static double phase(DualWriteDataSource ds, String key) {
        for (Window w : ds.configSource().current().windows()) {
            if (w instanceof RenameWindow r && w.key().equals(key)) {
                return WindowReport.phaseNumber(r.phase());
            }
        }
        return Double.NaN;
    }

    private interface Reading {
        double read();
    }

    private static double safely(Reading r) {
        try {
            return r.read();
        } catch (RuntimeException e) {
            log.debug("reading a dualwrite meter failed", e);
            return Double.NaN;
        }
    }

    /** Stops following configuration changes. */
    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                log.debug("closing a configuration subscription failed", e);
            }
        }
        subscriptions.clear();
    }
}
