package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.cli.fleet.FleetWriterApp;
import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.core.sql.Dialect;
import java.io.File;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet of issue 11 on PostgreSQL, all real processes: an application through {@code jdbc:dualwrite:} (old
 * name), one through the agent (new name) and a psycopg2 application through the sidecar (old name), writing and
 * reading all along while {@code dualwrite phase} walks the window old-only -> mirror -> read-new -> mirror (the
 * rollback) -> read-new -> new-only and {@code apply ... drop} drops the old column. Every instance applies each move
 * within one poll plus a second; the unsafe moves are refused; no statement fails, no row diverges, and every instance
 * leaves the live list when it exits.
 */
class FleetIT {
    private static final long POLL = 500;
    private static final String TABLE = "fleet_people";
    private static final String WINDOW = TABLE + ".full_name";
    private static final String ROLE = "dw_fleet_sidecar";
    private static final String ROLE_PASSWORD = "fleet-control";
    private static final Pattern RESULT = Pattern.compile("ok=(\\d+) failed=(\\d+) last=(\\d+)");

    @TempDir
    Path dir;

    private final String pgUrl = env("DUALWRITE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private final List<Process> processes = new ArrayList<>();
    private final StringBuilder moves = new StringBuilder();

    @Test
    void theFleetFollowsTheWindowToTheDrop() throws Exception {
        Path stop = dir.resolve("stop");
        try (Connection db = DriverManager.getConnection(pgUrl)) {
            prepare(db);
            cli(0, "init");
            cli(0, "window", "rename", WINDOW, "display_name");
            String key = "public." + TABLE + ".full_name";
            try {
                Map<String, Process> apps = startFleet(stop);
                Map<String, String> ids = awaitFleet(db, key, "old-only");

                cli(1, "phase", WINDOW, "new-only");
                move(db, key, ids, "mirror");
                cli(1, "phase", WINDOW, "read-new");
                moves.append(java.time.Instant.now()).append(" backfill\n");
                cli(0, "backfill", WINDOW);
                cli(0, "verify", WINDOW);
                move(db, key, ids, "read-new");
                Thread.sleep(1000);
                move(db, key, ids, "mirror");
                Thread.sleep(1000);
                move(db, key, ids, "read-new");
                assertEquals(0, count(db, "full_name IS DISTINCT FROM display_name"), "divergent rows");
                move(db, key, ids, "new-only");

                String status = cli(0, "status", WINDOW, "--json");
                for (String id : ids.values()) {
                    assertTrue(Pattern.compile("\"id\"\\s*:\\s*\"" + Pattern.quote(id) + "\"").matcher(status).find(),
                            "status lists " + id + ":\n" + status);
                }
                assertEquals(3, occurrences(status, "\"live\"\\s*:\\s*true"), status);
                // The window's phase and each instance's.
                assertEquals(4, occurrences(status, "\"phase\"\\s*:\\s*\"new-only\""), status);
                assertTrue(status.contains("\"safeToDropColumn\":true"), status);

                moves.append(java.time.Instant.now()).append(" apply drop\n");
                cli(0, "apply", WINDOW, "drop");
                moves.append(java.time.Instant.now()).append(" ended\n");
                Thread.sleep(1500);
                Files.createFile(stop);
                for (Map.Entry<String, Process> e : apps.entrySet()) {
                    if (!e.getKey().equals("sidecar")) {
                        checkWriter(db, e.getKey(), e.getValue());
                    }
                }
                Process sidecar = apps.get("sidecar");
                sidecar.destroy();
                assertTrue(sidecar.waitFor(20, TimeUnit.SECONDS), "the sidecar stops on SIGTERM");

                FleetState after = FleetState.read(db, new ControlTables(Dialect.POSTGRESQL, null));
                assertEquals(List.of(), after.live(System.currentTimeMillis()), "every instance left the live list");
                String gone = cli(0, "status", WINDOW, "--json");
                assertEquals(0, occurrences(gone, "\"live\"\\s*:\\s*true"), gone);
            } finally {
                for (Process p : processes) {
                    p.destroyForcibly();
                }
                try (Statement st = db.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + TABLE);
                    for (String t : ControlTables.ALL_TABLES) {
                        st.execute("DROP TABLE IF EXISTS " + t);
                    }
                    st.execute("DROP OWNED BY " + ROLE);
                    st.execute("DROP ROLE IF EXISTS " + ROLE);
                }
            }
        }
    }

