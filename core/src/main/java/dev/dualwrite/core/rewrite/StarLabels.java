package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The labels of a result whose {@code *} expands a window table, to find names that another column of the same result
 * could carry too.
 *
 * <p>An application that reads a column by label gets the first column with that label. The expansion gives each
 * window name a place that suits the version that knows it, and the other name goes last; when another table of the
 * result (or another select item) has a column spelled like one of the window's names, which of the two comes first is
 * no longer what the application's own schema would give (in new-only, the old version's {@code full_name} would find
 * the other table's column first). Such a result is rejected: listing the columns makes the labels explicit.
 */
final class StarLabels {
    /** The result's columns in order: a source a star covers, or a select item's label (with its column's source). */
    private record Entry(Source covered, boolean expanded, String label, Source column) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A star covered these sources, in this order. */
    void star(List<Source> sources) {
        for (Source s : sources) {
            entries.add(new Entry(s, s.windows != null, null, null));
        }
    }

    /** A select item labelled {@code key}; {@code column} is the source its column belongs to, or null. */
    void item(String key, Source column) {
        if (key != null) {
            entries.add(new Entry(null, false, key, column));
        }
    }

    /**
     * A window column of an expanded table whose name a later column of the result could also carry, or null. A
     * column before the expansion comes first under every phase, as it does on the application's own schema.
     */
    ColumnWindow collision(Function<Source, Set<String>> catalogKeys) {
        for (int i = 0; i < entries.size(); i++) {
            Entry x = entries.get(i);
            if (!x.expanded) {
                continue;
            }
            Source s = x.covered;
            for (Map.Entry<String, ColumnWindow> e : s.windows.columns.entrySet()) {
                String name = e.getKey();
                for (int j = i + 1; j < entries.size(); j++) {
                    Entry y = entries.get(j);
                    if (y.covered == null) {
                        if (y.label.equals(name) && (y.column == null || y.column.windows != s.windows)) {
                            return e.getValue();
                        }
                    } else if (!y.covered.pseudo && y.covered.windows != s.windows
                            && Capture.couldHave(y.covered, name, catalogKeys)) {
                        // Another occurrence of the same table expands the same way, in the same order.
                        return e.getValue();
                    }
                }
            }
        }
        return null;
    }
}
