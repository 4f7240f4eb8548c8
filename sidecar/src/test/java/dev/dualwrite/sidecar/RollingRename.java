package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import dev.dualwrite.sidecar.ExternalPrograms.Started;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.function.Executable;

/**
 * The whole life of the window {@code people.full_name -> display_name} while an old and a new version of one
 * application, each a real process in the client's language, write and read through one sidecar at the same time:
 * <ol>
 *   <li>old-only: the table has {@code id, email, full_name, created_at};</li>
 *   <li>the migration {@code ADD COLUMN display_name} (through the sidecar, as an application's migration runs), then
 *       mirror; the backfill copies {@code full_name} into {@code display_name} and the verify counts rows where they
 *       differ (directly on the server, with the physical names, as the operations commands do);</li>
 *   <li>read-new, then new-only, then the migration {@code DROP COLUMN full_name} (through the sidecar), while the
 *       old version still runs and still says {@code full_name}.</li>
 * </ol>
 * Each step waits until both versions have completed a few more iterations of their workload, so that every phase and
 * every schema is exercised by both of them.
 *
 * <p>A workload program is started as {@code PROGRAM... host port database role control-directory}, where role is
 * {@code old} (it says {@code full_name}) or {@code new} (it says {@code display_name}). Until the file
 * {@code stop} appears in the control directory it repeats iterations; each iteration inserts a row whose
 * {@code email} is unique (starting with the role), names it {@code n:<email>}, reads it back, renames it to
 * {@code r:<email>} and reads it back again by name, and counts any statement that fails or any value read that is not
 * the one written as a failure. After each iteration it writes its iteration count to {@code <role>.progress} in the
 * control directory (by rename, so the file is never seen half written). At the end it prints {@code key=value} lines:
 * {@code iterations}, {@code inserted} (rows it inserted and did not delete), {@code failures}, {@code failure.N}
 * (the first few failures, with the error) and whatever the client's own test checks, then exits 0.
 */
final class RollingRename {
    /** Iterations each version completes in each step. */
    static final int ITERATIONS_PER_STEP = 4;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private final String db;
    private final ManualConfigSource config;
    private final SidecarServer sidecar;
    private final Path control;
    private final List<String> log = new ArrayList<>();
    private final Map<String, Long> divergentAt = new LinkedHashMap<>();
    private final Map<String, Started> workloads = new LinkedHashMap<>();

    private RollingRename(String db, ManualConfigSource config, SidecarServer sidecar, Path control) {
        this.db = db;
        this.config = config;
        this.sidecar = sidecar;
        this.control = control;
    }

    /** Creates a scratch database with the old schema and a sidecar in front of it in old-only. */
    static RollingRename prepare(String label, Path dir) throws SQLException, IOException {
        TestPostgres.admin().close();
        String db = TestPostgres.createDatabase(label);
        try {
            // A column after the renamed one, as real tables have: a result whose columns move is then decoded
            // against the wrong types, not only under the wrong names.
            TestPostgres.execute(db, "CREATE TABLE people (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE,"
                    + " full_name text, created_at timestamptz NOT NULL DEFAULT now())");
            ManualConfigSource config = new ManualConfigSource(window(Phase.OLD_ONLY));
            SidecarServer sidecar = Sidecars.start(config);
            return new RollingRename(db, config, sidecar, Files.createDirectories(dir.resolve("control")));
        } catch (RuntimeException | SQLException | IOException e) {
            TestPostgres.dropDatabase(db);
            throw e;
        }
    }

    private static Configuration window(Phase phase) {
        return Configuration.builder().rename("people", "full_name", "display_name", phase).build();
    }

    String database() {
        return db;
    }

    SidecarServer sidecar() {
        return sidecar;
    }

