package dev.dualwrite.jdbc;

import dev.dualwrite.control.ControlConnector;
import dev.dualwrite.core.config.ConfigSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:dualwrite:} driver: {@code jdbc:dualwrite:postgresql://host/db} opens
 * {@code jdbc:postgresql://host/db} with the real driver and rewrites its statements for the configured windows.
 *
 * <p>The configuration file is the connection property {@value #CONFIG_PROPERTY}, else the system property of the same
 * name, else the environment variable {@code DUALWRITE_CONFIG}. Properties starting with {@code dualwrite.} are not
 * passed to the real driver. When the configuration has a {@code control:} block, the first connection starts the
 * polling of the control tables, on a connection of its own opened with the same URL and properties (unless the block
 * names a URL); {@value FleetLink#APP_PROPERTY} (else {@code ApplicationName}) names the application there.
 */
public final class DualWriteDriver implements Driver {
    public static final String PREFIX = "jdbc:dualwrite:";
    public static final String CONFIG_PROPERTY = "dualwrite.config";

    static {
        try {
            DriverManager.registerDriver(new DualWriteDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The real driver's URL for a dualwrite URL. */
    static String targetUrl(String url) {
        return "jdbc:" + url.substring(PREFIX.length());
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String target = targetUrl(url);
        Properties properties = new Properties();
        String config = null;
        String app = null;
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                if (name.startsWith("dualwrite.")) {
                    if (name.equals(CONFIG_PROPERTY)) {
                        config = info.getProperty(name);
                    } else if (name.equals(FleetLink.APP_PROPERTY)) {
                        app = info.getProperty(name);
                    }
                } else {
                    properties.setProperty(name, info.getProperty(name));
                }
            }
        }
        ConfigSource source = Registry.config(config);
        Connection physical;
        DualWrite.INSIDE_CONNECT.set(Boolean.TRUE);
        try {
            physical = DriverManager.getConnection(target, properties);
        } finally {
            DualWrite.INSIDE_CONNECT.remove();
        }
        try {
            if (physical.isWrapperFor(DualWriteConnection.class)) {
                return physical;
            }
            Database db = Registry.database(source, target, target, physical);
            String appName = app != null ? app : FleetLink.appName(target, properties);
            FleetLink.attach(source, "jdbc", appName, () -> ControlConnector.url(target, properties));
            return new DualWriteConnection(physical, db);
        } catch (SQLException | RuntimeException e) {
            try {
                physical.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        List<DriverPropertyInfo> all = new ArrayList<>();
        DriverPropertyInfo config = new DriverPropertyInfo(CONFIG_PROPERTY,
                info == null ? null : info.getProperty(CONFIG_PROPERTY));
        config.description = "path of dualwrite.yaml (else the system property " + CONFIG_PROPERTY
                + " or the environment variable DUALWRITE_CONFIG)";
        all.add(config);
        if (acceptsURL(url)) {
            Driver real = DriverManager.getDriver(targetUrl(url));
            all.addAll(Arrays.asList(real.getPropertyInfo(targetUrl(url), info)));
        }
        return all.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("dualwrite logs through SLF4J");
    }
}
