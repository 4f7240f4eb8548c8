package dev.dualwrite.samples.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dualwrite.samples.springboot.v1.PeopleServiceV1;
import dev.dualwrite.samples.springboot.v2.PeopleServiceV2;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rolling deploy of a Spring Boot service across a column rename, in one process on embedded H2.
 *
 * <p>Version 1 of the people service ({@link PeopleServiceV1}) stores names in {@code people.full_name}; version 2
 * ({@link PeopleServiceV2}) in {@code display_name}. Both run the whole time, each on its own port with the
 * dualwrite Spring Boot starter, as the old and the new pods of a deploy do, and clients send their requests to
 * either one in turn, as a load balancer would: a person added through one version is renamed through the other and
 * read back through the first. This program plays the operator: it edits {@code dualwrite.yaml} one phase at a time
 * (old-only, mirror, read-new, new-only), waits until {@code /actuator/dualwrite} of both versions shows the new
 * phase, and runs the migration's DDL and backfill on a plain connection between. After each step it prints what
 * each version served and which column names it used.
 *
 * <p>{@code --keep-running} leaves both versions up at the end, to look at their {@code /actuator/dualwrite},
 * {@code /actuator/health} and {@code /actuator/prometheus}. {@code --step-millis=N} sets how long each step runs
 * (default 2000). Exit status 0 when no request failed, every read returned what was written and no row diverged.
 */
public final class RollingDeploy implements AutoCloseable {
    private static final String H2_URL = "jdbc:h2:mem:people;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    private static final int SEED_ROWS = 200;
    private static final int CLIENTS = 2;

    private final long stepMillis;
    private final Path config;
    private final Connection migrations;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    /**
     * Clients hold the read side around each request; the DDL takes the write side. PostgreSQL and MySQL make
     * statements wait for ALTER TABLE by themselves; H2 rebuilds the table for ADD/DROP COLUMN without making
     * concurrent writes wait and loses what they write meanwhile, so here the clients wait for it.
     */
    private final ReadWriteLock ddlGate = new ReentrantReadWriteLock();
    private final List<Service> services = new ArrayList<>();
    private final List<Client> clients = new ArrayList<>();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private String phase;
    private boolean bothColumns;
    private int stepNumber;
    private boolean ok = true;

    /** One running version of the service. */
    private record Service(String label, String column, int port, AtomicReference<Tally> tally) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    public static void main(String[] args) {
        boolean keepRunning = Arrays.asList(args).contains("--keep-running");
        long stepMillis = 2_000;
        for (String a : args) {
            if (a.startsWith("--step-millis=")) {
                stepMillis = Long.parseLong(a.substring("--step-millis=".length()));
            }
        }
        boolean ok;
        try (RollingDeploy deploy = new RollingDeploy(stepMillis)) {
            ok = deploy.run();
            if (ok && keepRunning) {
                deploy.keepRunning();
            }
        } catch (Exception e) {
            e.printStackTrace();
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    public RollingDeploy(long stepMillis) throws Exception {
        this.stepMillis = stepMillis;
        config = Files.createTempDirectory("dualwrite-spring-boot-sample").resolve("dualwrite.yaml");
        writeConfig("old-only");
        migrations = DriverManager.getConnection(H2_URL, "sa", "");
        createTable();
    }

    /** Runs the whole deploy; true when nothing failed. */
    public boolean run() throws Exception {
        System.out.println("dualwrite Spring Boot sample: version 1 of the people service stores names in full_name,");
        System.out.println("version 2 in display_name; both run the whole time while people.full_name is renamed.");
        System.out.println("configuration: " + config);
        start(PeopleServiceV1.class, "version 1", "full_name");
        start(PeopleServiceV2.class, "version 2", "display_name");
        for (Service s : services) {
            System.out.printf("%s (%s) listens on %s%n", s.label(), s.column(), s.url(""));
        }
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Client("client-" + (i + 1), i));
        }
        clients.forEach(Client::start);

