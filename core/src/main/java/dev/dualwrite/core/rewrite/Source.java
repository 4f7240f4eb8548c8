package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import java.util.Set;

/**
 * Something a column can be qualified by: a table, an alias, a derived table, a CTE, or a pseudo-table such as
 * EXCLUDED. Made only through the factories, one for each kind; sources are compared by identity.
 */
final class Source {
    /** The normalized name a qualifier must have to mean this source (the alias, else the table name), or null. */
    final String qualifierKey;
    /** The qualifier as written, used to qualify generated text; null for an unnamed subquery. */
    final String qualifierText;
    final String schemaKey;
    final String tableKey;
    /** The windows of the table, or null when it has none (or the source is not a table). */
    final TableWindows windows;
    /** Whether this is a stored table, whose columns are the catalog's; otherwise see {@link #outputs}. */
    final boolean base;
    /** The output names of a derived source, or null when they are not known (any name could be one). */
    final Set<String> outputs;
    /** EXCLUDED, a MySQL row alias: resolves to the target's windows, and only by qualified references. */
    final boolean pseudo;

    private Source(String qualifierKey, String qualifierText, String schemaKey, String tableKey, TableWindows windows,
            boolean base, Set<String> outputs, boolean pseudo) {
        this.qualifierKey = qualifierKey;
        this.qualifierText = qualifierText;
        this.schemaKey = schemaKey;
        this.tableKey = tableKey;
        this.windows = windows;
        this.base = base;
        this.outputs = outputs;
        this.pseudo = pseudo;
    }

    /** A stored table, qualified by {@code qualifierKey} (its alias or its name); {@code windows} may be null. */
    static Source table(String qualifierKey, String qualifierText, String schemaKey, String tableKey,
            TableWindows windows) {
        return new Source(qualifierKey, qualifierText, schemaKey, tableKey, windows, true, null, false);
    }

    /**
     * A derived table, CTE reference, VALUES list or table function: it has outputs, not a table's columns.
     * {@code qualifierKey} is null when it has no alias; {@code outputs} is null when they are not known.
     */
    static Source derived(String qualifierKey, String qualifierText, Set<String> outputs) {
        return new Source(qualifierKey, qualifierText, null, null, null, false, outputs, false);
    }

    /** The outputs of a query, seen by its own ORDER BY. */
    static Source outputsOf(Set<String> outputs) {
        return derived(null, null, outputs);
    }

    /** EXCLUDED or a MySQL row alias: names the row being inserted into the table of {@code windows}. */
    static Source pseudo(String qualifierKey, String qualifierText, TableWindows windows) {
        return new Source(qualifierKey, qualifierText, null, null, windows, false, null, true);
    }
}
