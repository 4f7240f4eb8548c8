package dev.dualwrite.control;

import dev.dualwrite.core.config.Window;
import java.util.List;
import java.util.Map;

/**
 * The fleet's windows as one read of the control tables found them.
 *
 * @param version the fleet's configuration version ({@code dualwrite_fleet.config_version}) at the read
 * @param windows every window, with its key in the control tables
 */
public record FleetWindows(long version, List<FleetWindow> windows) {

    public FleetWindows {
        windows = List.copyOf(windows);
    }

    /** The core windows alone, in the order read. */
    public List<Window> coreWindows() {
        return windows.stream().map(FleetWindow::window).toList();
    }

    /** The control tables' key of each window, by the core window's {@link Window#key() key}. */
    public Map<String, String> controlKeys() {
        Map<String, String> keys = new java.util.HashMap<>();
        for (FleetWindow w : windows) {
            keys.put(w.window().key(), w.key());
        }
        return Map.copyOf(keys);
    }

    /**
     * One window.
     *
     * @param key    its {@code window_key}: the physical {@code schema.table.old_column}
     * @param window what it means to the rewrite engine
     */
    public record FleetWindow(String key, Window window) {
    }
}
