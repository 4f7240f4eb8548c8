package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.OpsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The fleet's part of the safety rules: which live instances do not yet apply what a step needs. Instances that are
 * gone (no heartbeat for three poll intervals, or stopped) are ignored: they run nothing.
 */
public final class FleetGate {
    /** How often {@link #awaitWritesBoth} reads the fleet again. */
    static final long POLL_MILLIS = 500;
    /** How many lagging instances a message names before it counts the rest. */
    static final int NAMED = 5;

    private final DatabaseTarget target;
    private final ControlTables tables;

    public FleetGate(DatabaseTarget target, ControlTables tables) {
        this.target = target;
        this.tables = tables;
    }

    /** {@code a (jdbc on web-1, shop) in mirror, b (...) reports nothing, and 3 more}. */
    public static String describe(List<FleetState.Instance> lagging, FleetState state, String windowKey) {
        String named = lagging.stream().limit(NAMED).map(i -> {
            FleetState.Report r = state.reports(windowKey).get(i.id());
            return i.describe() + (r == null ? " has not read the window yet" : " applies " + r.phaseApplied());
        }).collect(Collectors.joining(", "));
        return named + (lagging.size() > NAMED ? ", and " + (lagging.size() - NAMED) + " more" : "");
    }

    /**
     * Refuses {@code apply WINDOW drop} while a live instance does not apply new-only (a rename) or the drop window:
     * such an instance still reads or writes the old column.
     */
    public static void checkDrop(Connection c, ControlTables tables, ControlWindow window, String name)
            throws OpsException, SQLException {
        FleetState state = FleetState.read(c, tables);
        String expected = window.isRename() ? "new-only" : ControlWindow.DROP_APPLIED;
        List<FleetState.Instance> lagging = state.liveNotApplying(window.key(), List.of(expected),
                System.currentTimeMillis());
        if (!lagging.isEmpty()) {
            throw OpsException.refused(lagging.size() + " live instance" + (lagging.size() == 1 ? " does" : "s do")
                    + " not apply " + (window.isRename() ? "new-only" : "the drop window") + " yet and still use"
                    + (lagging.size() == 1 ? "s " : " ")
                    + window.oldColumn() + ": " + describe(lagging, state, window.key()) + "; wait until dualwrite"
                    + " status " + name + " says safeToDropColumn, then rerun");
        }
    }

    /**
     * Waits until every live instance applies mirror or read-new for the window (both write both columns).
     *
     * @throws OpsException (exit 1) when some still do not after {@code timeoutMillis}, naming them
     */
    public void awaitWritesBoth(ControlWindow window, String name, long timeoutMillis, Consumer<String> out)
            throws OpsException, InterruptedException {
        List<String> phases = List.of("mirror", "read-new");
        long deadline = System.currentTimeMillis() + timeoutMillis;
        int lastCount = -1;
        while (true) {
            FleetState state;
            try (Connection c = target.connect()) {
                state = FleetState.read(c, tables);
            } catch (SQLException e) {
                throw Fleet.databaseError("reading the fleet's state", e);
            }
            long now = System.currentTimeMillis();
            List<FleetState.Instance> lagging = state.liveNotApplying(window.key(), phases, now);
            if (lagging.isEmpty()) {
                if (lastCount > 0) {
                    out.accept("every live instance applies mirror or read-new now");
                }
                return;
            }
            if (now >= deadline) {
                throw OpsException.refused("after " + Durations.human(timeoutMillis) + ", " + lagging.size()
                        + " live instance" + (lagging.size() == 1 ? " does" : "s do") + " not apply mirror yet: "
                        + describe(lagging, state, window.key()) + "; a backfill now would go stale behind them. Check"
                        + " that they poll the control tables (dualwrite status " + name + "), or wait longer with"
                        + " --fleet-wait");
            }
            if (lagging.size() != lastCount) {
                out.accept("waiting for " + lagging.size() + " live instance" + (lagging.size() == 1 ? "" : "s")
                        + " to apply mirror (up to " + Durations.human(timeoutMillis) + "): "
                        + describe(lagging, state, window.key()));
                lastCount = lagging.size();
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, deadline - now)));
        }
    }
}
