package dev.dualwrite.jdbc;

import dev.dualwrite.control.ControlConnector;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.rewrite.RewriteEngine;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose connections rewrite their statements for the configured windows. Pools and frameworks
 * take it in place of the data source it wraps. Create one with {@link DualWrite#wrap(DataSource, ConfigSource)}.
 */
public final class DualWriteDataSource implements DataSource {
    private final DataSource target;
    private final ConfigSource config;
    private volatile Database database;
    private volatile String appName;

    DualWriteDataSource(DataSource target, ConfigSource config) {
        this.target = Objects.requireNonNull(target, "target");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection physical) throws SQLException {
        if (physical.isWrapperFor(DualWriteConnection.class)) {
            return physical;
        }
        Database db = database;
        if (db == null) {
            synchronized (this) {
                db = database;
                if (db == null) {
                    String url = physical.getMetaData().getURL();
                    db = Database.open(config, url, physical);
                    database = db;
                    FleetLink.attach(config, "jdbc", appName, () -> ControlConnector.dataSource(target,
                            "the application's data source (" + ControlConnector.url(url, new java.util.Properties())
                                    .describe() + ")"));
                }
            }
        }
        return new DualWriteConnection(physical, db);
    }

    /**
     * Names the application in the control tables (when the configuration has a {@code control:} block); call it
     * before the first connection.
     */
    public DualWriteDataSource applicationName(String name) {
        this.appName = name;
        return this;
    }

    /** The data source underneath. */
    public DataSource target() {
        return target;
    }

    /** Where this data source's windows come from. */
    public ConfigSource configSource() {
        return config;
    }

    /**
     * The rewrite engine that serves this data source's connections, for its {@link RewriteEngine#usage() usage} and
     * {@link RewriteEngine#statistics() statistics}; empty until the first connection has told which database (and
     * so which dialect) this is.
     */
    public Optional<RewriteEngine> engine() {
        Database db = database;
        return db == null ? Optional.empty() : Optional.of(db.engine);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