    /** Moves the window and waits until every instance reports the phase: within one poll plus a second. */
    private void move(Connection db, String key, Map<String, String> ids, String phase) throws Exception {
        moves.append(java.time.Instant.now()).append(" dualwrite phase ").append(phase).append('\n');
        cli(0, "phase", WINDOW, phase);
        long moved = System.currentTimeMillis();
        moves.append(java.time.Instant.now()).append(" ended\n");
        long deadline = moved + POLL + 1000;
        while (true) {
            FleetState s = FleetState.read(db, new ControlTables(Dialect.POSTGRESQL, null));
            Set<String> lagging = new TreeSet<>();
            for (Map.Entry<String, String> e : ids.entrySet()) {
                FleetState.Report r = s.reports(key).get(e.getValue());
                if (r == null || !phase.equals(r.phaseApplied())) {
                    lagging.add(e.getKey());
                }
            }
            if (lagging.isEmpty()) {
                System.out.println("every instance applies " + phase + " " + (System.currentTimeMillis() - moved)
                        + " ms after dualwrite phase ended");
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                fail(lagging + " did not apply " + phase + " within " + (POLL + 1000) + " ms\n" + logs());
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Process> startFleet(Path stop) throws Exception {
        Path config = Files.writeString(dir.resolve("app.yaml"), "control:\n  poll: " + POLL + "ms\n");
        URI pg = URI.create(pgUrl.substring("jdbc:".length()));
        String dbName = pg.getPath().substring(1);
        Path sidecarConfig = Files.writeString(dir.resolve("sidecar.yaml"), "control:\n  poll: " + POLL + "ms\n"
                + "  url: jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/" + dbName + "\n"
                + "  user: " + ROLE + "\n  password-env: DW_FLEET_CONTROL_PASSWORD\n");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // The agent module is a test dependency only so that it is built first: its classes must come from the
        // -javaagent: jar alone, never from the class path.
        String cp = String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).filter(e -> !e.contains("dualwrite-agent") && !e.contains(
                        File.separator + "agent" + File.separator + "target")).toList());
        Map<String, Process> apps = new HashMap<>();

        apps.put("jdbc", start("jdbc", Map.of(), java, "-cp", cp, "-Ddualwrite.config=" + config,
                "-Ddualwrite.app=billing-v1", FleetWriterApp.class.getName(), "jdbc:dualwrite:" + pgUrl.substring(5),
                TABLE, "full_name", "1000000", stop.toString()));
        String agentJar = System.getProperty("dualwrite.agent.jar");
        assertTrue(Files.isRegularFile(Path.of(agentJar)), agentJar + " is built by the agent module");
        apps.put("agent", start("agent", Map.of(), java, "-javaagent:" + agentJar + "=config=" + config,
                "-Ddualwrite.app=billing-v2", "-cp", cp, FleetWriterApp.class.getName(), pgUrl, TABLE,
                "display_name", "2000000", stop.toString()));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        apps.put("sidecar", start("sidecar", Map.of("DW_FLEET_CONTROL_PASSWORD", ROLE_PASSWORD), java, "-cp", cp,
                Main.class.getName(), "sidecar", "--listen", "127.0.0.1:" + port, "--upstream",
                pg.getHost() + ":" + pg.getPort(), "--config", sidecarConfig.toString(), "--app", "reports-py"));
        awaitPort(port);
        Path script = dir.resolve("fleet_writer.py");
        try (InputStream in = FleetIT.class.getResourceAsStream("/fleet_writer.py")) {
            Files.write(script, in.readAllBytes());
        }
        String user = query(pg.getQuery(), "user");
        apps.put("python", start("python", Map.of(), python(), script.toString(), "127.0.0.1", String.valueOf(port),
                dbName, user == null ? "postgres" : user, TABLE, "full_name", "3000000", stop.toString()));
        return apps;
    }

    /** The instance id of each kind once all three are live and report {@code phase}. */
    private Map<String, String> awaitFleet(Connection db, String key, String phase) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            FleetState s = FleetState.read(db, new ControlTables(Dialect.POSTGRESQL, null));
            Map<String, String> ids = new HashMap<>();
            for (FleetState.Instance i : s.live(System.currentTimeMillis())) {
                FleetState.Report r = s.reports(key).get(i.id());
                if (r != null && phase.equals(r.phaseApplied())) {
                    ids.put(i.kind(), i.id());
                }
            }
            if (ids.keySet().equals(Set.of("jdbc", "agent", "sidecar"))) {
                assertEquals("billing-v1", s.instance(ids.get("jdbc")).app());
                assertEquals("billing-v2", s.instance(ids.get("agent")).app());
                assertEquals("reports-py", s.instance(ids.get("sidecar")).app());
                return ids;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    fail("a fleet process ended early with exit " + p.exitValue() + "\n" + logs());
                }
            }
            if (System.currentTimeMillis() > deadline) {
                fail("the fleet did not come up in " + phase + " (live: " + ids + ")\n" + logs());
            }
            Thread.sleep(100);
        }
    }

    /** The writer ended cleanly with no failed statement, and every row it wrote is there with its value. */
    private void checkWriter(Connection db, String name, Process p) throws Exception {
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), name + " stops");
        String out = Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
        Matcher m = RESULT.matcher(out);
        assertTrue(m.find(), name + " reports its counts:\n" + out + err);
        long ok = Long.parseLong(m.group(1));
        long failed = Long.parseLong(m.group(2));
        long last = Long.parseLong(m.group(3));
        System.out.println(name + ": " + ok + " rounds (insert, update, read back), " + failed + " failed");
        assertEquals(0, failed, name + " had failed statements:\n" + err);
        assertEquals(0, p.exitValue(), err);
        assertTrue(ok > 50, name + " kept writing: " + ok);
        long first = switch (name) {
            case "jdbc" -> 1_000_000;
            case "agent" -> 2_000_000;
            default -> 3_000_000;
        };
        // The round that saw the stop file did not run: ids first+1 .. last-1 (or last) are all there.
        long rows = count(db, "id > " + first + " AND id <= " + last + " AND display_name = 'w' || id");
        if (rows != ok) {
            StringBuilder bad = new StringBuilder();
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT id, display_name,"
                    + " written_at FROM " + TABLE + " WHERE id > " + first + " AND id <= " + last
                    + " AND display_name IS DISTINCT FROM 'w' || id ORDER BY id LIMIT 20")) {
                while (rs.next()) {
                    bad.append(rs.getInt(1)).append(" = ").append(rs.getString(2)).append(" at ")
                            .append(rs.getTimestamp(3).toInstant()).append('\n');
                }
            }
            fail(name + ": " + (ok - rows) + " of its " + ok + " rows lack the value it wrote last:\n" + bad
                    + "moves:\n" + moves + logs());
        }
    }

    private void prepare(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + TABLE);
            for (String t : ControlTables.ALL_TABLES) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            st.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, full_name TEXT, display_name TEXT,"
                    + " written_at TIMESTAMPTZ DEFAULT clock_timestamp())");
            st.execute("INSERT INTO " + TABLE + " (id, full_name) SELECT g, 'seed ' || g FROM generate_series(1, 500)"
                    + " g");
            ControlTables control = new ControlTables(Dialect.POSTGRESQL, null);
            control.ensure(db, ControlTables.FLEET_TABLES);
            // The sidecar's role: what the control tables need and nothing more (docs/operations.md lists it).
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'")) {
                if (rs.next()) {
                    st.execute("DROP OWNED BY " + ROLE);
                    st.execute("DROP ROLE " + ROLE);
                }
            }
            st.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
            st.execute("GRANT USAGE ON SCHEMA public TO " + ROLE);
            st.execute("GRANT SELECT ON dualwrite_fleet, dualwrite_windows TO " + ROLE);
            st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON dualwrite_instances, dualwrite_instance_windows TO "
                    + ROLE);
        }
    }

    private String cli(int expectedExit, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url");
        all.add(pgUrl);
        Cli.Result r = Cli.run(Map.of(), all.toArray(new String[0]));
        assertEquals(expectedExit, r.exit(), "dualwrite " + String.join(" ", args) + ":\n" + r);
        if (expectedExit == 1) {
            System.out.println("refused as expected: dualwrite " + String.join(" ", args) + "\n" + r.err().strip());
        }
        return r.out();
    }

    private Process start(String name, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().remove("DUALWRITE_CONFIG");
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** The end of every process's output, for a failure's message. */
    private String logs() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("jdbc", "agent", "sidecar", "python")) {
            for (String stream : List.of(".out", ".err")) {
                try {
                    String text = Files.readString(dir.resolve(name + stream), StandardCharsets.UTF_8);
                    b.append("--- ").append(name).append(stream).append('\n')
                            .append(text.substring(Math.max(0, text.length() - 3000)));
                } catch (java.io.IOException e) {
                    b.append("--- ").append(name).append(stream).append(": ").append(e).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static void awaitPort(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the sidecar did not listen on " + port);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The first python3 that imports psycopg2 (a version manager's shim may come first without it). */
    private static String python() throws Exception {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path p = Paths.get(d, "python3");
            if (Files.isExecutable(p)) {
                Process check = new ProcessBuilder(p.toString(), "-c", "import psycopg2").redirectErrorStream(true)
                        .start();
                check.getInputStream().readAllBytes();
                if (check.waitFor() == 0) {
                    return p.toString();
                }
            }
        }
        fail("no python3 on the PATH imports psycopg2 (Debian package python3-psycopg2)");
        return null;
    }

    private static long count(Connection db, String where) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int occurrences(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String query(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
