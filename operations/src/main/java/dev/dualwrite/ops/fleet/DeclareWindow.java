package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.control.WindowChanges;
import dev.dualwrite.core.config.ConfigException;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.TableRef;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.ResolvedWindow;
import dev.dualwrite.ops.WindowName;
import dev.dualwrite.ops.WindowResolver;
import dev.dualwrite.ops.Windows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code dualwrite window rename|drop|import}: declares windows in the control tables, keyed by the catalog's
 * physical {@code schema.table.old_column}. Declaring the same window again is a no-op; declaring another window on
 * the same key, or one that claims a column another window claims, is refused.
 */
public final class DeclareWindow {
    private final Fleet fleet;

    public DeclareWindow(Fleet fleet) {
        this.fleet = fleet;
    }

    /** {@code window rename TABLE.FROM TO}: a rename window in old-only. */
    public void rename(String tableDotFrom, String to, Consumer<String> out) throws OpsException {
        WindowName name = WindowName.parse(tableDotFrom);
        Name renamed = parseName(to, "the new column");
        declare(List.of(new RenameWindow(new TableRef(name.schema(), name.table()), name.column(), renamed,
                Phase.OLD_ONLY, null, 0)), tableDotFrom, out);
    }

    /** {@code window drop TABLE.COLUMN [--default VALUE]}. */
    public void drop(String tableDotColumn, String defaultValue, Consumer<String> out) throws OpsException {
        WindowName name = WindowName.parse(tableDotColumn);
        if (defaultValue != null && defaultValue.isBlank()) {
            throw OpsException.usage("--default takes an SQL literal such as NULL, 0 or 'unknown', not an empty text");
        }
        declare(List.of(new DropWindow(new TableRef(name.schema(), name.table()), name.column(), defaultValue, null,
                0)), tableDotColumn, out);
    }

    /** {@code window import FILE}: every window of a {@code dualwrite.yaml}, in its phase, in one transaction. */
    public void importFile(Path file, Consumer<String> out) throws OpsException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OpsException.usage("cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e.getMessage()));
        }
        Configuration config;
        try {
            config = Configuration.parse(text, file.toString());
        } catch (ConfigException e) {
            throw OpsException.usage(e.getMessage());
        }
        if (config.windows().isEmpty()) {
            throw OpsException.usage(file + " declares no window; nothing to import");
        }
        declare(config.windows(), null, out);
    }

    private static Name parseName(String written, String what) throws OpsException {
        try {
            return Name.parse(written == null ? "" : written.strip());
        } catch (IllegalArgumentException e) {
            throw OpsException.usage("bad name for " + what + ": " + e.getMessage());
        }
    }

    private void declare(List<Window> windows, String written, Consumer<String> out) throws OpsException {
        try (Connection c = fleet.connect()) {
            FleetState state = fleet.state(c);
            Map<String, ControlWindow> rows = new LinkedHashMap<>();
            for (Window w : windows) {
                ControlWindow row = row(c, w, written);
                if (rows.put(row.key(), row) != null) {
                    throw OpsException.usage("two windows of the file are on " + row.key());
                }
            }
            List<ControlWindow> fresh = new ArrayList<>();
            for (ControlWindow row : rows.values()) {
                ControlWindow existing = state.windows().get(row.key());
                if (existing == null) {
                    fresh.add(row);
                } else if (existing.sameDefinition(row)) {
                    out.accept("window " + existing.describe() + " is declared already; nothing changed");
                } else {
                    throw OpsException.refused("window " + row.key() + " is declared already as "
                            + existing.describe() + "; remove it first (dualwrite window remove " + row.key()
                            + ") to declare it differently");
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            checkTogether(state, fresh);
            long now = System.currentTimeMillis();
            long version = new WindowChanges(fleet.tables()).declare(c, fresh, now);
            for (ControlWindow row : fresh) {
                out.accept("declared " + row.describe() + " (configuration version " + version + ")");
            }
            if (written != null && fresh.size() == 1) {
                ControlWindow row = fresh.get(0);
                out.accept(row.isRename()
                        ? "next: dualwrite apply " + written + " add-column, then dualwrite phase " + written + " mirror"
                        : "next: deploy the version without the column, then dualwrite status " + written);
            }
        } catch (WindowChanges.Conflict e) {
            throw OpsException.refused(e.getMessage() + "; see dualwrite status");
        } catch (SQLException e) {
            throw Fleet.databaseError("declaring the window", e);
        }
    }

    /** The row of a window, its names taken from the catalog. */
    private ControlWindow row(Connection c, Window w, String written) throws OpsException, SQLException {
        TableRef t = w.table();
        Name old = w instanceof RenameWindow r ? r.from() : ((DropWindow) w).column();
        WindowName name = new WindowName(t.schema(), t.name(), old);
        ResolvedWindow rw = WindowResolver.resolve(c, fleet.dialect(), fleet.target(), name, w);
        if (w instanceof RenameWindow r) {
            if (rw.from() == null && rw.to() == null) {
                throw OpsException.refused("neither " + rw.oldColumn() + " nor " + rw.newColumn() + " exists in "
                        + rw.table().display() + "; a rename window starts from the column the application uses now");
            }
            return new ControlWindow(rw.key(), ControlWindow.RENAME, rw.table().schema(), rw.table().name(),
                    rw.oldColumn(), rw.newColumn(), null, r.phase().configName(), 0, 0, 0);
        }
        DropWindow d = (DropWindow) w;
        String dropDefault = "NULL".equals(d.defaultValue()) ? null : d.defaultValue();
        return new ControlWindow(rw.key(), ControlWindow.DROP, rw.table().schema(), rw.table().name(),
                rw.oldColumn(), null, dropDefault, null, 0, 0, 0);
    }

    /** The windows there will be must make a valid configuration (no column claimed twice). */
    private void checkTogether(FleetState state, List<ControlWindow> fresh) throws OpsException {
        List<ControlWindow> all = new ArrayList<>(state.windows().values());
        all.addAll(fresh);
        try {
            Windows.fromControl(all, fleet.dialect());
        } catch (IllegalArgumentException e) {
            throw OpsException.refused(e.getMessage() + "; remove the window in the way first (dualwrite window"
                    + " remove WINDOW)");
        }
    }
}
