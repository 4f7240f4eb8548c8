package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import java.util.ArrayList;
import java.util.List;

/** {@code dualwrite status} for a person: per window a few labelled lines and a table of the live instances. */
public final class StatusText {
    /** Beyond this many live instances the table shows the count per phase instead of one line each. */
    static final int MAX_ROWS = 50;

    private StatusText() {
    }

    public static String render(Status.Report report) {
        StringBuilder out = new StringBuilder();
        if (report.windows().isEmpty()) {
            return "no window is declared in " + report.where() + "; declare one with dualwrite window rename"
                    + " TABLE.FROM TO (or dualwrite window import dualwrite.yaml)\n";
        }
        long now = report.now();
        for (Status.WindowStatus w : report.windows()) {
            ControlWindow cw = w.window();
            out.append(cw.key()).append("  ").append(cw.isRename() ? "rename " + cw.oldColumn() + " -> "
                    + cw.newColumn() + "  phase " + cw.phase() : "drop " + cw.oldColumn()
                    + (cw.dropDefault() == null ? "" : " (reads return " + cw.dropDefault() + ")")).append('\n');
            List<Status.InstanceLine> live = w.instances().stream().filter(Status.InstanceLine::live).toList();
            List<Status.InstanceLine> gone = w.instances().stream().filter(l -> !l.live()).toList();
            if (live.isEmpty()) {
                out.append("  no live instance\n");
            } else if (live.size() > MAX_ROWS) {
                java.util.Map<String, Long> byPhase = new java.util.TreeMap<>();
                live.forEach(l -> byPhase.merge(l.report() == null ? "(not read yet)" : l.report().phaseApplied(),
                        1L, Long::sum));
                out.append("  ").append(live.size()).append(" live instances: ").append(byPhase.toString()
                        .replaceAll("[{}]", "").replace("=", ": ")).append('\n');
            } else {
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"instance", "kind", "host", "app", "phase", "heartbeat", "old-name",
                    "new-name", "old name last used"});
                for (Status.InstanceLine l : live) {
                    FleetState.Instance i = l.instance();
                    FleetState.Report r = l.report();
                    rows.add(new String[] {i.id(), i.kind(), dash(i.host()), dash(i.app()),
                        r == null ? "(not read yet)" : r.phaseApplied(), Durations.human(now - i.lastSeen()) + " ago",
                        r == null ? "0" : Long.toString(r.oldNameStatements()),
                        r == null ? "0" : Long.toString(r.newNameStatements()),
                        r == null || r.oldNameLastUsed() == null ? "never" : ago(r.oldNameLastUsed(), now)});
                }
                table(out, rows);
            }
            if (!gone.isEmpty()) {
                long latest = gone.stream().mapToLong(l -> l.instance().lastSeen()).max().orElse(0);
                out.append("  + ").append(gone.size()).append(" gone instance").append(gone.size() == 1 ? "" : "s")
                        .append(" (ignored by the safety rules; last heartbeat ").append(ago(latest, now))
                        .append(")\n");
            }
            out.append("  backfill       ").append(backfill(w)).append('\n');
            out.append("  verify         ").append(verify(w)).append('\n');
            out.append("  old name       ").append(w.lastOldUse() == null ? "no reported use"
                    : "last used " + ago(w.lastOldUse().oldNameLastUsed(), now) + " by " + (w.lastOldUser() == null
                    ? w.lastOldUse().instanceId() : w.lastOldUser().describe())).append('\n');
            verdict(out, "drop column  ", w.safeToDropColumn(), w.reasons(), "drop column: ");
            verdict(out, "remove window", w.safeToRemoveWindow(), w.reasons(), "remove window: ");
        }
        return out.toString();
    }

    private static void verdict(StringBuilder out, String label, boolean safe, List<String> reasons, String prefix) {
        List<String> mine = reasons.stream().filter(r -> r.startsWith(prefix)).map(r -> r.substring(prefix.length()))
                .toList();
        out.append("  ").append(label).append("  ").append(safe ? "SAFE" : "NOT YET");
        for (int i = 0; i < mine.size(); i++) {
            out.append(i == 0 ? ": " : "\n                   ").append(mine.get(i));
        }
        out.append('\n');
    }

    private static String backfill(Status.WindowStatus w) {
        if (w.backfill() == null) {
            return w.window().isRename() ? "never ran" : "none (a drop window)";
        }
        var b = w.backfill();
        return b.state() + ": " + b.rowsScanned() + " of ~" + b.estimatedRows() + " rows scanned, " + b.rowsUpdated()
                + " updated" + (b.finishedAt() == null ? ", last batch " + StatusJson.time(b.updatedAt())
                : ", finished " + StatusJson.time(b.finishedAt()));
    }

    private static String verify(Status.WindowStatus w) {
        if (w.verify() == null) {
            return "never ran";
        }
        var v = w.verify();
        boolean after = w.backfill() != null && w.backfill().finishedAt() != null
                && v.startedAt() >= w.backfill().finishedAt();
        return v.differing() + " of " + v.rowsChecked() + " rows differ, " + StatusJson.time(v.finishedAt())
                + (after ? " (after the backfill)" : " (before the backfill finished)");
    }

    private static String ago(long at, long now) {
        return StatusJson.time(at) + " (" + Durations.human(now - at) + " ago)";
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
