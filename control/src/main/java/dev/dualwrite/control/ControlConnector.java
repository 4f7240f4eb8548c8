package dev.dualwrite.control;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * How an instance reaches its control tables: a connection of its own, never one of the application's.
 * {@link #open()} is called on the poller's thread only, with {@link #isOpening()} true, so that a Java agent that wraps
 * every connection the process opens leaves this one alone.
 */
public interface ControlConnector {

    /** A new connection to the database holding the control tables. */
    Connection open() throws SQLException;

    /**
     * Whether the poller keeps the connection between polls (true), or closes it after each one (false: a pool's
     * connection, returned to it).
     */
    default boolean holdsConnection() {
        return true;
    }

    /** Where the connection goes, for log lines: never with credentials. */
    String describe();

    /** Through {@link DriverManager}, with a URL, user and password of its own (the {@code control:} block's). */
    static ControlConnector url(String url, String user, String password) {
        return url(url, props(user, password));
    }

    /** Through {@link DriverManager}, with the properties the application's first connection was opened with. */
    static ControlConnector url(String url, Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new ControlConnector() {
            @Override
            public Connection open() throws SQLException {
                return Opening.run(() -> DriverManager.getConnection(url, copy));
            }

            @Override
            public String describe() {
                int q = url.indexOf('?');
                return q < 0 ? url : url.substring(0, q);
            }
        };
    }

    /** Borrowed from {@code dataSource} for each poll and given back after it, as a pool expects. */
    static ControlConnector dataSource(DataSource dataSource, String description) {
        return new ControlConnector() {
            @Override
            public Connection open() throws SQLException {
                return Opening.run(dataSource::getConnection);
            }

            @Override
            public boolean holdsConnection() {
                return false;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Whether the calling thread is opening a control connection now. */
    static boolean isOpening() {
        return Opening.FLAG.get() != null;
    }

    private static Properties props(String user, String password) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** The flag behind {@link #isOpening()}. */
    final class Opening {
        static final ThreadLocal<Boolean> FLAG = new ThreadLocal<>();

        private Opening() {
        }

        interface Open {
            Connection open() throws SQLException;
        }

        static Connection run(Open open) throws SQLException {
            FLAG.set(Boolean.TRUE);
            try {
                return open.open();
            } finally {
                FLAG.remove();
            }
        }
    }
}
