package dev.dualwrite.agent.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What every sample application does once it holds a connection, written the way an application would: plain SQL
 * in the names its version knows (here the old one: full_name and phone_number). Results are printed as
 * {@code RESULT key=value} lines for the test to read.
 */
final class AppSupport {
    private AppSupport() {
    }

    static void run(Connection c, String table, int id) throws SQLException {
        System.out.println("RESULT connection=" + c.getClass().getName());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, id);
            ps.setString(2, "p" + id + "@example.com");
            ps.setString(3, "Name " + id);
            ps.setString(4, "555-" + id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET full_name = ? WHERE id = ?")) {
            ps.setString(1, "Renamed " + id);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
        // A read by the new name, which this table does not physically serve in every phase.
        try (PreparedStatement ps = c.prepareStatement("SELECT display_name, phone_number FROM " + table
                + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.println("RESULT display_name=" + rs.getString("display_name"));
                System.out.println("RESULT phone_number=" + rs.getString("phone_number"));
            }
        }
    }
}
