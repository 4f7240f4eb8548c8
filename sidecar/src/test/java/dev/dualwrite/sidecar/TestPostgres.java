package dev.dualwrite.sidecar;

import dev.dualwrite.core.db.TestDatabases;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the sidecar tests run against (the one of {@link TestDatabases#PG_URL}): an administrative
 * connection, its address for the sidecar's upstream, and scratch databases that the tests create and drop, so that
 * nothing a test does disturbs another.
 */
final class TestPostgres {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String HOST;
    static final int PORT;

    static {
        URI uri = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        HOST = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        PORT = uri.getPort() < 0 ? 5432 : uri.getPort();
    }

    private TestPostgres() {
    }

    /** A superuser connection to the test database; skips (or fails under CI) when the server is down. */
    static Connection admin() {
        return TestDatabases.postgres();
    }

    static InetSocketAddress address() {
        return new InetSocketAddress(HOST, PORT);
    }

    /** A name no other test run on this server uses at the same time. */
    static String unique(String label) {
        return ("dw_sc_" + label + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase(Locale.ROOT);
    }

    /** Creates an empty scratch database and returns its name. */
    static String createDatabase(String label) throws SQLException {
        String name = unique(label);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Drops a scratch database, ending whatever sessions are still connected to it. */
    static void dropDatabase(String name) {
        if (name == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    /** A direct (not proxied) superuser connection to a database. */
    static Connection direct(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database
                + "?user=postgres");
    }

    /** Runs statements directly on a database. */
    static void execute(String database, String... sql) throws SQLException {
        try (Connection c = direct(database); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** The first column of the first row of a query run directly on a database, as text (null for SQL NULL). */
    static String queryValue(String database, String sql) throws SQLException {
        try (Connection c = direct(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long queryLong(String database, String sql) throws SQLException {
        String v = queryValue(database, sql);
        return v == null ? 0 : Long.parseLong(v);
    }
}
