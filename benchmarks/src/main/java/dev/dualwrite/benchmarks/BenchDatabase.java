package dev.dualwrite.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** A table of {@code people} rows made fast in PostgreSQL, MariaDB or H2 for the operations benchmarks. */
final class BenchDatabase {
    final String url;
    final String kind;

    BenchDatabase(String url) {
        this.url = url;
        String lower = url.toLowerCase(Locale.ROOT);
        this.kind = lower.startsWith("jdbc:postgresql:") ? "postgresql" : lower.startsWith("jdbc:h2:") ? "h2"
                : "mariadb";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    static String uniqueName(String base) {
        return base + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    String version() throws SQLException {
        try (Connection c = connect()) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        }
    }

    /**
     * Creates {@code table (id BIGINT PRIMARY KEY, full_name, display_name, email)} with {@code rows} rows whose
     * display_name is {@code copied ? full_name : NULL}, and refreshes the planner's statistics.
     */
    void create(String table, int rows, boolean copied) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100), email VARCHAR(100))");
            String display = copied ? "full_name" : "NULL";
            switch (kind) {
                case "postgresql":
                    st.execute("INSERT INTO " + table + " (id, full_name, email) SELECT g, 'Person ' || g,"
                            + " 'p' || g || '@example.com' FROM generate_series(1, " + rows + ") g");
                    break;
                case "h2":
                    st.execute("INSERT INTO " + table + " (id, full_name, email) SELECT X, 'Person ' || X,"
                            + " 'p' || X || '@example.com' FROM SYSTEM_RANGE(1, " + rows + ")");
                    break;
                default:
                    c.setAutoCommit(false);
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                            + " (id, full_name, email) VALUES (?, ?, ?)")) {
                        for (int i = 1; i <= rows; i++) {
                            ps.setLong(1, i);
                            ps.setString(2, "Person " + i);
                            ps.setString(3, "p" + i + "@example.com");
                            ps.addBatch();
                            if (i % 10_000 == 0 || i == rows) {
                                ps.executeBatch();
                                c.commit();
                            }
                        }
                    }
                    c.setAutoCommit(true);
            }
            if (copied) {
                st.execute("UPDATE " + table + " SET display_name = " + display);
            }
            settle(table);
        }
    }

    /** Cleans up dead rows and refreshes statistics (not measured). */
    void settle(String table) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            if (kind.equals("postgresql")) {
                st.execute("VACUUM ANALYZE " + table);
            } else if (kind.equals("mariadb")) {
                st.execute("ANALYZE TABLE " + table);
            }
        }
    }

    /**
     * On PostgreSQL, writes out what earlier steps left dirty ({@code CHECKPOINT}) so that a timed step does not pay
     * for the WAL of the one before it; the timed step's own checkpoints still fall inside it. Not measured.
     */
    void checkpoint() throws SQLException {
        if (kind.equals("postgresql")) {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("CHECKPOINT");
            }
        }
    }

    void drop(String table) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            System.err.println("could not drop " + table + ": " + e.getMessage());
        }
    }
}
