package dev.dualwrite.ops;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.ops.data.Backfill;
import dev.dualwrite.ops.data.BackfillOptions;
import dev.dualwrite.ops.data.BackfillResult;
import dev.dualwrite.ops.data.Checkpoints;
import dev.dualwrite.ops.data.KeyColumns;
import dev.dualwrite.ops.data.Progress;
import dev.dualwrite.ops.data.Verify;
import dev.dualwrite.ops.plan.Applier;
import dev.dualwrite.ops.plan.Plan;
import dev.dualwrite.ops.plan.Planner;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * The window lifecycle commands against one database: {@code plan}, {@code apply}, {@code backfill} and
 * {@code verify}. Every failure is an {@link OpsException} with its exit status and one message.
 */
public final class Operations {
    private final DatabaseTarget target;
    private final Windows windows;
    private final SchemaDialect dialect;
    private final ControlTables tables;

    /**
     * @param controlSchema where dualwrite's own tables live (as written by the user), or null for the connection's
     *                      current schema
     */
    public Operations(DatabaseTarget target, Windows windows, String controlSchema) throws OpsException {
        this.target = target;
        this.windows = windows;
        this.dialect = SchemaDialect.of(target.dialect());
        String schema = null;
        if (controlSchema != null) {
            try {
                schema = dialect.physical(Name.parse(controlSchema));
            } catch (IllegalArgumentException e) {
                throw OpsException.usage("bad --schema: " + e.getMessage());
            }
        }
        this.tables = new ControlTables(target.dialect(), schema);
    }

    public ControlTables controlTables() {
        return tables;
    }

    /** Finds the window in the configuration (before connecting) and its table in the catalog. */
    private ResolvedWindow resolve(Connection c, WindowName name, Window window) throws OpsException, SQLException {
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

    private Window window(WindowName name) throws OpsException {
        return windows.find(name, dialect.dialect().defaultIdentifierCase());
    }

    private static OpsException databaseError(String what, SQLException e) {
        return OpsException.refused(what + " failed on a database error: "
                + DatabaseTarget.firstLine(e.getMessage()) + (e.getSQLState() == null ? "" : " (SQLSTATE "
                + e.getSQLState() + ")"), e);
    }

    /** {@code dualwrite plan WINDOW}. */
    public Plan plan(String windowName) throws OpsException {
        WindowName name = WindowName.parse(windowName);
        Window window = window(name);
        try (Connection c = target.connect()) {
            return Planner.plan(c, resolve(c, name, window));
        } catch (SQLException e) {
            throw databaseError("plan", e);
        }
    }

    /** {@code dualwrite apply WINDOW STEP}. */
    public void apply(String windowName, String step, Consumer<String> out) throws OpsException {
        WindowName name = WindowName.parse(windowName);
        Window window = window(name);
        try (Connection c = target.connect()) {
            c.setAutoCommit(true);
            ResolvedWindow w = resolve(c, name, window);
            if (w.from() == null && Planner.DROP.equals(step)) {
                out.accept("step drop of " + name + " was already done: " + w.oldColumn() + " is gone");
                return;
            }
            Plan plan = Planner.plan(c, w);
            Applier.apply(c, w, plan, step, backfillComplete(c, w), out);
        } catch (SQLException e) {
            throw databaseError("apply", e);
        }
    }

    private boolean backfillComplete(Connection c, ResolvedWindow w) throws SQLException {
        if (!tables.exists(c, ControlTables.BACKFILL)) {
            return false;
        }
        Checkpoints.Run run = new Checkpoints(tables).run(c, w.key());
        return run != null && run.done();
    }

    /** What backfill and verify need: a rename window with both columns and a key to walk. */
    private record DataWindow(ResolvedWindow window, KeyColumns key, Column from, Column to) {
    }

    private DataWindow dataWindow(Connection c, WindowName name, Window window, String command)
            throws OpsException, SQLException {
        if (!(window instanceof RenameWindow)) {
            throw OpsException.usage(name + " is a drop window: there is nothing to " + command
                    + " (its column is dropped, not copied)");
        }
        ResolvedWindow w = resolve(c, name, window);
        Table t = w.table();
        if (w.from() == null) {
            throw OpsException.refused("column " + w.oldColumn() + " does not exist in " + t.display()
                    + "; the old column is gone, so there is nothing to " + command);
        }
        if (w.to() == null) {
            throw OpsException.refused("column " + w.newColumn() + " does not exist in " + t.display()
                    + " yet; run dualwrite apply " + name + " add-column first");
        }
        KeyColumns key = KeyColumns.of(dialect, t);
        if (key == null) {
            throw OpsException.refused(t.display() + " has no primary key and no unique key of NOT NULL columns, so"
                    + " it cannot be walked in batches; add one (a primary key is best) and rerun");
        }
        if (key.contains(w.oldColumn()) || key.contains(w.newColumn())) {
            throw OpsException.refused("the key " + key.describe() + " of " + t.display() + " contains the window's"
                    + " column; dualwrite does not " + command + " a key column");
        }
        return new DataWindow(w, key, w.from(), w.to());
    }

    /** {@code dualwrite backfill WINDOW}. */
    public BackfillResult backfill(String windowName, BackfillOptions options, Progress progress)
            throws OpsException, InterruptedException {
        WindowName name = WindowName.parse(windowName);
        Window window = window(name);
        DataWindow d;
        try (Connection c = target.connect()) {
            d = dataWindow(c, name, window, "backfill");
        } catch (SQLException e) {
            throw databaseError("backfill", e);
        }
        Phase phase = d.window().rename().phase();
        if (phase != Phase.MIRROR && phase != Phase.READ_NEW) {
            throw OpsException.refused("window " + name + " is in phase " + phase + "; a backfill runs only in mirror"
                    + " or read-new, where every write reaches both columns (in " + phase + " the copy would go"
                    + " stale at once); move the window to mirror first");
        }
        return new Backfill(target, dialect, tables, d.window().table(), d.key(), d.from(), d.to(), d.window().key(),
                name.toString(), options, progress).run();
    }

    /** {@code dualwrite verify WINDOW}. */
    public Verify.Result verify(String windowName, int samples, Progress progress) throws OpsException {
        WindowName name = WindowName.parse(windowName);
        Window window = window(name);
        DataWindow d;
        try (Connection c = target.connect()) {
            d = dataWindow(c, name, window, "verify");
        } catch (SQLException e) {
            throw databaseError("verify", e);
        }
        return new Verify(target, dialect, tables, d.window().table(), d.key(), d.from(), d.to(), d.window().key(),
                name.toString(), samples, progress).run();
    }
}
