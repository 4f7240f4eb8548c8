package dev.dualwrite.benchmarks;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.Operations;
import dev.dualwrite.ops.Windows;
import dev.dualwrite.ops.data.BackfillOptions;
import dev.dualwrite.ops.data.BackfillResult;
import dev.dualwrite.ops.data.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backfill's rate against its ceiling: for each round, two identical tables of N rows; one gets a single
 * {@code UPDATE t SET display_name = full_name} (every row locked at once: the fastest a copy can be), the other the
 * backfill with default settings (adaptive 200 ms batches, one worker). Reports both rates, their ratio (target: at
 * least 0.5) and the longest single batch (target: at most 500 ms). The order of the two alternates by round.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dualwrite.benchmarks.BackfillBenchmark \
 *     'jdbc:postgresql://127.0.0.1:5432/bench?user=postgres' 1000000 3 [cli/target/dualwrite.jar]
 * </pre>
 *
 * With the path of the executable the backfill runs as its own process ({@code dualwrite backfill}), timed from
 * process start to exit; without, in this JVM through the same code.
 */
public final class BackfillBenchmark {
    private static final Pattern LONGEST = Pattern.compile("longest batch (\\d+) ms");
    private static final Pattern BATCHES = Pattern.compile("in (\\d+) batches");

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchDatabase db = new BenchDatabase(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path cli = args.length > 3 ? Paths.get(args[3]) : null;
        System.out.printf("backfill benchmark: %s, %d rows, %d round(s), backfill %s%n", db.version(), rows, rounds,
                cli == null ? "in this JVM" : "as a process (" + cli + ")");
        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String single = BenchDatabase.uniqueName("bench_update");
            String batched = BenchDatabase.uniqueName("bench_backfill");
            try {
                db.create(single, rows, false);
                db.create(batched, rows, false);
                double updateSeconds;
                double[] backfill;
                if (round % 2 == 1) {
                    updateSeconds = singleUpdate(db, single);
                    backfill = backfill(db, batched, cli);
                } else {
                    backfill = backfill(db, batched, cli);
                    updateSeconds = singleUpdate(db, single);
                }
                double updateRate = rows / updateSeconds;
                double backfillRate = rows / backfill[0];
                System.out.printf("round %d: single UPDATE %.2f s (%.0f rows/s); backfill %.2f s (%.0f rows/s, %.2f of"
                        + " the single UPDATE), %d batches, longest batch %d ms%n", round, updateSeconds, updateRate,
                        backfill[0], backfillRate, backfillRate / updateRate, (long) backfill[2], (long) backfill[1]);
                results.add(new double[] {updateRate, backfillRate, backfill[1]});
            } finally {
                db.drop(single);
                db.drop(batched);
            }
        }
        double worstRatio = results.stream().mapToDouble(r -> r[1] / r[0]).min().orElse(0);
        double longest = results.stream().mapToDouble(r -> r[2]).max().orElse(0);
        System.out.printf("worst ratio %.2f (target >= 0.5); longest batch %d ms (target <= 500)%n", worstRatio,
                (long) longest);
    }

    private static double singleUpdate(BenchDatabase db, String table) throws Exception {
        db.checkpoint();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            long start = System.nanoTime();
            int n = st.executeUpdate("UPDATE " + table + " SET display_name = full_name");
            double seconds = (System.nanoTime() - start) / 1e9;
            if (n <= 0) {
                throw new IllegalStateException("the single UPDATE changed no row");
            }
            return seconds;
        }
    }

    /** @return seconds, longest batch in ms, batches */
    private static double[] backfill(BenchDatabase db, String table, Path cli) throws Exception {
        String yaml = "windows:\n  - table: " + table + "\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n";
        db.checkpoint();
        if (cli == null) {
            Operations ops = new Operations(DatabaseTarget.of(db.url, null, null, Map.of()),
                    Windows.of(Configuration.parse(yaml, "benchmark")), null);
            long start = System.nanoTime();
            BackfillResult r = ops.backfill(table + ".full_name", BackfillOptions.defaults(), Progress.SILENT);
            double seconds = (System.nanoTime() - start) / 1e9;
            check(r.complete(), "the backfill did not complete");
            return new double[] {seconds, r.longestBatchMillis(), r.batches()};
        }
        Path config = Files.createTempFile("dualwrite-bench", ".yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java, "-jar", cli.toString(), "backfill", table + ".full_name", "--url", db.url,
                "--config", config.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.deleteIfExists(config);
        check(exit == 0, "dualwrite backfill failed: " + out);
        Matcher longest = LONGEST.matcher(out);
        Matcher batches = BATCHES.matcher(out);
        check(longest.find() && batches.find(), "no closing line in: " + out);
        return new double[] {seconds, Long.parseLong(longest.group(1)), Long.parseLong(batches.group(1))};
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