        step("old-only: only full_name exists; version 2's display_name is mapped to it", null);
        step("ADD COLUMN display_name (still old-only)", () -> {
            ddl("ALTER TABLE people ADD COLUMN display_name VARCHAR(200)");
            bothColumns = true;
        });
        configure("mirror");
        step("mirror: every write goes to both columns, reads come from full_name", null);
        step("backfill: copy full_name to display_name in batches", this::backfill);
        configure("read-new");
        step("read-new: reads come from display_name, writes still go to both", null);
        configure("new-only");
        step("new-only: both versions use display_name only", null);
        step("DROP COLUMN full_name: version 1 keeps working", () -> {
            ddl("ALTER TABLE people DROP COLUMN full_name");
            bothColumns = false;
        });
        for (Client c : clients) {
            c.stop();
        }
        finalChecks();
        System.out.printf("%nthe meters of %s, as Prometheus scrapes them from %s:%n", services.get(1).label(),
                services.get(1).url("/actuator/prometheus"));
        for (String line : text(services.get(1).url("/actuator/prometheus")).lines().toList()) {
            if (line.startsWith("dualwrite_") && !line.contains("evictions")) {
                System.out.println("   " + line);
            }
        }
        System.out.printf("%n%s%n", ok ? "no request failed, every read returned what was written, no row diverged"
                : "FAILED (see the messages above)");
        return ok;
    }

