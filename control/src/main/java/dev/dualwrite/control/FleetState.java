package dev.dualwrite.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the control tables say about the fleet at one moment: the configuration version, the declared windows, every
 * instance that ever wrote a heartbeat and what each reports per window. Read in one pass of four queries (no
 * per-instance query), so reading a fleet of a thousand instances costs four statements.
 */
public final class FleetState {
    /** An instance is live while its last heartbeat is younger than this many of its poll intervals. */
    public static final int LIVE_POLLS = 3;

    /** One row of {@value ControlTables#INSTANCES}. */
    public record Instance(String id, String kind, String host, Long pid, String app, long startedAt, long pollMs,
            Long configVersion, long lastSeen, Long stoppedAt) {

        /** Live: not stopped, and a heartbeat within {@value #LIVE_POLLS} poll intervals of {@code now}. */
        public boolean live(long now) {
            return stoppedAt == null && now - lastSeen <= LIVE_POLLS * Math.max(1, pollMs);
        }

        /** {@code id (kind on host, app)} for messages. */
        public String describe() {
            return id + " (" + kind + (host == null ? "" : " on " + host) + (pid == null ? "" : ", pid " + pid)
                    + (app == null ? "" : ", " + app) + ")";
        }
    }

    /** One row of {@value ControlTables#INSTANCE_WINDOWS}. */
    public record Report(String instanceId, String windowKey, String phaseApplied, long oldNameStatements,
            long newNameStatements, Long oldNameLastUsed, long updatedAt) {
    }

    private final long configVersion;
    private final Map<String, ControlWindow> windows;
    private final Map<String, Instance> instances;
    private final Map<String, Map<String, Report>> reportsByWindow;

    private FleetState(long configVersion, Map<String, ControlWindow> windows, Map<String, Instance> instances,
            Map<String, Map<String, Report>> reportsByWindow) {
        this.configVersion = configVersion;
        this.windows = windows;
        this.instances = instances;
        this.reportsByWindow = reportsByWindow;
    }

    /** Reads the fleet's tables, which must exist (see {@link ControlTables#ensure}). */
    public static FleetState read(Connection c, ControlTables tables) throws SQLException {
        long version = 0;
        Map<String, ControlWindow> windows = new LinkedHashMap<>();
        Map<String, Instance> instances = new LinkedHashMap<>();
        Map<String, Map<String, Report>> reports = new HashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT config_version FROM " + tables.table(ControlTables.FLEET)
                    + " WHERE id = 1")) {
                if (rs.next()) {
                    version = rs.getLong(1);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT window_key, kind, table_schema, table_name, old_column,"
                    + " new_column, drop_default, phase, version, created_at, updated_at FROM "
                    + tables.table(ControlTables.WINDOWS) + " ORDER BY window_key")) {
                while (rs.next()) {
                    ControlWindow w = new ControlWindow(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getLong(9), rs.getLong(10), rs.getLong(11));
                    windows.put(w.key(), w);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT instance_id, kind, host, pid, app, started_at, poll_ms,"
                    + " config_version, last_seen, stopped_at FROM " + tables.table(ControlTables.INSTANCES)
                    + " ORDER BY instance_id")) {
                while (rs.next()) {
                    Instance i = new Instance(rs.getString(1), rs.getString(2), rs.getString(3), longOrNull(rs, 4),
                            rs.getString(5), rs.getLong(6), rs.getLong(7), longOrNull(rs, 8), rs.getLong(9),
                            longOrNull(rs, 10));
                    instances.put(i.id(), i);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT instance_id, window_key, phase_applied, old_name_statements,"
                    + " new_name_statements, old_name_last_used, updated_at FROM "
                    + tables.table(ControlTables.INSTANCE_WINDOWS))) {
                while (rs.next()) {
                    Report r = new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), longOrNull(rs, 6), rs.getLong(7));
                    reports.computeIfAbsent(r.windowKey(), k -> new LinkedHashMap<>()).put(r.instanceId(), r);
                }
            }
        }
        return new FleetState(version, windows, instances, reports);
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public long configVersion() {
        return configVersion;
    }

    /** The declared windows, by key. */
    public Map<String, ControlWindow> windows() {
        return Collections.unmodifiableMap(windows);
    }

    /** Every instance that ever wrote a heartbeat, live or gone, by id. */
    public List<Instance> instances() {
        return new ArrayList<>(instances.values());
    }

    public Instance instance(String id) {
        return instances.get(id);
    }

    /** The instances live at {@code now}. */
    public List<Instance> live(long now) {
        List<Instance> live = new ArrayList<>();
        for (Instance i : instances.values()) {
            if (i.live(now)) {
                live.add(i);
            }
        }
        return live;
    }

    /** What each instance reports for the window, by instance id (instances that never applied it have none). */
    public Map<String, Report> reports(String windowKey) {
        return Collections.unmodifiableMap(reportsByWindow.getOrDefault(windowKey, Map.of()));
    }

    /**
     * The live instances that do not report one of {@code phases} for the window (including those that report
     * nothing for it: they have not read it yet).
     */
    public List<Instance> liveNotApplying(String windowKey, List<String> phases, long now) {
        Map<String, Report> reports = reports(windowKey);
        List<Instance> lagging = new ArrayList<>();
        for (Instance i : live(now)) {
            Report r = reports.get(i.id());
            if (r == null || !phases.contains(r.phaseApplied())) {
                lagging.add(i);
            }
        }
        return lagging;
    }

    /** The report with the latest use of the old name (live or gone instances), or null when none used it. */
    public Report lastOldNameUse(String windowKey) {
        Report last = null;
        for (Report r : reports(windowKey).values()) {
            if (r.oldNameLastUsed() != null && (last == null || r.oldNameLastUsed() > last.oldNameLastUsed())) {
                last = r;
            }
        }
        return last;
    }
}
