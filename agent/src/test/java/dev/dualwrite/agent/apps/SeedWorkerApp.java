package dev.dualwrite.agent.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * One version of the seed application, run as its own process next to the other version. v1 knows full_name and
 * phone_number; v2 knows display_name only. It writes and rewrites its own rows, waits until the other version's rows
 * are there, then prints a checksum of every row's name as its version reads it: both versions must print the same.
 *
 * <p>Arguments: version url user password table firstId count. Prints {@code RESULT checksum=...} and
 * {@code RESULT failures=...}.
 */
public final class SeedWorkerApp {
    private SeedWorkerApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean v1 = args[0].equals("v1");
        String table = args[4];
        int first = Integer.parseInt(args[5]);
        int count = Integer.parseInt(args[6]);
        String name = v1 ? "full_name" : "display_name";
        int failures = 0;
        try (Connection c = DriverManager.getConnection(args[1], args[2], args[3])) {
            String insert = v1 ? "INSERT INTO " + table + " (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)"
                    : "INSERT INTO " + table + " (id, email, display_name) VALUES (?, ?, ?)";
            for (int id = first; id < first + count; id++) {
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setInt(1, id);
                    ps.setString(2, args[0] + "-" + id + "@example.com");
                    ps.setString(3, args[0] + " " + id);
                    if (v1) {
                        ps.setString(4, "555-" + id);
                    }
                    ps.executeUpdate();
                    try (PreparedStatement up = c.prepareStatement("UPDATE " + table + " SET " + name
                            + " = ? WHERE id = ?")) {
                        up.setString(1, args[0] + " renamed " + id);
                        up.setInt(2, id);
                        up.executeUpdate();
                    }
                } catch (Exception e) {
                    failures++;
                    System.out.println("FAILED " + e);
                }
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE " + name
                                + " IS NOT NULL")) {
                    rs.next();
                    if (rs.getLong(1) >= 2L * count) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            long checksum = 0;
            int rows = 0;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, " + name + " FROM " + table + " ORDER BY id")) {
                while (rs.next()) {
                    checksum = checksum * 31 + (rs.getInt(1) + "=" + rs.getString(name)).hashCode();
                    rows++;
                }
            }
            System.out.println("RESULT rows=" + rows);
            System.out.println("RESULT checksum=" + checksum);
        } catch (Exception e) {
            failures++;
            System.out.println("FAILED " + e);
        }
        System.out.println("RESULT failures=" + failures);
    }
}
