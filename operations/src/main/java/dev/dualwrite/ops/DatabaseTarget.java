package dev.dualwrite.ops;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The database an operation works on: a JDBC URL (a {@code jdbc:dualwrite:} prefix is accepted and ignored: the
 * operations run on the physical schema), a user, and a password taken from the environment only, so that it never
 * shows in a process listing.
 */
public final class DatabaseTarget {
    /** The environment variable the password is read from unless {@code --password-env} names another. */
    public static final String PASSWORD_VARIABLE = "DUALWRITE_PASSWORD";
    private static final String WRAPPER_PREFIX = "jdbc:dualwrite:";

    private final String url;
    private final String user;
    private final String password;
    private final String passwordSource;
    private final Dialect dialect;

    private DatabaseTarget(String url, String user, String password, String passwordSource, Dialect dialect) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.passwordSource = passwordSource;
        this.dialect = dialect;
    }

    /**
     * @param passwordEnv the variable named by {@code --password-env}, or null for {@value #PASSWORD_VARIABLE}
     * @param environment the process environment (a parameter so that tests can give their own)
     * @throws OpsException (exit 2) for an unsupported URL or a named password variable that is not set
     */
    public static DatabaseTarget of(String url, String user, String passwordEnv, Map<String, String> environment)
            throws OpsException {
        if (url == null || url.isBlank()) {
            throw OpsException.usage("--url is required, e.g. --url jdbc:postgresql://127.0.0.1:5432/app");
        }
        String physical = url.strip();
        if (physical.regionMatches(true, 0, WRAPPER_PREFIX, 0, WRAPPER_PREFIX.length())) {
            physical = "jdbc:" + physical.substring(WRAPPER_PREFIX.length());
        }
        String lower = physical.toLowerCase(Locale.ROOT);
        Dialect dialect;
        if (lower.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
        } else if (lower.startsWith("jdbc:mariadb:")) {
            dialect = Dialect.MYSQL;
        } else if (lower.startsWith("jdbc:mysql:")) {
            dialect = Dialect.MYSQL;
            if (!hasDriver(physical)) {
                // The MariaDB driver speaks to MySQL too; it takes the mysql scheme only when told to.
                physical = "jdbc:mariadb:" + physical.substring("jdbc:mysql:".length());
            }
        } else if (lower.startsWith("jdbc:h2:")) {
            dialect = Dialect.H2;
        } else {
            throw OpsException.usage("unsupported database URL " + redact(url)
                    + "; use a jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: or jdbc:h2: URL");
        }
        String password;
        String source;
        if (passwordEnv != null) {
            password = environment.get(passwordEnv);
            source = "the environment variable " + passwordEnv;
            if (password == null) {
                throw OpsException.usage("--password-env names " + passwordEnv + ", but that environment variable"
                        + " is not set; export it with the database password");
            }
        } else {
            password = environment.get(PASSWORD_VARIABLE);
            source = password == null ? "no password (" + PASSWORD_VARIABLE + " is not set)"
                    : "the environment variable " + PASSWORD_VARIABLE;
        }
        return new DatabaseTarget(physical, user, password, source, dialect);
    }

    private static boolean hasDriver(String url) {
        try {
            DriverManager.getDriver(url);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL the driver is given (without a {@code jdbc:dualwrite:} prefix), for messages without secrets. */
    public String displayUrl() {
        return redact(url);
    }

    /**
     * Opens a connection.
     *
     * @throws OpsException (exit 2) naming what failed, the URL and what to check; never the password
     */
    public Connection connect() throws OpsException {
        Driver driver;
        try {
            driver = DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw OpsException.usage("no JDBC driver accepts " + displayUrl()
                    + "; this build carries the PostgreSQL, MariaDB (also for MySQL) and H2 drivers");
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        try {
            Connection c = driver.connect(url, properties);
            if (c == null) {
                throw OpsException.usage("the JDBC driver does not accept " + displayUrl());
            }
            return c;
        } catch (SQLException e) {
            throw connectionError(e);
        }
    }

    private OpsException connectionError(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = firstLine(e.getMessage());
        String who = user == null ? "the URL's user" : "user " + user;
        if (state.startsWith("28") || e.getErrorCode() == 1045 || e.getErrorCode() == 28000) {
            return OpsException.usage("the database at " + displayUrl() + " refused " + who + " (" + detail
                    + "); check --user and the password in " + passwordSource, e);
        }
        if (state.startsWith("08") || e.getErrorCode() == 90067 || e.getCause() instanceof java.io.IOException) {
            return OpsException.usage("cannot reach the database at " + displayUrl() + " (" + detail
                    + "); check that the server runs and that --url names its host, port and database", e);
        }
        return OpsException.usage("cannot connect to " + displayUrl() + " as " + who + " (" + detail
                + (state.isEmpty() ? "" : ", SQLSTATE " + state) + "); check --url, --user and the password in "
                + passwordSource, e);
    }

    /** The first line of a driver's message (they run to several), trimmed; {@code no detail} for none. */
    public static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** The URL with the values of password-like parameters replaced. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password|passwd|pwd)=[^&;]*", "$1=***");
    }
}
