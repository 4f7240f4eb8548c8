package dev.dualwrite.cli.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One instance of an application version in the fleet test: writes rows with its version's name of the column and
 * reads each back, on statements prepared once, until the stop file appears; prints {@code ok=N failed=M} and exits
 * with 0 only when no statement failed and every read returned what was written.
 *
 * <p>Arguments: JDBC URL, table, column name this version uses, first id, stop file.
 */
public final class FleetWriterApp {
    private FleetWriterApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String table = args[1];
        String column = args[2];
        int id = Integer.parseInt(args[3]);
        Path stop = Path.of(args[4]);
        long ok = 0;
        long failed = 0;
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, " + column
                        + ") VALUES (?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET " + column
                        + " = ? WHERE id = ?");
                PreparedStatement select = c.prepareStatement("SELECT " + column + " FROM " + table
                        + " WHERE id = ?")) {
            System.out.println("started");
            while (!Files.exists(stop)) {
                id++;
                try {
                    insert.setInt(1, id);
                    insert.setString(2, "v" + id);
                    expect(insert.executeUpdate() == 1, "insert " + id);
                    update.setString(1, "w" + id);
                    update.setInt(2, id);
                    expect(update.executeUpdate() == 1, "update " + id);
                    select.setInt(1, id);
                    try (ResultSet rs = select.executeQuery()) {
                        expect(rs.next() && ("w" + id).equals(rs.getString(1)), "read back " + id);
                    }
                    ok++;
                } catch (SQLException | IllegalStateException e) {
                    failed++;
                    System.err.println("FAILED at id " + id + ": " + e);
                }
                Thread.sleep(15);
            }
        }
        System.out.println("ok=" + ok + " failed=" + failed + " last=" + id);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }
}
