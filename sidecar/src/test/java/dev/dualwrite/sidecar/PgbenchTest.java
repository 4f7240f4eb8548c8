package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.ExternalPrograms.Started;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgbench, unmodified, through the sidecar in its three query modes (simple Query; extended with unnamed statements;
 * prepared with named statements bound again and again), on a window {@code pgbench_accounts.abalance -> balance}.
 * <ul>
 *   <li>mirror: {@code balance} was added and backfilled; the standard TPC-B script (old code, {@code abalance}) and a
 *       script of new code ({@code balance}) run at once with several clients, and afterwards no row differs;</li>
 *   <li>new-only: {@code abalance} was renamed to {@code balance}; the standard script runs without a failed
 *       transaction and the bank's books balance.</li>
 * </ul>
 */
@Tag("database")
@Tag("process")
class PgbenchTest {
    private static final int SECONDS = Integer.getInteger("dualwrite.pgbench.seconds", 3);
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private static Path pgbench;
    private static String mirrorDb;
    private static String newOnlyDb;
    private static SidecarServer mirror;
    private static SidecarServer newOnly;

    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws SQLException {
        pgbench = ExternalPrograms.require("pgbench");
        TestPostgres.admin().close();
        mirrorDb = TestPostgres.createDatabase("bench_mirror");
        newOnlyDb = TestPostgres.createDatabase("bench_newonly");
        initialize(mirrorDb);
        initialize(newOnlyDb);
        TestPostgres.execute(mirrorDb, "ALTER TABLE pgbench_accounts ADD COLUMN balance int",
                "UPDATE pgbench_accounts SET balance = abalance");
        TestPostgres.execute(newOnlyDb, "ALTER TABLE pgbench_accounts RENAME COLUMN abalance TO balance");
        ManualConfigSource mirrorConfig = Sidecars.rename("pgbench_accounts", "abalance", "balance", Phase.MIRROR);
        ManualConfigSource newOnlyConfig = Sidecars.rename("pgbench_accounts", "abalance", "balance",
                Phase.NEW_ONLY);
        mirror = Sidecars.start(mirrorConfig);
        newOnly = Sidecars.start(newOnlyConfig);
    }

    @AfterAll
    static void tearDown() {
        Sidecars.close(mirror);
        Sidecars.close(newOnly);
        TestPostgres.dropDatabase(mirrorDb);
        TestPostgres.dropDatabase(newOnlyDb);
    }

    private static void initialize(String db) {
        Result r = new Run(pgbench, "-i", "-s", 1, "-q", "-h", TestPostgres.HOST, "-p", TestPostgres.PORT, "-U",
                "postgres", db).run();
        assertEquals(0, r.exit(), r::describe);
    }

    private static Run bench(SidecarServer sidecar, String db, String mode, int clients, Object... more) {
        return new Run(pgbench, "-h", Sidecars.host(sidecar), "-p", Sidecars.port(sidecar), "-U", "postgres",
                "-M", mode, "-c", clients, "-j", 2, "-T", SECONDS).args(more).args(db)
                .timeout(Duration.ofSeconds(SECONDS + 60));
    }

    /** Transactions processed; asserts a clean run (exit 0, no failed or aborted client). */
    private static long assertCleanRun(Result r) {
        assertEquals(0, r.exit(), r::describe);
        assertTrue(!r.err().contains("error") && !r.out().contains("aborted"), r::describe);
        Matcher failed = FAILED.matcher(r.out());
        if (failed.find()) {
            assertEquals(0, Long.parseLong(failed.group(1)), r::describe);
        }
        Matcher processed = PROCESSED.matcher(r.out());
        assertTrue(processed.find(), r::describe);
        long n = Long.parseLong(processed.group(1));
        assertTrue(n > 0, r::describe);
        return n;
    }

    @ParameterizedTest(name = "-M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void mirrorOldAndNewCodeAtOnceLeaveNoDivergentRow(String mode) throws Exception {
        Path newCode = dir.resolve("new-code-" + mode + ".sql");
        Files.writeString(newCode, String.join("\n",
                "\\set aid random(1, 100000)",
                "\\set delta random(-5000, 5000)",
                "BEGIN;",
                "UPDATE pgbench_accounts SET balance = balance + :delta WHERE aid = :aid;",
                "SELECT balance FROM pgbench_accounts WHERE aid = :aid;",
                "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime)"
                        + " VALUES (1, 1, :aid, :delta, CURRENT_TIMESTAMP);",
                "END;", ""));
        long before = TestPostgres.queryLong(mirrorDb, "SELECT count(*) FROM pgbench_accounts WHERE balance <> 0");

        Started oldCode = bench(mirror, mirrorDb, mode, 4, "-n").start();
        Started newCodeRun = bench(mirror, mirrorDb, mode, 2, "-n", "-f", newCode).start();
        long oldTx = assertCleanRun(oldCode.await());
        long newTx = assertCleanRun(newCodeRun.await());

        assertEquals(0, TestPostgres.queryLong(mirrorDb,
                "SELECT count(*) FROM pgbench_accounts WHERE abalance IS DISTINCT FROM balance"),
                "rows where abalance and balance differ after " + oldTx + " old-code and " + newTx
                        + " new-code transactions");
        long after = TestPostgres.queryLong(mirrorDb, "SELECT count(*) FROM pgbench_accounts WHERE balance <> 0");
        assertTrue(after > before, "the runs changed balances (" + before + " -> " + after + " non-zero rows)");
    }

    @ParameterizedTest(name = "-M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void newOnlyStandardScriptKeepsTheBooksBalanced(String mode) throws Exception {
        TestPostgres.execute(newOnlyDb, "UPDATE pgbench_accounts SET balance = 0 WHERE balance <> 0",
                "UPDATE pgbench_tellers SET tbalance = 0", "UPDATE pgbench_branches SET bbalance = 0",
                "TRUNCATE pgbench_history");
        // Without -n pgbench also vacuums and truncates through the sidecar before it starts.
        long tx = assertCleanRun(bench(newOnly, newOnlyDb, mode, 4).run());

        String books = TestPostgres.queryValue(newOnlyDb, "SELECT (SELECT coalesce(sum(balance), 0)"
                + " FROM pgbench_accounts) || ' ' || (SELECT coalesce(sum(tbalance), 0) FROM pgbench_tellers) || ' ' ||"
                + " (SELECT coalesce(sum(bbalance), 0) FROM pgbench_branches) || ' ' ||"
                + " (SELECT coalesce(sum(delta), 0) FROM pgbench_history)");
        String[] sums = books.split(" ");
        assertTrue(sums[0].equals(sums[1]) && sums[1].equals(sums[2]) && sums[2].equals(sums[3]),
                "sum(balance) sum(tbalance) sum(bbalance) sum(delta) must be equal: " + books);
        assertEquals(tx, TestPostgres.queryLong(newOnlyDb, "SELECT count(*) FROM pgbench_history"),
                "one history row per transaction");
    }
}
