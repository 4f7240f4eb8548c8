package dev.dualwrite.ops;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;

/** Finds a declared window's table in the catalog and the physical names of its columns. */
public final class WindowResolver {
    private WindowResolver() {
    }

    /**
     * @throws OpsException (exit 2) when the table does not exist
     */
    public static ResolvedWindow resolve(Connection c, SchemaDialect dialect, DatabaseTarget target, WindowName name,
            Window window) throws OpsException, SQLException {
        Name schema = name.schema() != null ? name.schema() : window.table().schema();
        Table table = dialect.table(c, schema, window.table().name());
        if (table == null) {
            throw OpsException.usage("table " + (schema == null ? "" : schema + ".") + window.table().name()
                    + " of window " + name + " does not exist in " + target.displayUrl() + " (looked in "
                    + (schema == null ? dialect.searchDescription(c) : "schema " + schema) + ")");
        }
        String old;
        String renamed = null;
        if (window instanceof RenameWindow r) {
            old = dialect.physical(r.from());
            renamed = dialect.physical(r.to());
        } else {
            old = dialect.physical(((DropWindow) window).column());
        }
        // Use the catalog's spelling where it has the column (MariaDB compares names regardless of case).
        Column existing = table.column(old);
        if (existing != null) {
            old = existing.name();
        }
        if (renamed != null && table.column(renamed) != null) {
            renamed = table.column(renamed).name();
        }
        return new ResolvedWindow(name, window, dialect, table, old, renamed);
    }
}
