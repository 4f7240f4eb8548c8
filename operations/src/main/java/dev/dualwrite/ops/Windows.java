package dev.dualwrite.ops;

import dev.dualwrite.core.config.ConfigException;
import dev.dualwrite.core.config.ConfigLocator;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.TableRef;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.core.sql.IdentifierCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The declared windows the operations work on: a {@code dualwrite.yaml}'s, or the control tables'. */
public final class Windows {
    /** Where the windows of the control tables are said to come from in messages. */
    public static final String CONTROL_ORIGIN = "the control tables";

    private final Configuration configuration;
    /** The control tables' row of each window, by identity; empty for a configuration file's windows. */
    private final Map<Window, ControlWindow> control;

    private Windows(Configuration configuration, Map<Window, ControlWindow> control) {
        this.configuration = configuration;
        this.control = control;
    }

    public static Windows of(Configuration configuration) {
        return new Windows(configuration, Map.of());
    }

    /** The windows of the control tables, their physical names matched exactly. */
    public static Windows fromControl(Collection<ControlWindow> rows, SchemaDialect dialect) {
        Configuration.Builder b = Configuration.builder().origin(CONTROL_ORIGIN);
        Map<Window, ControlWindow> control = new IdentityHashMap<>();
        for (ControlWindow row : rows) {
            Window w = toWindow(row);
            b.window(w);
            control.put(w, row);
        }
        Configuration configuration = b.build();
        // The configuration keeps the same objects, so identity finds each one's row.
        return new Windows(configuration, control);
    }

    /** A row of the control tables as the core's window: names quoted, since they are the catalog's spelling. */
    public static Window toWindow(ControlWindow row) {
        TableRef table = new TableRef(row.tableSchema() == null ? null : Name.quoted(row.tableSchema()),
                Name.quoted(row.tableName()));
        if (row.isRename()) {
            return new RenameWindow(table, Name.quoted(row.oldColumn()), Name.quoted(row.newColumn()),
                    Phase.fromConfigName(row.phase()), null, 0);
        }
        return new DropWindow(table, Name.quoted(row.oldColumn()), row.dropDefault(), null, 0);
    }

    /** The control tables' row of a window of {@link #fromControl}, or null for a configuration file's window. */
    public ControlWindow control(Window window) {
        return control.get(window);
    }

    /**
     * Reads the windows from {@code --config}, else from the file named by the system property
     * {@code dualwrite.config} or the environment variable {@code DUALWRITE_CONFIG}.
     *
     * @throws OpsException (exit 2) when no file is named, it cannot be read, or it is invalid
     */
    public static Windows load(Path explicit) throws OpsException {
        Optional<Path> path = ConfigLocator.locate(explicit == null ? null : explicit.toString());
        if (path.isEmpty()) {
            throw OpsException.usage("no windows to work on: pass --config dualwrite.yaml, or set "
                    + ConfigLocator.describeSearch());
        }
        String text;
        try {
            text = Files.readString(path.get(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw OpsException.usage("the configuration file " + path.get() + " does not exist");
        } catch (IOException e) {
            throw OpsException.usage("cannot read the configuration file " + path.get() + ": " + e.getMessage());
        }
        try {
            return of(Configuration.parse(text, path.get().toString()));
        } catch (ConfigException e) {
            throw OpsException.usage(e.getMessage());
        }
    }

    public Configuration configuration() {
        return configuration;
    }

    /**
     * The window {@code name} means.
     *
     * @throws OpsException (exit 2) when none or several match, listing the windows there are
     */
    public Window find(WindowName name, IdentifierCase identifiers) throws OpsException {
        List<Window> matching = configuration.windows().stream().filter(w -> name.matches(w, identifiers))
                .collect(Collectors.toList());
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String known = configuration.windows().isEmpty() ? "it declares none"
                : "it declares " + configuration.windows().stream().map(Window::describe)
                        .collect(Collectors.joining(", "));
        if (matching.isEmpty()) {
            throw OpsException.usage("no window " + name + " in " + configuration.origin() + " (" + known
                    + "); a window is named by its table and old column");
        }
        throw OpsException.usage("window name " + name + " is ambiguous in " + configuration.origin()
                + "; qualify it with the schema (" + known + ")");
    }
}
