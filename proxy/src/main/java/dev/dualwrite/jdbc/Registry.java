package dev.dualwrite.jdbc;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.core.config.ConfigException;
import dev.dualwrite.core.config.ConfigLocator;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.core.config.FileConfigSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Process-wide sharing: one watched source per configuration file and one {@link Database} per (configuration,
 * database), so that every connection to a database shares one plan cache and one catalog cache.
 */
final class Registry {
    private static final ConcurrentHashMap<Path, ConfigSource> FILES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Key, Database> DATABASES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<ControlKey, ConfigSource> CONTROLLED = new ConcurrentHashMap<>();

    private record ControlKey(Path file, ControlSettings settings) {
    }

    private record Key(ConfigSource config, Object database) {
    }

    private Registry() {
    }

    /**
     * The configuration named by {@code explicit}, or found through the system property or environment variable.
     *
     * @throws SQLException saying where dualwrite looked, or what is wrong with the file
     */
    static ConfigSource config(String explicit) throws SQLException {
        Optional<Path> path = ConfigLocator.locate(explicit);
        if (path.isEmpty()) {
            throw new SQLException("dualwrite has no configuration: set the connection property "
                    + DualWriteDriver.CONFIG_PROPERTY + ", " + ConfigLocator.describeSearch()
                    + " to the path of dualwrite.yaml", "08001");
        }
        return config(path.get());
    }

    static ConfigSource config(Path path) throws SQLException {
        Path key = path.toAbsolutePath().normalize();
        ConfigSource existing = FILES.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (FILES) {
            existing = FILES.get(key);
            if (existing == null) {
                try {
                    existing = ControlConfigSource.over(FileConfigSource.open(key, 1000));
                } catch (ConfigException e) {
                    throw new SQLException("dualwrite: " + e.getMessage(), "08001", e);
                }
                FILES.put(key, existing);
            }
            return existing;
        }
    }

    /**
     * The configuration file at {@code path} with its windows from the control tables, reached as {@code settings}
     * say (whatever the file's own {@code control:} block says): one source per file in the process.
     */
    static ConfigSource controlled(Path path, ControlSettings settings) throws SQLException {
        ConfigSource file = config(path);
        ConfigSource base = file instanceof ControlConfigSource c ? c.base() : file;
        return CONTROLLED.computeIfAbsent(new ControlKey(path.toAbsolutePath().normalize(), settings),
                k -> new ControlConfigSource(base, settings));
    }

    /** The shared state for one database reached under {@code config}; {@code first} is used to learn the dialect. */
    static Database database(ConfigSource config, Object databaseKey, String url, Connection first)
            throws SQLException {
        Key key = new Key(config, databaseKey);
        Database db = DATABASES.get(key);
        if (db != null) {
            return db;
        }
        synchronized (DATABASES) {
            db = DATABASES.get(key);
            if (db == null) {
                db = Database.open(config, url, first);
                DATABASES.put(key, db);
            }
            return db;
        }
    }
}
