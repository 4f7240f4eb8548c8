package dev.dualwrite.ops;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;

/**
 * A window found in the configuration and its table read from the catalog.
 *
 * @param name      as the user wrote it
 * @param window    as declared
 * @param table     as the catalog describes it now
 * @param oldColumn the physical name of the old column ({@code from}, or the dropped column)
 * @param newColumn the physical name of the new column, or null for a drop window
 */
public record ResolvedWindow(WindowName name, Window window, SchemaDialect dialect, Table table, String oldColumn,
        String newColumn) {

    /** The window's name in the control tables: {@code schema.table.old_column} as stored. */
    public String key() {
        return table.schema() + "." + table.name() + "." + oldColumn;
    }

    public boolean isRename() {
        return window instanceof RenameWindow;
    }

    public RenameWindow rename() {
        return (RenameWindow) window;
    }

    public DropWindow drop() {
        return (DropWindow) window;
    }

    /** The old column now, or null when it is gone. */
    public Column from() {
        return table.column(oldColumn);
    }

    /** The new column now, or null when it does not exist (yet). */
    public Column to() {
        return newColumn == null ? null : table.column(newColumn);
    }
}
