package dev.dualwrite.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Connections to the databases the tests run against. H2 is embedded and always there. PostgreSQL and MariaDB are
 * real servers on loopback; their URLs can be changed with the environment variables {@code DUALWRITE_TEST_PG_URL}
 * and {@code DUALWRITE_TEST_MARIADB_URL}. A test that cannot reach a server skips on a laptop, but fails when the
 * environment variable {@code CI} is set: in CI a skipped database suite is a failing suite.
 */
public final class TestDatabases {
    public static final String PG_URL = env("DUALWRITE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    public static final String MARIADB_URL = env("DUALWRITE_TEST_MARIADB_URL",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=");
    private static final AtomicInteger H2_COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A fresh private in-memory H2 database, kept open until the JVM ends or the last connection closes. */
    public static String newH2Url() {
        return "jdbc:h2:mem:dw" + H2_COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    }

    public static Connection h2(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    public static Connection postgres() {
        return connect(PG_URL, "PostgreSQL");
    }

    public static Connection mariadb() {
        return connect(MARIADB_URL, "MariaDB");
    }

    /**
     * Connects, or skips the calling test when the server is unreachable and {@code CI} is not set, or fails it when
     * {@code CI} is set.
     */
    public static Connection connect(String url, String what) {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            String message = what + " is not reachable at " + url + " (" + e.getMessage() + ")";
            if (System.getenv("CI") != null) {
                Assertions.fail(message + "; CI is set, so a database test must not be skipped");
            }
            Assumptions.abort(message + "; skipping (set CI to make this a failure)");
            return null;
        }
    }
}