    /** Stops what is still running and drops the scratch database. */
    void close() {
        for (Started s : workloads.values()) {
            if (s.process.isAlive()) {
                s.process.descendants().forEach(ProcessHandle::destroyForcibly);
                s.process.destroyForcibly();
            }
        }
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    /** What one run of the two versions did. */
    record Outcome(Result old, Result current, Map<String, String> oldReport, Map<String, String> newReport,
            String steps) {
        Map<String, String> report(String role) {
            return role.equals("old") ? oldReport : newReport;
        }

        String describe() {
            return "steps:\n" + steps + "\n=== old version ===\n" + old.describe() + "\n=== new version ===\n"
                    + current.describe();
        }
    }

    /**
     * Runs both versions through the whole window and asserts the outcome: both exit 0 with zero failures after
     * working in every step, zero rows where the two columns differ after the backfill and at the end of read-new,
     * every row each version inserted present once with its last name, and nothing rejected by the sidecar.
     *
     * @param program the command of one version's workload, given its role ({@code old} or {@code new}); the
     *                harness appends the connection arguments and the control directory
     */
    Outcome run(Function<String, Run> program) throws Exception {
        for (String role : List.of("old", "new")) {
            Run run = program.apply(role).args(Sidecars.host(sidecar), Sidecars.port(sidecar), db, role, control)
                    .timeout(Duration.ofSeconds(240));
            workloads.put(role, run.start());
        }
        step("old-only: both versions run against the old schema (only full_name)", () -> { });
        step("migration through the sidecar: ALTER TABLE people ADD COLUMN display_name text",
                () -> throughSidecar("ALTER TABLE people ADD COLUMN display_name text"));
        step("phase mirror: reads from full_name, writes to both", () -> config.set(window(Phase.MIRROR)));
        step("backfill: UPDATE people SET display_name = full_name where they differ", () -> {
            TestPostgres.execute(db, "UPDATE people SET display_name = full_name"
                    + " WHERE display_name IS DISTINCT FROM full_name");
            divergentAt.put("after the backfill", divergent());
        });
        step("phase read-new: reads from display_name, writes to both", () -> config.set(window(Phase.READ_NEW)));
        divergentAt.put("at the end of read-new", divergent());
        step("phase new-only: reads from and writes to display_name", () -> config.set(window(Phase.NEW_ONLY)));
        step("migration through the sidecar: ALTER TABLE people DROP COLUMN full_name",
                () -> throughSidecar("ALTER TABLE people DROP COLUMN full_name"));
        Files.writeString(control.resolve("stop"), "stop");
        Result old = workloads.get("old").await();
        Result current = workloads.get("new").await();
        Outcome outcome = new Outcome(old, current, ClientScripts.report(old), ClientScripts.report(current),
                String.join("\n", log));
        System.out.println(outcome.describe());
        assertClean(outcome);
        return outcome;
    }

    private void assertClean(Outcome o) throws SQLException {
        List<Executable> checks = new ArrayList<>();
        for (String role : List.of("old", "new")) {
            Result r = role.equals("old") ? o.old() : o.current();
            Map<String, String> seen = o.report(role);
            checks.add(() -> assertEquals(0, r.exit(), role + " version's exit status"));
            checks.add(() -> assertEquals("0", seen.get("failures"), role + " version's failed statements"));
            checks.add(() -> assertTrue(Long.parseLong(seen.getOrDefault("iterations", "0"))
                    >= 7L * ITERATIONS_PER_STEP, role + " version worked in every step"));
            checks.add(() -> assertEquals(seen.get("inserted"), Long.toString(TestPostgres.queryLong(db,
                    "SELECT count(*) FROM people WHERE email LIKE '" + role + "-%'")),
                    role + " version's rows are all there"));
        }
        for (Map.Entry<String, Long> e : divergentAt.entrySet()) {
            checks.add(() -> assertEquals(0L, e.getValue(), "rows where full_name and display_name differ "
                    + e.getKey()));
        }
        checks.add(() -> assertEquals(0L, TestPostgres.queryLong(db, "SELECT count(*) FROM people"
                + " WHERE display_name IS DISTINCT FROM 'r:' || email"),
                "rows whose display_name is not the last name written (through either name, in any phase)"));
        checks.add(() -> assertEquals(0L, Sidecars.metric(sidecar, "dualwrite_statements_rejected_total"),
                "statements the sidecar rejected"));
        assertAll(o.describe(), checks.stream());
    }

    private long divergent() throws SQLException {
        return TestPostgres.queryLong(db, "SELECT count(*) FROM people WHERE full_name IS DISTINCT FROM display_name");
    }

    private void throughSidecar(String ddl) throws SQLException {
        try (Connection c = Sidecars.connect(sidecar, db); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '20s'");
            s.execute(ddl);
        }
    }

    /** One step: does it, then waits until both versions have completed more iterations since it was done. */
    private void step(String what, Executable action) throws Exception {
        long started = System.nanoTime();
        try {
            action.execute();
        } catch (Throwable t) {
            fail("step '" + what + "' failed: " + t, t);
        }
        Map<String, Long> before = new LinkedHashMap<>();
        for (String role : workloads.keySet()) {
            // The iteration under way may have started before the step: it does not count.
            before.put(role, progress(role) + 1);
        }
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        for (String role : workloads.keySet()) {
            Started s = workloads.get(role);
            while (progress(role) < before.get(role) + ITERATIONS_PER_STEP) {
                if (!s.process.isAlive()) {
                    fail("the " + role + " version ended during step '" + what + "'\nsteps:\n"
                            + String.join("\n", log) + "\n" + s.await().describe());
                }
                if (System.nanoTime() > deadline) {
                    fail("the " + role + " version made no progress for " + STEP_TIMEOUT.toSeconds()
                            + " s in step '" + what + "'");
                }
                Thread.sleep(10);
            }
        }
        log.add(what + " (" + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; iterations old "
                + progress("old") + ", new " + progress("new") + ")");
    }

    private long progress(String role) {
        try {
            String text = Files.readString(control.resolve(role + ".progress"), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
