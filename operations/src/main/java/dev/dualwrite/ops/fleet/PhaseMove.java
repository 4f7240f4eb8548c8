package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.control.WindowChanges;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.ResolvedWindow;
import dev.dualwrite.ops.WindowName;
import dev.dualwrite.ops.WindowResolver;
import dev.dualwrite.ops.Windows;
import dev.dualwrite.ops.data.Checkpoints;
import dev.dualwrite.ops.data.Verifications;
import dev.dualwrite.ops.plan.Plan;
import dev.dualwrite.ops.plan.Planner;
import dev.dualwrite.ops.plan.Step;
import dev.dualwrite.ops.schema.Ddl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code dualwrite phase WINDOW PHASE [--force]}: moves a rename window for the whole fleet. Any two adjacent phases
 * may run side by side on different instances, so a move goes one phase at a time and, forward, only once every live
 * instance applies the current phase: otherwise two phases two steps apart would run at once (an instance in
 * old-only writing only the old column while another reads the new one). Moving back is the rollback and is never
 * held back by the fleet. {@code --force} overrides every refusal with a warning.
 */
public final class PhaseMove {
    private final Fleet fleet;

    public PhaseMove(Fleet fleet) {
        this.fleet = fleet;
    }

    /** @return the fleet's new configuration version, or -1 when the window was in that phase already */
    public long move(String written, String phaseName, boolean force, Consumer<String> out, Consumer<String> warn)
            throws OpsException {
        Phase target = Phase.fromConfigName(phaseName == null ? "" : phaseName.strip());
        if (target == null) {
            throw OpsException.usage("unknown phase '" + phaseName + "'; the phases are old-only, mirror, read-new and"
                    + " new-only");
        }
        try (Connection c = fleet.connect()) {
            FleetState state = fleet.state(c);
            ControlWindow w = fleet.find(state, written);
            if (!w.isRename()) {
                throw OpsException.usage(w.key() + " is a drop window: it has no phases (it applies from its"
                        + " declaration until dualwrite window remove)");
            }
            Phase current = Phase.fromConfigName(w.phase());
            if (current == target) {
                out.accept("window " + w.key() + " is in " + target + " already; nothing changed");
                return -1;
            }
            List<String> refusals = refusals(c, state, w, current, target, written);
            if (!refusals.isEmpty()) {
                if (!force) {
                    throw OpsException.refused("window " + w.key() + " stays in " + current + ": "
                            + String.join("; ", refusals) + " (--force moves it anyway)");
                }
                warn.accept("warning: --force: moving " + w.key() + " from " + current + " to " + target
                        + " although " + String.join("; ", refusals));
            }
            long version = new WindowChanges(fleet.tables()).setPhase(c, w.key(), current.configName(),
                    target.configName(), System.currentTimeMillis());
            out.accept("window " + w.key() + ": " + current + " -> " + target + " (configuration version " + version
                    + "); instances apply it at their next poll: dualwrite status " + written);
            return version;
        } catch (WindowChanges.Conflict e) {
            throw OpsException.refused(e.getMessage() + "; look again with dualwrite status " + written);
        } catch (SQLException e) {
            throw Fleet.databaseError("moving the phase", e);
        }
    }

    private List<String> refusals(Connection c, FleetState state, ControlWindow w, Phase current, Phase target,
            String name) throws OpsException, SQLException {
        List<String> reasons = new ArrayList<>();
        int step = target.ordinal() - current.ordinal();
        if (Math.abs(step) > 1) {
            Phase next = Phase.values()[current.ordinal() + Integer.signum(step)];
            reasons.add("a window moves one phase at a time (" + current + " and " + target + " side by side would"
                    + " lose writes); next: dualwrite phase " + name + " " + next);
        }
        if (step < 0) {
            return reasons;
        }
        ResolvedWindow rw = WindowResolver.resolve(c, fleet.dialect(), fleet.target(),
                WindowName.parse(name), Windows.toWindow(w));
        if (rw.to() == null) {
            reasons.add("column " + rw.newColumn() + " does not exist in " + rw.table().display() + " yet; add it"
                    + " first: dualwrite apply " + name + " add-column" + addColumnSql(c, rw));
        }
        if (target.ordinal() >= Phase.READ_NEW.ordinal() && current.ordinal() < Phase.READ_NEW.ordinal()) {
            Checkpoints.Run backfill = Verifications.backfill(c, fleet.tables(), w.key());
            Verifications.Latest verify = Verifications.latest(c, fleet.tables(), w.key());
            if (backfill == null || !backfill.done()) {
                reasons.add("the backfill is not complete" + (backfill == null ? " (it never ran)" : " (" + backfill
                        .rowsScanned() + " of ~" + backfill.estimatedRows() + " rows)") + ", so reads of the new column"
                        + " would miss old rows; run dualwrite backfill " + name + ", then dualwrite verify " + name);
            } else if (verify == null || !verify.cleanAfter(backfill)) {
                reasons.add(verify == null ? "no verify ran after the backfill; run dualwrite verify " + name
                        : verify.differing() > 0 ? "the last verify found " + verify.differing() + " differing rows;"
                        + " repair them (dualwrite backfill " + name + " --restart), then dualwrite verify " + name
                        : "the last verify ran before the backfill finished; run dualwrite verify " + name);
            }
        }
        long now = System.currentTimeMillis();
        List<FleetState.Instance> lagging = state.liveNotApplying(w.key(), List.of(current.configName()), now);
        if (!lagging.isEmpty()) {
            reasons.add(lagging.size() + " live instance" + (lagging.size() == 1 ? " does" : "s do") + " not apply "
                    + current + " yet (" + FleetGate.describe(lagging, state, w.key()) + "); wait for their next poll"
                    + " and check with dualwrite status " + name);
        }
        return reasons;
    }

    /** The add-column step's SQL, for the message (empty when the plan cannot be made). */
    private static String addColumnSql(Connection c, ResolvedWindow rw) {
        try {
            Plan plan = Planner.plan(c, rw);
            Step add = plan.step(Planner.ADD_COLUMN);
            return add == null ? "" : " (" + add.sql().stream().map(Ddl::sql).collect(Collectors.joining("; ")) + ")";
        } catch (OpsException | SQLException e) {
            return "";
        }
    }
}