    private void start(Class<?> application, String label, String column) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(
                "--spring.application.name=people-" + label.replace(' ', '-'),
                "--spring.datasource.url=" + H2_URL,
                "--spring.datasource.username=sa",
                "--server.port=0",
                "--dualwrite.config=" + config);
        contexts.add(context);
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        services.add(new Service(label, column, port, new AtomicReference<>(new Tally())));
    }

    private void keepRunning() throws InterruptedException {
        System.out.println("\nboth versions keep running (Ctrl-C to stop):");
        for (Service s : services) {
            System.out.printf("   curl %s%n", s.url("/actuator/dualwrite"));
        }
        Thread.currentThread().join();
    }

    @Override
    public void close() throws Exception {
        for (Client c : clients) {
            c.stop();
        }
        for (ConfigurableApplicationContext c : contexts) {
            c.close();
        }
        migrations.close();
    }

    // -------------------------------------------------------------------------------------------------- steps

    @FunctionalInterface
    private interface Migration {
        void run() throws Exception;
    }

    private void step(String title, Migration migration) throws Exception {
        for (Service s : services) {
            s.tally().set(new Tally());
        }
        System.out.printf("%n%d. %s%n", ++stepNumber, title);
        long end = System.currentTimeMillis() + stepMillis;
        if (migration != null) {
            Thread.sleep(stepMillis / 3);
            migration.run();
        }
        Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
        for (Service s : services) {
            Tally t = s.tally().get();
            JsonNode window = dualwrite(s).path("windows").path(0);
            System.out.printf("   %s (%s): %,d requests, %d failed; full_name used %,d times, display_name %,d%n",
                    s.label(), s.column(), t.requests.sum(), t.failures.sum(),
                    window.path("oldNameStatements").asLong(), window.path("newNameStatements").asLong());
            if (t.failures.sum() > 0) {
                t.problems.forEach(p -> System.out.println("      " + p));
                fail(s.label() + " had failures");
            }
        }
        if (bothColumns) {
            long diverging = count("SELECT COUNT(*) FROM people WHERE display_name IS NOT NULL"
                    + " AND display_name IS DISTINCT FROM full_name");
            long toBackfill = count("SELECT COUNT(*) FROM people WHERE display_name IS NULL");
            boolean bothWritten = phase.equals("mirror") || phase.equals("read-new");
            System.out.printf("   rows where the two columns differ: %d%s; rows still to backfill: %d%n", diverging,
                    bothWritten ? "" : phase.equals("new-only") ? " (full_name is no longer written)"
                            : " (display_name is not written yet)", toBackfill);
            if (bothWritten && diverging != 0) {
                fail(diverging + " rows diverge while both columns are written");
            }
            if (phase.equals("read-new") && toBackfill != 0) {
                fail(toBackfill + " rows have no display_name, and reads come from it");
            }
        }
    }

    /** Edits dualwrite.yaml and waits until both versions say they apply the new phase. */
    private void configure(String next) throws Exception {
        writeConfig(next);
        long start = System.nanoTime();
        for (Service s : services) {
            while (!next.equals(dualwrite(s).path("windows").path(0).path("phase").asText())) {
                if (System.nanoTime() - start > 10_000_000_000L) {
                    fail(s.label() + " did not apply " + next + " within 10 s");
                    return;
                }
                Thread.sleep(50);
            }
        }
        System.out.printf("%n-- dualwrite.yaml: phase %s; both versions applied it within %d ms"
                + " (GET /actuator/dualwrite)%n", next, (System.nanoTime() - start) / 1_000_000);
    }

    private void writeConfig(String next) throws Exception {
        phase = next;
        String yaml = "windows:\n  - table: people\n    from: full_name\n    to: display_name\n    phase: " + next + "\n";
        Path tmp = config.resolveSibling("dualwrite.yaml.next");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // -------------------------------------------------------------------------------------------------- migration

    private void createTable() throws SQLException {
        try (Statement s = migrations.createStatement()) {
            s.execute("CREATE TABLE people (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " email VARCHAR(200), full_name VARCHAR(200))");
        }
        try (PreparedStatement ps = migrations.prepareStatement("INSERT INTO people (email, full_name) VALUES (?, ?)")) {
            for (int i = 1; i <= SEED_ROWS; i++) {
                ps.setString(1, "person" + i + "@example.com");
                ps.setString(2, "Person " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void ddl(String sql) throws SQLException {
        long start = System.nanoTime();
        ddlGate.writeLock().lock();
        try (Statement s = migrations.createStatement()) {
            s.execute(sql);
        } finally {
            ddlGate.writeLock().unlock();
        }
        System.out.printf("   %s: done in %d ms%n", sql, (System.nanoTime() - start) / 1_000_000);
    }

    /** Copies full_name to display_name in keyset batches of 50, each its own short transaction. */
    private void backfill() throws SQLException {
        long until = count("SELECT MAX(id) FROM people");
        long last = 0;
        long copied = 0;
        try (PreparedStatement copy = migrations.prepareStatement("UPDATE people SET display_name = full_name"
                + " WHERE id > ? AND id <= ? AND display_name IS DISTINCT FROM full_name")) {
            for (; last < until; last += 50) {
                copy.setLong(1, last);
                copy.setLong(2, Math.min(last + 50, until));
                copied += copy.executeUpdate();
            }
        }
        System.out.printf("   backfill copied %d rows%n", copied);
    }

    // -------------------------------------------------------------------------------------------------- checks

    private void finalChecks() throws SQLException {
        long created = 0;
        long lost = 0;
        try (PreparedStatement ps = migrations.prepareStatement("SELECT display_name FROM people WHERE id = ?")) {
            for (Client c : clients) {
                created += c.names.size();
                for (Map.Entry<Long, String> e : c.names.entrySet()) {
                    ps.setLong(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !e.getValue().equals(rs.getString(1))) {
                            lost++;
                        }
                    }
                }
            }
        }
        long rows = count("SELECT COUNT(*) FROM people");
        System.out.printf("%nat the end: %,d rows (%,d expected); %d names not as last written%n", rows,
                SEED_ROWS + created, lost);
        if (rows != SEED_ROWS + created || lost != 0) {
            fail("writes were lost");
        }
    }

    private JsonNode dualwrite(Service s) throws Exception {
        return json.readTree(text(s.url("/actuator/dualwrite"))).path("dataSources").path("dataSource");
    }

    private String text(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private long count(String sql) throws SQLException {
        try (Statement s = migrations.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void fail(String why) {
        System.out.println("   FAILED: " + why);
        ok = false;
    }

    // -------------------------------------------------------------------------------------------------- traffic

    /** Requests and failures one version served in one step. */
    private static final class Tally {
        final LongAdder requests = new LongAdder();
        final LongAdder failures = new LongAdder();
        final List<String> problems = new CopyOnWriteArrayList<>();

        void fail(String problem) {
            failures.increment();
            if (problems.size() < 10) {
                problems.add(problem);
            }
        }
    }

    /**
     * A client of the service behind a load balancer: each request goes to the next version in turn. It adds a
     * person, renames them through the other version, reads them back through the first and looks them up by name,
     * and checks every answer.
     */
    private final class Client implements Runnable {
        private static final long INTERVAL_NANOS = 1_000_000_000L / 100;
        private final String name;
        private final Thread thread;
        /** Person id to the name this client last gave them. */
        final Map<Long, String> names = new ConcurrentHashMap<>();
        private int turn;
        private int sequence;
        private volatile boolean running = true;

        Client(String name, int first) {
            this.name = name;
            this.turn = first;
            this.thread = new Thread(this, name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }

        @Override
        public void run() {
            long due = System.nanoTime();
            long id = -1;
            while (running) {
                due += INTERVAL_NANOS;
                LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                Service s = services.get(turn++ % services.size());
                Tally t = s.tally().get();
                ddlGate.readLock().lock();
                try {
                    t.requests.increment();
                    id = request(s, id, t);
                } catch (Exception e) {
                    t.fail(name + " -> " + s.label() + ": " + e);
                } finally {
                    ddlGate.readLock().unlock();
                }
            }
        }

        /** One request of the cycle add, rename, read, find; returns the person the cycle is about. */
        private long request(Service s, long id, Tally t) throws Exception {
            switch (sequence++ % 4) {
                case 0 -> {
                    String n = name + " #" + sequence;
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s.url("/people")))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                    json.writeValueAsString(new PersonView(0, name + sequence + "@example.com", n)))));
                    if (r.statusCode() != 201) {
                        t.fail("POST /people: " + r.statusCode() + " " + r.body());
                        return -1;
                    }
                    long created = json.readTree(r.body()).path("id").asLong();
                    names.put(created, n);
                    return created;
                }
                case 1 -> {
                    if (id < 0) {
                        return id;
                    }
                    String n = name + " #" + sequence + " (renamed)";
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s.url("/people/" + id + "/name")))
                            .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(n)));
                    if (r.statusCode() != 204) {
                        t.fail("PUT /people/" + id + "/name: " + r.statusCode() + " " + r.body());
                    } else {
                        names.put(id, n);
                    }
                    return id;
                }
                case 2 -> {
                    if (id < 0) {
                        return id;
                    }
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s.url("/people/" + id))));
                    String got = r.statusCode() == 200 ? json.readTree(r.body()).path("name").asText() : null;
                    if (!names.get(id).equals(got)) {
                        t.fail("GET /people/" + id + ": " + r.statusCode() + " " + got + ", expected " + names.get(id));
                    }
                    return id;
                }
                default -> {
                    if (id < 0) {
                        return id;
                    }
                    String expected = names.get(id);
                    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(s.url("/people?name="
                            + java.net.URLEncoder.encode(expected, StandardCharsets.UTF_8)))));
                    JsonNode found = r.statusCode() == 200 ? json.readTree(r.body()) : null;
                    if (found == null || found.size() != 1 || found.path(0).path("id").asLong() != id) {
                        t.fail("GET /people?name=" + expected + ": " + r.statusCode() + " " + r.body());
                    }
                    return id;
                }
            }
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
