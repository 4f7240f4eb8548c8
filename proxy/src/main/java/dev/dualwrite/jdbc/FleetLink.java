package dev.dualwrite.jdbc;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.control.ControlConnector;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.ControlSettings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an instance's polling of the control tables when its configuration has a {@code control:} block, at the
 * first connection the application opens: that connection tells how to reach the database (its URL and credentials,
 * or the data source it came from), unless the block names a URL of its own.
 *
 * <p>Never fails the application's connection: a problem (a password variable not set) is logged and the instance
 * runs on its file's windows.
 */
public final class FleetLink {
    private static final Logger log = LoggerFactory.getLogger(FleetLink.class);
    /**
     * Connection property (or system property) naming the application in the control tables; PostgreSQL's
     * {@code ApplicationName} is used too.
     */
    public static final String APP_PROPERTY = "dualwrite.app";

    private FleetLink() {
    }

    /**
     * Starts polling for {@code config} unless it has no {@code control:} block or polls already.
     *
     * @param kind    {@code jdbc} or {@code agent}
     * @param app     the application's name, or null
     * @param fromApp the connector built from the application's first connection, used when the block names no URL
     */
    public static void attach(ConfigSource config, String kind, String app, Supplier<ControlConnector> fromApp) {
        if (!(config instanceof ControlConfigSource control) || control.started()) {
            return;
        }
        try {
            ControlSettings s = control.settings();
            ControlConnector connector = s.url() != null ? ControlConnector.url(s.url(), s.user(), s.password())
                    : fromApp.get();
            control.start(kind, app, connector);
        } catch (RuntimeException e) {
            log.error("dualwrite does not poll its control tables and applies only the windows of {}: {}",
                    control.base(), e.getMessage());
        }
    }

    /**
     * The application's name from a connection's properties or URL ({@value #APP_PROPERTY}, else ApplicationName),
     * else the system property {@value #APP_PROPERTY}.
     */
    public static String appName(String url, Properties info) {
        String app = info == null ? null : info.getProperty(APP_PROPERTY);
        if (app == null && info != null) {
            app = info.getProperty("ApplicationName");
        }
        if (app == null && url != null) {
            app = urlParameter(url, "ApplicationName");
        }
        return app != null ? app : System.getProperty(APP_PROPERTY);
    }

    private static String urlParameter(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("[&;]")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
