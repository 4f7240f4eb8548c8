package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.IdentifierCase;
import java.util.HashSet;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;

/**
 * Where the expansion of {@code *} puts a rename window's two names, so that every column the application knows keeps
 * the position its own schema gives it.
 *
 * <p>Each application version knows one name, in the place the old column had: renaming keeps a column's position.
 * While both physical columns exist the new one sits elsewhere (ADD COLUMN puts it last, or wherever the table was
 * built with it). The expansion therefore emits the window's value at the old column's position and leaves the new
 * column's own position out; the name missing there is appended after every column of the select list, where it
 * moves no other column. Once the old column is gone only the new one is left, and its position is the only one
 * known.
 */
final class StarPositions {
    private StarPositions() {
    }

    /**
     * Refuses an ORDER BY, GROUP BY or DISTINCT ON position ({@code ORDER BY 3}) over a select list whose {@code *}
     * was expanded over a window table that lacks one of the window's physical columns ({@code starWindow}, null when
     * none did): a dropped column, or the old column of a rename in new-only. Its place in the table the application
     * knows went with it, so the positions after it address other columns than on the application's schema.
     */
    static void refuseOrdinal(Expression e, Window starWindow) {
        if (starWindow != null && e instanceof LongValue n) {
            throw refused(n.getStringValue(), starWindow);
        }
    }

    /** The refusal of {@link #refuseOrdinal} for the position written {@code ordinal}. */
    static Unsupported refused(String ordinal, Window starWindow) {
        return Unsupported.of(starWindow, "ORDER BY, GROUP BY or DISTINCT ON " + ordinal + " addresses a column of a *"
                + " by its position, and a column of the window table is gone from the table, its place with it:"
                + " name the column instead");
    }

    /**
     * The normalized names of physical columns that the expansion must not emit in place: the new column of each
     * rename window whose old column is also among the table's columns ({@code present}, normalized), except windows
     * whose names are sent as written.
     */
    static Set<String> movedToTheEnd(TableWindows windows, Set<String> present, IdentifierCase ids,
            Set<Window> asWritten) {
        Set<String> moved = new HashSet<>();
        for (ColumnWindow cw : windows.columns.values()) {
            if (cw.role() != Role.TO || asWritten.contains(cw.window())) {
                continue;
            }
            RenameWindow w = cw.rename();
            String from = w.from().normalized(ids);
            String to = w.to().normalized(ids);
            if (present.contains(from) && present.contains(to)) {
                moved.add(to);
            }
        }
        return moved;
    }
}
