package dev.dualwrite.core.config;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where the current {@link Configuration} comes from. A source may change over time (a watched file, a control table);
 * every change is published with a higher {@link Configuration#version()}, and a broken change keeps the last good
 * configuration.
 */
public interface ConfigSource {

    /** The configuration in force now. Cheap: a volatile read. */
    Configuration current();

    /**
     * Calls {@code listener} after every published change, on the thread that noticed it.
     *
     * @return closing it removes the listener
     */
    AutoCloseable subscribe(Consumer<Configuration> listener);

    /** A source that never changes. */
    static ConfigSource of(Configuration configuration) {
        return new FixedConfigSource(configuration);
    }

    /**
     * A YAML file, checked for changes about once a second.
     *
     * @throws ConfigException when the file cannot be read or is invalid now (later breakage only logs)
     */
    static ConfigSource file(Path path) throws ConfigException {
        return FileConfigSource.open(path, FileConfigSource.DEFAULT_POLL_MILLIS);
    }
}
