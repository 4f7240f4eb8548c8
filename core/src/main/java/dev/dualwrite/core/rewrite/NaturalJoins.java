package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A NATURAL join compares every column name its two sides share. A window table has different physical names from
 * phase to phase (and from the schema each application version knows), so when the other side could also have one of
 * the window's names, the join condition itself would change with the phase: such a join cannot be rewritten by
 * editing names, and is rejected. When the catalog shows that no other source has any of the window's names, the
 * shared columns are the same in every phase.
 */
final class NaturalJoins {
    private NaturalJoins() {
    }

    /**
     * A window column that could be among the names shared by {@code left} and {@code right}, or null.
     *
     * @param left  the sources joined before the NATURAL join
     * @param right the sources of the item it joins
     */
    static ColumnWindow sharedWindowColumn(List<Source> left, List<Source> right,
            Function<Source, Set<String>> catalogKeys) {
        ColumnWindow cw = oneWay(left, right, catalogKeys);
        return cw != null ? cw : oneWay(right, left, catalogKeys);
    }

    private static ColumnWindow oneWay(List<Source> windowSide, List<Source> otherSide,
            Function<Source, Set<String>> catalogKeys) {
        for (Source w : windowSide) {
            if (w.windows == null || w.pseudo) {
                continue;
            }
            for (var e : w.windows.columns.entrySet()) {
                for (Source o : otherSide) {
                    if (!o.pseudo && Capture.couldHave(o, e.getKey(), catalogKeys)) {
                        return e.getValue();
                    }
                }
            }
        }
        return null;
    }
}
