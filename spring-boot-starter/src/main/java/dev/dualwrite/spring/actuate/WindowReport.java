package dev.dualwrite.spring.actuate;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.UsageCounters;
import java.time.Instant;

/**
 * One window as the endpoint shows it, with how often statements used each of its names.
 *
 * @param window            the window's name, {@code table.column} of the old column (as the operations CLI names it)
 * @param kind              {@code rename} or {@code drop}
 * @param table             the table, as configured
 * @param from              a rename's old column, else null
 * @param to                a rename's new column, else null
 * @param phase             a rename's phase ({@code old-only}, {@code mirror}, {@code read-new}, {@code new-only}),
 *                          else null
 * @param column            a drop window's column, else null
 * @param defaultValue      what reads of a dropped column return, else null
 * @param oldNameStatements executions that used the old name (a drop window: the dropped column)
 * @param newNameStatements executions that used the new name (always 0 for a drop window)
 * @param oldNameLastUsed   when the old name was last used, ISO-8601, or null
 * @param newNameLastUsed   when the new name was last used, ISO-8601, or null
 */
public record WindowReport(String window, String kind, String table, String from, String to, String phase,
        String column, String defaultValue, long oldNameStatements, long newNameStatements, String oldNameLastUsed,
        String newNameLastUsed) {

    static WindowReport of(Window w, UsageCounters.Snapshot usage) {
        long oldUses = usage == null ? 0 : usage.oldNameStatements();
        long newUses = usage == null ? 0 : usage.newNameStatements();
        String oldLast = usage == null ? null : iso(usage.oldNameLastUsed());
        String newLast = usage == null ? null : iso(usage.newNameLastUsed());
        if (w instanceof RenameWindow r) {
            return new WindowReport(name(w), "rename", r.table().toString(), r.from().toString(), r.to().toString(),
                    r.phase().configName(), null, null, oldUses, newUses, oldLast, newLast);
        }
        DropWindow d = (DropWindow) w;
        return new WindowReport(name(w), "drop", d.table().toString(), null, null, null, d.column().toString(),
                d.defaultValue(), oldUses, newUses, oldLast, newLast);
    }

    /** {@code table.old_column}: how the operations CLI names windows, and the {@code window} tag of the meters. */
    static String name(Window w) {
        if (w instanceof RenameWindow r) {
            return r.table() + "." + r.from();
        }
        DropWindow d = (DropWindow) w;
        return d.table() + "." + d.column();
    }

    /**
     * The value of the phase gauge: 0 old-only, 1 mirror, 2 read-new, 3 new-only, in the order a rename goes
     * through them (a move back is a step down).
     */
    static int phaseNumber(Phase p) {
        return switch (p) {
            case OLD_ONLY -> 0;
            case MIRROR -> 1;
            case READ_NEW -> 2;
            case NEW_ONLY -> 3;
        };
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
