package dev.dualwrite.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * The write cost of mirror: the same bulk UPDATE of N rows through the bare driver (which writes full_name only) and
 * through {@code jdbc:dualwrite:} with the window in mirror (which writes full_name and display_name), on the same
 * table, in alternating rounds. Two forms: one statement over the N rows ({@code bulk}), and N single-row UPDATEs
 * sent in JDBC batches of 1000 in one transaction ({@code batched}). Reports the medians and the ratio
 * dualwrite / bare (target: at most 1.3).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dualwrite.benchmarks.MirrorWriteBenchmark \
 *     'jdbc:postgresql://127.0.0.1:5432/bench?user=postgres' 100000 7
 * </pre>
 */
public final class MirrorWriteBenchmark {
    private MirrorWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchDatabase db = new BenchDatabase(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        String table = BenchDatabase.uniqueName("bench_mirror");
        Path config = Files.createTempFile("dualwrite-bench", ".yaml");
        Files.writeString(config, "windows:\n  - table: " + table + "\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n", StandardCharsets.UTF_8);
        System.out.printf("mirror write benchmark: %s, %d rows, %d rounds%n", db.version(), rows, rounds);
        try {
            db.create(table, rows, true);
            Properties p = new Properties();
            p.setProperty("dualwrite.config", config.toString());
            try (Connection bare = db.connect();
                 Connection dual = DriverManager.getConnection("jdbc:dualwrite:" + db.url.substring(5), p)) {
                for (String form : List.of("bulk", "batched")) {
                    List<Double> bareTimes = new ArrayList<>();
                    List<Double> dualTimes = new ArrayList<>();
                    for (int round = -1; round < rounds; round++) { // round -1 warms up both paths
                        boolean bareFirst = round % 2 == 0;
                        for (int side = 0; side < 2; side++) {
                            boolean isBare = (side == 0) == bareFirst;
                            double s = run(isBare ? bare : dual, form, table, rows, "r" + round + (isBare ? "b" : "d"));
                            db.settle(table);
                            if (round >= 0) {
                                (isBare ? bareTimes : dualTimes).add(s);
                            }
                        }
                    }
                    double b = median(bareTimes);
                    double d = median(dualTimes);
                    System.out.printf("%s: bare driver median %.3f s, jdbc:dualwrite: (mirror) median %.3f s,"
                            + " ratio %.2f (target <= 1.3); bare %s, dualwrite %s%n", form, b, d, d / b, bareTimes,
                            dualTimes);
                }
            }
        } finally {
            db.drop(table);
            Files.deleteIfExists(config);
        }
    }

    private static double run(Connection c, String form, String table, int rows, String value) throws SQLException {
        long start = System.nanoTime();
        if (form.equals("bulk")) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET full_name = ? WHERE id <= ?")) {
                ps.setString(1, value);
                ps.setLong(2, rows);
                if (ps.executeUpdate() != rows) {
                    throw new IllegalStateException("the bulk UPDATE missed rows");
                }
            }
        } else {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET full_name = ? WHERE id = ?")) {
                for (int i = 1; i <= rows; i++) {
                    ps.setString(1, value + i);
                    ps.setLong(2, i);
                    ps.addBatch();
                    if (i % 1000 == 0 || i == rows) {
                        ps.executeBatch();
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
