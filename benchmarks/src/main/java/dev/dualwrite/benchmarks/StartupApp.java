package dev.dualwrite.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A minimal application for {@link AgentStartup}: opens an embedded H2 database, creates a table, runs its first
 * query, and prints how many milliseconds passed between the JVM's start and the end of that query.
 */
public final class StartupApp {
    private StartupApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:startup", "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(100), display_name VARCHAR(100))");
            s.execute("INSERT INTO people (id, full_name) VALUES (1, 'Ann')");
            try (ResultSet rs = s.executeQuery("SELECT full_name FROM people WHERE id = 1")) {
                rs.next();
            }
        }
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("first-query-ms=" + ms);
    }
}
