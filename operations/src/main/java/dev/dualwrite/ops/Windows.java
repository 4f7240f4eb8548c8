package dev.dualwrite.ops;

import dev.dualwrite.core.config.ConfigException;
import dev.dualwrite.core.config.ConfigLocator;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.IdentifierCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where the operations find the declared windows: a {@code dualwrite.yaml}. */
public final class Windows {
    private final Configuration configuration;

    private Windows(Configuration configuration) {
        this.configuration = configuration;
    }

    public static Windows of(Configuration configuration) {
        return new Windows(configuration);
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
            return new Windows(Configuration.parse(text, path.get().toString()));
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
