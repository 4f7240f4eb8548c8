package dev.dualwrite.jdbc;

import dev.dualwrite.core.config.ConfigSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Entry points of the JDBC door for code that holds a {@link DataSource} or a {@link Connection} rather than a URL.
 *
 * <pre>{@code
 * DataSource ds = DualWrite.wrap(hikari, Path.of("/etc/app/dualwrite.yaml"));
 * }</pre>
 */
public final class DualWrite {
    /** Set while the URL driver opens the real connection, so that an agent does not wrap it a second time. */
    static final ThreadLocal<Boolean> INSIDE_CONNECT = new ThreadLocal<>();

    private DualWrite() {
    }

    /** Wraps a data source with the configuration in {@code config} (watched for changes). */
    public static DualWriteDataSource wrap(DataSource dataSource, Path config) throws SQLException {
        return new DualWriteDataSource(dataSource, Registry.config(config));
    }

    /**
     * Wraps a data source with the configuration in {@code config}, whose windows come from the control tables as
     * {@code control} says (in place of the file's own {@code control:} block, if any).
     */
    public static DualWriteDataSource wrap(DataSource dataSource, Path config,
            dev.dualwrite.core.config.ControlSettings control) throws SQLException {
        return new DualWriteDataSource(dataSource, Registry.controlled(config, control));
    }

    /** Wraps a data source with a configuration source of your own (for instance a {@code ManualConfigSource}). */
    public static DualWriteDataSource wrap(DataSource dataSource, ConfigSource config) {
        return new DualWriteDataSource(dataSource, config);
    }

    /**
     * Wraps a data source with the configuration named by the system property {@code dualwrite.config} or the
     * environment variable {@code DUALWRITE_CONFIG}.
     */
    public static DualWriteDataSource wrap(DataSource dataSource) throws SQLException {
        return new DualWriteDataSource(dataSource, Registry.config((String) null));
    }

    /**
     * Wraps one connection. Connections to the same {@code databaseKey} (for example its URL) under the same
     * configuration share their plan and catalog caches. A connection that is already dualwrite's is returned as is.
     */
    public static Connection wrap(Connection connection, ConfigSource config, String databaseKey)
            throws SQLException {
        if (connection.isWrapperFor(DualWriteConnection.class)) {
            return connection;
        }
        String url = connection.getMetaData().getURL();
        Database db = Registry.database(config, databaseKey, url, connection);
        return new DualWriteConnection(connection, db);
    }

    /**
     * Reads the configuration file at {@code path} now rather than at its next poll (about once a second), for every
     * connection that uses it.
     *
     * @return true when a changed configuration was published
     */
    public static boolean reloadConfiguration(Path path) throws SQLException {
        ConfigSource source = Registry.config(path);
        if (source instanceof dev.dualwrite.control.ControlConfigSource c) {
            source = c.base();
        }
        return source instanceof dev.dualwrite.core.config.FileConfigSource f && f.reload();
    }

    /** Whether the calling thread is inside the URL driver opening its real connection. */
    public static boolean isOpeningPhysicalConnection() {
        return INSIDE_CONNECT.get() != null;
    }
}
