package dev.dualwrite.ops;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.ops.data.Backfill;
import dev.dualwrite.ops.data.BackfillOptions;
import dev.dualwrite.ops.data.BackfillResult;
import dev.dualwrite.ops.data.Checkpoints;
import dev.dualwrite.ops.data.KeyColumns;
import dev.dualwrite.ops.data.Progress;
import dev.dualwrite.ops.data.Verify;
import dev.dualwrite.ops.fleet.Fleet;
import dev.dualwrite.ops.fleet.FleetGate;
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
 * {@code verify}, on the windows of the control tables when they hold any, else on those of the configuration file. Every failure is an {@link OpsException} with its exit status and one message.
 */
public final class Operations {
    private final DatabaseTarget target;
    private final WindowsSource file;
    private final SchemaDialect dialect;
    private final ControlTables tables;
    private final Consumer<String> notes;

    /** Where the windows come from when the control tables hold none: a {@code dualwrite.yaml}, read on demand. */
    @FunctionalInterface
    public interface WindowsSource {
        Windows load() throws OpsException;

        /** Whether the user named a file (so that ignoring it is worth a note). */
        default boolean explicit() {
            return false;
        }
    }

    /**
     * @param windows       the windows of a configuration file, used when the control tables hold none
     * @param controlSchema where dualwrite's own tables live (as written by the user), or null for the connection's
     *                      current schema
     */
    public Operations(DatabaseTarget target, Windows windows, String controlSchema) throws OpsException {
        this(target, () -> windows, controlSchema, n -> { });
    }

    /**
     * @param file  the configuration file's windows, loaded only when the control tables hold none
     * @param notes where a note goes that the control tables' windows are used instead of {@code file}
     */
    public Operations(DatabaseTarget target, WindowsSource file, String controlSchema, Consumer<String> notes)
            throws OpsException {
        this.target = target;
        this.file = file;
        this.notes = notes;
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

    /** The fleet commands ({@code init}, {@code window}, {@code phase}, {@code status}) on the same database. */
    public Fleet fleet() {
        return new Fleet(target, dialect, tables);
    }

    /**
     * The windows the commands work on: those of the control tables when they hold any (the fleet follows them),
     * else the configuration file's.
     */
    private Windows windows(Connection c) throws OpsException, SQLException {
        if (tables.exists(c, ControlTables.WINDOWS)) {
            FleetState state = FleetState.read(c, tables);
            if (!state.windows().isEmpty()) {
                if (file.explicit()) {
                    notes.accept("note: the windows come from the control tables (" + tables.table(
                            ControlTables.WINDOWS) + "), which hold " + state.windows().size() + "; --config is"
                            + " ignored");
                }
                return Windows.fromControl(state.windows().values(), dialect);
            }
        }
        return file.load();
    }

    private ResolvedWindow resolve(Connection c, WindowName name, Window window) throws OpsException, SQLException {
        return WindowResolver.resolve(c, dialect, target, name, window);
    }

    private Window window(Windows windows, WindowName name) throws OpsException {
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
        try (Connection c = target.connect()) {
            return Planner.plan(c, resolve(c, name, window(windows(c), name)));
        } catch (SQLException e) {
            throw databaseError("plan", e);
        }
    }

    /**
     * {@code dualwrite apply WINDOW STEP}. With windows from the control tables, {@code drop} also waits for the fleet:
     * it is refused while a live instance does not apply new-only (a rename) or the drop window.
     */
    public void apply(String windowName, String step, Consumer<String> out) throws OpsException {
        WindowName.parse(windowName);
        try (Connection c = target.connect()) {
            applyOn(c, windowName, step, out);
        } catch (SQLException e) {
            throw databaseError("apply", e);
        }
    }

    /** {@link #apply} on a connection of the caller's (which keeps its session settings). */
    void applyOn(Connection c, String windowName, String step, Consumer<String> out) throws OpsException {
        WindowName name = WindowName.parse(windowName);
        try {
            c.setAutoCommit(true);
            Windows windows = windows(c);
            Window window = window(windows, name);
            ResolvedWindow w = resolve(c, name, window);
            if (w.from() == null && Planner.DROP.equals(step)) {
                out.accept("step drop of " + name + " was already done: " + w.oldColumn() + " is gone");
                return;
            }
            Plan plan = Planner.plan(c, w);
            if (Planner.DROP.equals(step) && windows.control(window) != null) {
                FleetGate.checkDrop(c, tables, windows.control(window), name.toString());
            }
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

    /** {@code dualwrite backfill WINDOW}, without waiting for the fleet. */
    public BackfillResult backfill(String windowName, BackfillOptions options, Progress progress)
            throws OpsException, InterruptedException {
        return backfill(windowName, options, 0, progress);
    }

    /**
     * {@code dualwrite backfill WINDOW}. With windows from the control tables, it first waits (up to
     * {@code fleetWaitMillis}) until every live instance applies mirror or read-new: until then an instance still in
     * old-only writes only the old column, and the copy would go stale behind it.
     */
    public BackfillResult backfill(String windowName, BackfillOptions options, long fleetWaitMillis,
            Progress progress) throws OpsException, InterruptedException {
        WindowName name = WindowName.parse(windowName);
        DataWindow d;
        ControlWindow control;
        try (Connection c = target.connect()) {
            Windows windows = windows(c);
            Window window = window(windows, name);
            control = windows.control(window);
            d = dataWindow(c, name, window, "backfill");
        } catch (SQLException e) {
            throw databaseError("backfill", e);
        }
        Phase phase = d.window().rename().phase();
        if (phase != Phase.MIRROR && phase != Phase.READ_NEW) {
            throw OpsException.refused("window " + name + " is in phase " + phase + "; a backfill runs only in mirror"
                    + " or read-new, where every write reaches both columns (in " + phase + " the copy would go"
                    + " stale at once); move the window to mirror first"
                    + (control == null ? "" : ": dualwrite phase " + name + " mirror"));
        }
        if (control != null) {
            new FleetGate(target, tables).awaitWritesBoth(control, name.toString(), fleetWaitMillis, progress::note);
        }
        return new Backfill(target, dialect, tables, d.window().table(), d.key(), d.from(), d.to(), d.window().key(),
                name.toString(), options, progress).run();
    }

    /** {@code dualwrite verify WINDOW}. */
    public Verify.Result verify(String windowName, int samples, Progress progress) throws OpsException {
        WindowName name = WindowName.parse(windowName);
        DataWindow d;
        try (Connection c = target.connect()) {
            d = dataWindow(c, name, window(windows(c), name), "verify");
        } catch (SQLException e) {
            throw databaseError("verify", e);
        }
        return new Verify(target, dialect, tables, d.window().table(), d.key(), d.from(), d.to(), d.window().key(),
                name.toString(), samples, progress).run();
    }
}
