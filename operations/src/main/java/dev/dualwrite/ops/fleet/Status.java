package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.ResolvedWindow;
import dev.dualwrite.ops.WindowName;
import dev.dualwrite.ops.WindowResolver;
import dev.dualwrite.ops.Windows;
import dev.dualwrite.ops.data.Checkpoints;
import dev.dualwrite.ops.data.Verifications;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dualwrite status [WINDOW]}: per window, what every instance applies and whether the old column may go. The
 * two verdicts come with their reasons, so that "no" always says what to wait for or do.
 */
public final class Status {
    private final Fleet fleet;

    public Status(Fleet fleet) {
        this.fleet = fleet;
    }

    /** One instance's line under a window: its row and, when it applied the window, its report. */
    public record InstanceLine(FleetState.Instance instance, FleetState.Report report, boolean live) {
    }

    /**
     * One window's status.
     *
     * @param instances  live instances (with or without a report) and gone ones that reported the window
     * @param lastOldUse the latest report that used the old name, or null
     */
    public record WindowStatus(ControlWindow window, List<InstanceLine> instances, FleetState.Report lastOldUse,
            FleetState.Instance lastOldUser, Checkpoints.Run backfill, Verifications.Latest verify,
            boolean safeToDropColumn, boolean safeToRemoveWindow, List<String> reasons) {

        public long liveCount() {
            return instances.stream().filter(InstanceLine::live).count();
        }
    }

    /** The whole report. */
    public record Report(long now, long configVersion, long quietMillis, String where, List<WindowStatus> windows) {
    }

    /** @param written a window's name, or null for every window */
    public Report read(String written, long quietMillis) throws OpsException {
        try (Connection c = fleet.connect()) {
            FleetState state = fleet.state(c);
            long now = System.currentTimeMillis();
            List<ControlWindow> windows = written == null ? new ArrayList<>(state.windows().values())
                    : List.of(fleet.find(state, written));
            List<WindowStatus> list = new ArrayList<>();
            for (ControlWindow w : windows) {
                list.add(window(c, state, w, written == null ? w.key() : written, quietMillis, now));
            }
            return new Report(now, state.configVersion(), quietMillis, fleet.where(), list);
        } catch (SQLException e) {
            throw Fleet.databaseError("status", e);
        }
    }

    private WindowStatus window(Connection c, FleetState state, ControlWindow w, String name, long quietMillis,
            long now) throws SQLException {
        List<InstanceLine> lines = new ArrayList<>();
        for (FleetState.Instance i : state.instances()) {
            FleetState.Report r = state.reports(w.key()).get(i.id());
            boolean live = i.live(now);
            if (live || r != null) {
                lines.add(new InstanceLine(i, r, live));
            }
        }
        FleetState.Report last = state.lastOldNameUse(w.key());
        List<String> reasons = new ArrayList<>();
        boolean drop = dropVerdict(c, state, w, name, now, reasons);
        List<String> removal = RemoveWindow.refusals(state, w, quietMillis, now, name);
        if (removal.isEmpty()) {
            reasons.add("remove window: " + (last == null ? "no instance ever reported a use of the old name "
                    + w.oldColumn() : "the old name " + w.oldColumn() + " was last used "
                    + Durations.human(now - last.oldNameLastUsed()) + " ago, longer than the quiet period of "
                    + Durations.human(quietMillis)) + ": dualwrite window remove " + name);
        } else {
            removal.forEach(r -> reasons.add("remove window: " + r));
        }
        return new WindowStatus(w, lines, last, last == null ? null : state.instance(last.instanceId()),
                Verifications.backfill(c, fleet.tables(), w.key()), Verifications.latest(c, fleet.tables(), w.key()),
                drop, removal.isEmpty(), reasons);
    }

    /** Whether the old column may be dropped now; adds the reasons. */
    private boolean dropVerdict(Connection c, FleetState state, ControlWindow w, String name, long now,
            List<String> reasons) throws SQLException {
        ResolvedWindow rw;
        try {
            rw = WindowResolver.resolve(c, fleet.dialect(), fleet.target(), WindowName.parse(name), Windows.toWindow(w));
        } catch (OpsException e) {
            reasons.add("drop column: " + e.getMessage());
            return false;
        }
        if (rw.from() == null) {
            reasons.add("drop column: " + rw.oldColumn() + " is gone from " + rw.table().display() + " already");
            return true;
        }
        boolean safe = true;
        String expected = w.expectedApplied();
        if (w.isRename() && !Phase.NEW_ONLY.configName().equals(w.phase())) {
            Phase next = Phase.values()[Phase.fromConfigName(w.phase()).ordinal() + 1];
            reasons.add("drop column: the window is in " + w.phase() + "; the old column may go once it is in new-only"
                    + " (next: dualwrite phase " + name + " " + next + ")");
            safe = false;
            expected = Phase.NEW_ONLY.configName();
        }
        if (w.isRename() && rw.to() == null) {
            reasons.add("drop column: the new column " + rw.newColumn() + " does not exist; dropping "
                    + rw.oldColumn() + " would lose its data");
            safe = false;
        }
        List<FleetState.Instance> lagging = state.liveNotApplying(w.key(), List.of(expected), now);
        if (!lagging.isEmpty()) {
            reasons.add("drop column: " + lagging.size() + " live instance" + (lagging.size() == 1 ? " does" : "s do")
                    + " not apply " + expected + ": " + FleetGate.describe(lagging, state, w.key()));
            safe = false;
        }
        if (safe) {
            int live = state.live(now).size();
            reasons.add("drop column: every live instance (" + live + ") applies " + (w.isRename() ? "new-only"
                    : "the drop window") + ": dualwrite apply " + name + " drop");
        }
        return safe;
    }
}
