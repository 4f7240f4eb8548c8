package dev.dualwrite.agent;

import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.jdbc.DualWriteConnection;
import java.sql.Connection;
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

    public static Connection exitConnect(Object source, Connection connection) {
        int[] s = STATE.get();
        boolean insideUrlDriver = s[1] != 0 && s[0] > s[1];
        if (s[1] == s[0]) {
            s[1] = 0;
        }
        s[0]--;
        if (connection == null || insideUrlDriver || config == null) {
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
                return DualWrite.wrap(connection, config, url == null ? source.getClass().getName() : url);
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

    /** Whether the connection is already dualwrite's: this agent's, the application's own, or a pool's proxy of one. */
    private static boolean isDualWrite(Connection c) throws java.sql.SQLException {
        return c.getClass().getName().endsWith(".jdbc.DualWriteConnection") || c.isWrapperFor(DualWriteConnection.class);
    }
}
