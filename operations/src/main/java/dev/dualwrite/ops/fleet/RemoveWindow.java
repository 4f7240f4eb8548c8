package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.control.WindowChanges;
import dev.dualwrite.ops.OpsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code dualwrite window remove WINDOW [--force] [--quiet-for DURATION]}: ends a window for the whole fleet. Once it
 * is gone the doors stop translating the old name, so a statement that still uses it fails (or, while the old column
 * exists, reads it stale). Hence the refusals, which {@code --force} overrides with a warning.
 */
public final class RemoveWindow {
    /** The default of {@code --quiet-for}: a day covers daily jobs. */
    public static final long DEFAULT_QUIET_MILLIS = 24 * 3_600_000L;

    private final Fleet fleet;

    public RemoveWindow(Fleet fleet) {
        this.fleet = fleet;
    }

    /** Why the window may not be removed now (empty when it may), as {@link Status} reports it too. */
    static List<String> refusals(FleetState state, ControlWindow w, long quietMillis, long now, String name) {
        List<String> reasons = new java.util.ArrayList<>();
        if (w.isRename() && ("mirror".equals(w.phase()) || "read-new".equals(w.phase()))) {
            reasons.add("the window is in " + w.phase() + ", where writes reach both columns; without it the two"
                    + " columns would diverge: finish it (dualwrite phase " + name + " "
                    + ("mirror".equals(w.phase()) ? "read-new" : "new-only") + ") or go back (dualwrite phase " + name
                    + " " + ("mirror".equals(w.phase()) ? "old-only" : "mirror") + ") first");
        }
        FleetState.Report last = state.lastOldNameUse(w.key());
        if (last != null && now - last.oldNameLastUsed() < quietMillis) {
            FleetState.Instance i = state.instance(last.instanceId());
            reasons.add("the old name " + w.oldColumn() + " was used " + Durations.human(now - last.oldNameLastUsed())
                    + " ago by " + (i == null ? last.instanceId() : i.describe()) + ", within the quiet period of "
                    + Durations.human(quietMillis) + "; find the code that still uses it (dualwrite status " + name
                    + "), or retry after " + java.time.Instant.ofEpochMilli(last.oldNameLastUsed() + quietMillis));
        }
        return reasons;
    }

    public void remove(String written, boolean force, long quietMillis, Consumer<String> out, Consumer<String> warn)
            throws OpsException {
        try (Connection c = fleet.connect()) {
            FleetState state = fleet.state(c);
            ControlWindow w = fleet.find(state, written);
            List<String> reasons = refusals(state, w, quietMillis, System.currentTimeMillis(), written);
            if (!reasons.isEmpty()) {
                if (!force) {
                    throw OpsException.refused("window " + w.key() + " may not be removed yet: "
                            + String.join("; ", reasons) + " (--force removes it anyway)");
                }
                warn.accept("warning: --force: removing " + w.key() + " although " + String.join("; ", reasons));
            }
            long version = new WindowChanges(fleet.tables()).remove(c, w.key(), System.currentTimeMillis());
            out.accept("removed window " + w.describe() + " (configuration version " + version + "); instances drop"
                    + " it at their next poll");
        } catch (WindowChanges.Conflict e) {
            throw OpsException.refused(e.getMessage() + "; see dualwrite status");
        } catch (SQLException e) {
            throw Fleet.databaseError("removing the window", e);
        }
    }
}
