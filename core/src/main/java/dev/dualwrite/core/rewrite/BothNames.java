package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A statement that uses both names of one rename window as columns of its table. No application version knows both
 * names, so it is an operator's statement (a divergence check, a hand-made backfill) or the engine's own output; it
 * means the physical columns it names. While both columns exist (mirror, read-new) it is sent as written for that
 * window's reads (its writes still reach both columns unless it writes both itself), which is also what makes
 * rewriting an output again change nothing. In old-only and new-only one of the two
 * does not exist, and no rewrite could keep the statement's meaning: it is rejected.
 */
final class BothNames {
    private BothNames() {
    }

    /** The rename windows whose two names the analysis saw in use, by {@link StatementRewriter#uses}. */
    static Set<Window> of(Map<Window, int[]> uses) {
        Set<Window> out = new LinkedHashSet<>();
        for (Map.Entry<Window, int[]> e : uses.entrySet()) {
            if (e.getKey() instanceof RenameWindow && e.getValue()[0] > 0 && e.getValue()[1] > 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Rejects the statement when one of the windows has only one physical column in its phase. */
    static void requireBothColumns(Set<Window> windows) {
        for (Window w : windows) {
            RenameWindow r = (RenameWindow) w;
            if (!r.phase().writesBoth()) {
                Object present = r.phase().readsNew() ? r.to() : r.from();
                Object missing = r.phase().readsNew() ? r.from() : r.to();
                throw Unsupported.of(w, "the statement names both " + r.from() + " and " + r.to() + "; in phase "
                        + r.phase() + " only " + present + " exists, so " + missing + " cannot be read or written:"
                        + " name one of them");
            }
        }
    }
}
