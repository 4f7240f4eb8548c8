package dev.dualwrite.agent;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.control.ControlConnector;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.jdbc.DualWriteConnection;
import dev.dualwrite.jdbc.FleetLink;
import java.sql.Connection;
import java.sql.Driver;
import java.util.Properties;
import javax.sql.DataSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the inlined advice calls. Public because the advice's code runs inside the application's driver classes.
 *
 * <p>Wrapping happens where a physical connection is born: the innermost {@code connect}/{@code getConnection} on
 * the thread wraps it, and every outer one (a pool handing it out, a data source over a driver) finds it already
 * wrapped and leaves it. Inside the application's own {@code jdbc:dualwrite:} driver nothing is wrapped: that driver
 * wraps the connection itself.
 */
public final class AgentRuntime {
    private static final Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    private static final String URL_DRIVER = "dev.dualwrite.jdbc.DualWriteDriver";
    /** Per thread: [0] nesting of instrumented calls, [1] the depth at which the application's URL driver runs. */
    private static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[2]);
    private static final Set<String> UNSUPPORTED = ConcurrentHashMap.newKeySet();
    private static volatile ConfigSource config;

    private AgentRuntime() {
    }

    static void start(ConfigSource source) {
        config = source;
    }

    public static void enterConnect(Object source) {
        int[] s = STATE.get();
        s[0]++;
        if (s[1] == 0 && source != null && source.getClass().getName().equals(URL_DRIVER)) {
            s[1] = s[0];
        }
    }

    public static Connection exitConnect(Object source, Object[] arguments, Connection connection) {
        int[] s = STATE.get();
        boolean insideUrlDriver = s[1] != 0 && s[0] > s[1];
        if (s[1] == s[0]) {
            s[1] = 0;
        }
        s[0]--;
        if (connection == null || insideUrlDriver || config == null || isControlConnection()) {
            return connection;
        }
        try {
            if (isDualWrite(connection)) {
                return connection;
            }
            String url = connection.getMetaData().getURL();
            if (url != null && UNSUPPORTED.contains(url)) {
                return connection;
            }
            try {
                Connection wrapped = DualWrite.wrap(connection, config, url == null ? source.getClass().getName() : url);
                attachFleet(source, arguments, url);
                return wrapped;
            } catch (java.sql.SQLException e) {
                if (url != null && UNSUPPORTED.add(url)) {
                    log.info("dualwrite agent leaves connections to {} alone: {}", url, e.getMessage());
                }
                return connection;
            }
        } catch (Throwable t) {
            log.warn("dualwrite agent could not wrap a connection from {}; it is used unwrapped: {}",
                    source == null ? "?" : source.getClass().getName(), t.toString());
            return connection;
        }
    }

    /**
     * A connection the control poller opens for itself (this agent's or the application's own JDBC wrapper's, whose
     * flag is another copy of the class: its thread's name tells).
     */
    private static boolean isControlConnection() {
        return ControlConnector.isOpening() || Thread.currentThread().getName().startsWith("dualwrite-control");
    }

    /**
     * At the first connection it wraps, starts the polling of the control tables when the configuration asks for it:
     * through the same driver with the same URL and properties (or the same plain data source).
     */
    private static void attachFleet(Object source, Object[] arguments, String url) {
        ConfigSource c = config;
        if (!(c instanceof ControlConfigSource control) || control.started()) {
            return;
        }
        if (source instanceof Driver driver && arguments.length == 2 && arguments[0] instanceof String u) {
            Properties info = arguments[1] instanceof Properties p ? p : new Properties();
            FleetLink.attach(c, "agent", FleetLink.appName(u, info), () -> ControlConnector.driver(driver, u, info));
        } else if (source instanceof DataSource ds && arguments.length == 0) {
            FleetLink.attach(c, "agent", FleetLink.appName(url, null), () -> ControlConnector.dataSource(ds,
                    ds.getClass().getName() + (url == null ? "" : " (" + ControlConnector.url(url, new Properties())
                            .describe() + ")")));
        }
    }

    /** Whether the connection is already dualwrite's: this agent's, the application's own, or a pool's proxy of one. */
    private static boolean isDualWrite(Connection c) throws java.sql.SQLException {
        return c.getClass().getName().endsWith(".jdbc.DualWriteConnection") || c.isWrapperFor(DualWriteConnection.class);
    }
}
