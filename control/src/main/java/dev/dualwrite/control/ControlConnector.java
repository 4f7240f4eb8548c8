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

    /**
     * From {@code dataSource}: a pool's connection is borrowed for each poll and given back after it (held, it would
     * shrink the pool and trip its leak detection); any other data source's is opened once and kept, as a URL's is.
     */
    static ControlConnector dataSource(DataSource dataSource, String description) {
        boolean pool = isPool(dataSource);
        return new ControlConnector() {
            @Override
            public Connection open() throws SQLException {
                return Opening.run(dataSource::getConnection);
            }

            @Override
            public boolean holdsConnection() {
                return !pool;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** Through {@code driver} itself, with the URL and properties an application's connection was opened with. */
    static ControlConnector driver(java.sql.Driver driver, String url, Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return new ControlConnector() {
            @Override
            public Connection open() throws SQLException {
                Connection c = Opening.run(() -> driver.connect(url, copy));
                if (c == null) {
                    throw new SQLException("the driver " + driver.getClass().getName() + " does not accept " + describe());
                }
                return c;
            }

            @Override
            public String describe() {
                int q = url.indexOf('?');
                return q < 0 ? url : url.substring(0, q);
            }
        };
    }

    /** Whether the data source is a connection pool, by the names of the common ones (HikariCP, DBCP, c3p0, ...). */
    static boolean isPool(DataSource dataSource) {
        String name = dataSource.getClass().getName().toLowerCase(java.util.Locale.ROOT);
        for (String pool : new String[] {"pool", "hikari", "agroal", "c3p0", "dbcp", "vibur", "bonecp"}) {
            if (name.contains(pool)) {
                return true;
            }
        }
        return false;
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
