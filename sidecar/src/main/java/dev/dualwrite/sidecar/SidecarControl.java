package dev.dualwrite.sidecar;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.control.ControlConnector;
import dev.dualwrite.control.ControlStatus;
import dev.dualwrite.control.Heartbeat;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;

/**
 * The sidecar's link to the control tables. The sidecar relays its clients' authentication and so has no credentials
 * of its own: a {@code control:} block must name a URL, a user and (through an environment variable) a password, for a
 * role that may only touch dualwrite's tables.
 */
public final class SidecarControl {
    private SidecarControl() {
    }

    /**
     * Why {@code source}'s {@code control:} block cannot be used by a sidecar, or null when it can (or there is none).
     */
    public static String problem(ConfigSource source) {
        ControlSettings s = source.current().control();
        if (s == null) {
            return null;
        }
        if (s.url() == null) {
            return "the control: block of " + source + " needs url (and user, password-env): the sidecar relays its"
                    + " clients' credentials and has none of its own to read the control tables with; give it a role"
                    + " that can only read and write dualwrite's tables, e.g. url: jdbc:postgresql://127.0.0.1:5432/app,"
                    + " user: dualwrite, password-env: DUALWRITE_CONTROL_PASSWORD";
        }
        try {
            s.password();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * Starts polling when {@code source} reads the control tables; call {@link #problem} first.
     *
     * @param app the application's name for the control tables, or null
     * @return whether polling started
     */
    public static boolean start(ConfigSource source, String app) {
        if (!(source instanceof ControlConfigSource control)) {
            return false;
        }
        ControlSettings s = control.settings();
        return control.start("sidecar", app, ControlConnector.url(s.url(), s.user(), s.password()));
    }

    /** The phase of every window and the link to the control tables, in Prometheus' text format. */
    static void metrics(StringBuilder b, ConfigSource source) {
        b.append("# HELP dualwrite_window_phase The phase each window applies (1 for the phase in force).\n"
                + "# TYPE dualwrite_window_phase gauge\n");
        for (Window w : source.current().windows()) {
            String phase = w instanceof RenameWindow r ? r.phase().configName() : "drop";
            b.append("dualwrite_window_phase{window=\"").append(escape(w.key())).append("\",phase=\"").append(phase)
                    .append("\"} 1\n");
        }
        if (!(source instanceof ControlConfigSource control)) {
            return;
        }
        ControlStatus st = control.status();
        b.append("# HELP dualwrite_control_reachable Whether the last poll read and wrote the control tables.\n"
                + "# TYPE dualwrite_control_reachable gauge\ndualwrite_control_reachable ")
                .append(st.reachable() ? 1 : 0).append('\n');
        b.append("# HELP dualwrite_control_fleet_version The fleet's configuration version applied (-1: the file's"
                + " windows).\n# TYPE dualwrite_control_fleet_version gauge\ndualwrite_control_fleet_version ")
                .append(st.fleetVersion() == null ? -1 : st.fleetVersion()).append('\n');
        b.append("# HELP dualwrite_control_last_heartbeat_ms When the last heartbeat was written, epoch ms.\n"
                + "# TYPE dualwrite_control_last_heartbeat_ms gauge\ndualwrite_control_last_heartbeat_ms ")
                .append(st.lastHeartbeat()).append('\n');
        b.append("# HELP dualwrite_control_window_statements_total Statements that used a window's old or new name,"
                + " as the heartbeat reports them.\n# TYPE dualwrite_control_window_statements_total counter\n");
        for (Heartbeat.WindowUse u : st.windows()) {
            String labels = "window=\"" + escape(u.windowKey()) + "\"";
            b.append("dualwrite_control_window_statements_total{").append(labels).append(",name=\"old\"} ")
                    .append(u.oldNameStatements()).append('\n');
            b.append("dualwrite_control_window_statements_total{").append(labels).append(",name=\"new\"} ")
                    .append(u.newNameStatements()).append('\n');
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
