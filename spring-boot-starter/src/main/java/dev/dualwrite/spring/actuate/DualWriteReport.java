package dev.dualwrite.spring.actuate;

import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.FileConfigSource;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.rewrite.UsageCounters;
import dev.dualwrite.jdbc.DualWriteDataSource;
import dev.dualwrite.spring.DualWriteProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code GET /actuator/dualwrite} answers.
 *
 * @param dataSources every data source that goes through dualwrite, by bean name
 * @param control     the control-table settings ({@code dualwrite.control.*})
 */
public record DualWriteReport(Map<String, DataSourceReport> dataSources, ControlReport control) {

    /**
     * One data source.
     *
     * @param configuration where its windows come from (the path of dualwrite.yaml)
     * @param version       the configuration version in force; it grows with every change applied
     * @param problem       why the file's latest content was not applied (the previous version stays in force), or
     *                      null
     * @param database      the dialect dualwrite rewrites for ({@code postgresql}, {@code mysql}, {@code h2}), or
     *                      null before the first connection
     * @param windows       the windows in force, with their phases and usage
     * @param statements    what the rewrite engine did (all zero before the first connection)
     */
    public record DataSourceReport(String configuration, long version, String problem, String database,
            List<WindowReport> windows, RewriteEngine.Statistics statements) {
    }

    /**
     * The control-table settings. {@code inEffect} is false in this version: the instance follows dualwrite.yaml.
     *
     * @param enabled     {@code dualwrite.control.enabled}
     * @param inEffect    whether the instance follows the control tables now
     * @param poll        {@code dualwrite.control.poll}, ISO-8601
     * @param url         {@code dualwrite.control.url} with any password masked, or null
     * @param user        {@code dualwrite.control.user}, or null
     * @param passwordEnv {@code dualwrite.control.password-env} (the variable's name, never its value), or null
     */
    public record ControlReport(boolean enabled, boolean inEffect, String poll, String url, String user,
            String passwordEnv) {
        private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

        static ControlReport of(DualWriteProperties.Control c) {
            String url = c.getUrl() == null ? null : PASSWORD.matcher(c.getUrl()).replaceAll("$1******");
            return new ControlReport(c.isEnabled(), c.isConfigured(), c.getPoll().toString(), url, c.getUser(),
                    c.getPasswordEnv());
        }
    }

    private static final RewriteEngine.CacheCounts NO_CACHE = new RewriteEngine.CacheCounts(0, 0, 0);
    private static final RewriteEngine.Statistics NOTHING_YET = new RewriteEngine.Statistics(0, 0, 0, NO_CACHE,
            NO_CACHE);

    static DualWriteReport of(Map<String, DualWriteDataSource> dataSources, DualWriteProperties properties) {
        Map<String, DataSourceReport> out = new LinkedHashMap<>();
        dataSources.forEach((name, ds) -> out.put(name, dataSource(ds)));
        return new DualWriteReport(out, ControlReport.of(properties.getControl()));
    }

    static DataSourceReport dataSource(DualWriteDataSource ds) {
        ConfigSource source = ds.configSource();
        Configuration config = source.current();
        Optional<RewriteEngine> engine = ds.engine();
        Map<String, UsageCounters.Snapshot> usage = new HashMap<>();
        engine.ifPresent(e -> e.usage().forEach(u -> usage.put(u.window(), u)));
        List<WindowReport> windows = new ArrayList<>();
        for (Window w : config.windows()) {
            windows.add(WindowReport.of(w, usage.get(w.key())));
        }
        return new DataSourceReport(source.toString(), config.version(), problem(source),
                engine.map(e -> e.dialect().name().toLowerCase(Locale.ROOT)).orElse(null),
                List.copyOf(windows), engine.map(RewriteEngine::statistics).orElse(NOTHING_YET));
    }

    /** Why the source's latest content is not in force, or null. */
    static String problem(ConfigSource source) {
        return source instanceof FileConfigSource f ? f.lastProblem() : null;
    }
}
