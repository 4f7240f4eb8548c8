package dev.dualwrite.spring.rename;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.jdbc.DualWriteDataSource;
import dev.dualwrite.spring.rename.newapp.NewApplication;
import dev.dualwrite.spring.rename.oldapp.OldApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two versions of a real Spring Boot application (a Spring Data JPA repository and a JdbcTemplate DAO, one knowing
 * the column as {@code full_name}, the other as {@code display_name}) run at once, as two application contexts on one
 * database, while the window goes old-only, mirror, read-new, new-only with the migration's DDL and backfill between,
 * as a rolling deploy would have them. Neither version knows about the migration; the starter wraps their data
 * sources. Checked: no operation fails, every read returns what its owner last wrote (through both versions' stacks),
 * the two columns never diverge while both are written, every write is in the table at the end; and the metrics and
 * the endpoint, over HTTP on each application's random port, tell which version used which name.
 */
abstract class AbstractRollingRenameTest {
    static final int SEED_ROWS = 300;
    private static final long STEP_MILLIS = 1_200;
    private static final int WORKERS_PER_VERSION = 2;
    /** Operations each version must have done in a step before it ends. */
    private static final int MIN_OPERATIONS = 30;
    private static final String WINDOW = "people.full_name";
    private static final List<String> PHASES = List.of("old-only", "mirror", "read-new", "new-only");

    @TempDir
    Path dir;
    private Path config;
    private ConfigurableApplicationContext oldApp;
    private ConfigurableApplicationContext newApp;
    private Connection migrations;
    /** The workers hold its read side per operation; the scenario takes the write side to compare reads. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final AtomicReference<Tally> oldTally = new AtomicReference<>(new Tally());
    private final AtomicReference<Tally> newTally = new AtomicReference<>(new Tally());
    private final List<AppWorker> workers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String phase;
    private boolean bothColumns;
    private int stepNumber;

    /** The JDBC URL both versions of the application use (a plain one: the starter does the wrapping). */
    abstract String applicationUrl();

    /** Properties of the application's data source beyond its URL (a user, a password). */
    abstract List<String> dataSourceProperties();

    /** A plain connection for the migration: its DDL, the backfill and the checks, as a migration tool would. */
    abstract Connection openMigrationConnection() throws SQLException;

    /**
     * Whether the DDL must be kept from running while application statements are in flight. PostgreSQL's ALTER TABLE
     * takes a lock that makes the statements wait by themselves; H2 rebuilds the table for ADD/DROP COLUMN without
     * making concurrent writes wait, and loses what they write meanwhile (the samples' demo explains the same).
     */
    abstract boolean ddlWaitsForTheApplication();

    /** The dialect the endpoint is to report. */
    abstract String database();

    @AfterEach
    void closeEverything() throws Exception {
        for (AppWorker w : workers) {
            w.stop();
        }
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {oldApp, newApp}) {
            if (c != null) {
                c.close();
            }
        }
        if (migrations != null) {
            migrations.close();
        }
    }

    @Test
    void bothVersionsRunThroughTheWholeRenameWithoutAFailedStatementOrADivergentRow() throws Exception {
        config = dir.resolve("dualwrite.yaml");
        writeConfig("old-only");
        migrations = openMigrationConnection();
        createTable();
        oldApp = start(OldApplication.class, "people-old");
        newApp = start(NewApplication.class, "people-new");
        checkWrapped(oldApp);
        checkWrapped(newApp);
        checkPhaseGauges();
        for (int i = 0; i < 2 * WORKERS_PER_VERSION; i++) {
            boolean old = i % 2 == 0;
            ConfigurableApplicationContext app = old ? oldApp : newApp;
            AppWorker w = new AppWorker((old ? "old" : "new") + "-" + (i / 2 + 1), app.getBean(PeopleApp.class),
                    gate.readLock(), old ? oldTally : newTally, SEED_ROWS, i);
            workers.add(w);
        }
        workers.forEach(AppWorker::start);

        step("old-only: only full_name exists; both names mean full_name", null);
        step("ADD COLUMN display_name (old-only)", () -> {
            ddl("ALTER TABLE people ADD COLUMN display_name VARCHAR(200)");
            bothColumns = true;
        });
        configure("mirror");
        step("mirror: writes go to both columns, reads come from full_name", null);
        step("backfill (mirror)", this::backfill);
        requireBackfilled();
        configure("read-new");
        step("read-new: reads come from display_name, writes go to both", null);
        requireBackfilled();
        configure("new-only");
        step("new-only: both names mean display_name", null);
        step("DROP COLUMN full_name (new-only)", () -> {
            ddl("ALTER TABLE people DROP COLUMN full_name");
            bothColumns = false;
        });
        for (AppWorker w : workers) {
            w.stop();
        }

        finalChecks();
        checkEndpointAndMetrics(oldApp, true);
        checkEndpointAndMetrics(newApp, false);
        assertEquals(List.of(), failures, "failures: " + failures.size());
    }

    // ------------------------------------------------------------------------------------------- the applications

    private ConfigurableApplicationContext start(Class<?> application, String name) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.application.name=" + name,
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + applicationUrl(),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.pool-name=" + name,
                "--spring.jpa.hibernate.ddl-auto=none",
                "--spring.jpa.open-in-view=false",
                "--spring.sql.init.mode=never",
                "--server.port=0",
                "--management.endpoints.web.exposure.include=health,dualwrite,metrics",
                "--management.endpoint.health.show-details=always",
                "--dualwrite.config=" + config,
                // The decorator starter is on the test class path for DecoratorTest; this test is about dualwrite alone.
                "--decorator.datasource.enabled=false"));
        dataSourceProperties().forEach(p -> args.add("--" + p));
        return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
    }

    private static void checkWrapped(ConfigurableApplicationContext app) throws SQLException {
        DataSource ds = app.getBean(DataSource.class);
        assertTrue(ds instanceof DualWriteDataSource, "the starter wrapped the data source: " + ds.getClass());
        assertTrue(ds.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class), "around the pool");
    }

    // ------------------------------------------------------------------------------------------- steps

    @FunctionalInterface
    private interface Migration {
        void run() throws Exception;
    }

    private void step(String title, Migration migration) throws Exception {
        Tally oldStep = new Tally();
        Tally newStep = new Tally();
        oldTally.set(oldStep);
        newTally.set(newStep);
        System.out.printf("%n%d. %s%n", ++stepNumber, title);
        long end = System.currentTimeMillis() + STEP_MILLIS;
        if (migration != null) {
            Thread.sleep(STEP_MILLIS / 3);
            migration.run();
        }
        Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
        // On a loaded machine a step may go by with little done: every phase must see both versions at work.
        long limit = System.currentTimeMillis() + 60_000;
        while ((oldStep.operations() < MIN_OPERATIONS || newStep.operations() < MIN_OPERATIONS)
                && System.currentTimeMillis() < limit) {
            Thread.sleep(50);
        }
        compareReadsOfBothVersions();
        report("old version", oldStep);
        report("new version", newStep);
        checkColumns();
    }

    private void report(String version, Tally tally) {
        System.out.printf("   %s: %,d operations, %d failed%n", version, tally.operations(), tally.failures());
        if (tally.operations() < MIN_OPERATIONS) {
            failures.add(version + " did only " + tally.operations() + " operations in step " + stepNumber);
        }
        tally.problems().forEach(p -> failures.add("step " + stepNumber + ": " + p));
    }

    /**
     * While nothing writes, every person some worker owns reads the same, as its owner last wrote it, through both
     * versions' repositories and DAOs: the old version's {@code full_name} and the new one's {@code display_name}
     * are one value in every phase.
     */
    private void compareReadsOfBothVersions() {
        PeopleApp old = oldApp.getBean(PeopleApp.class);
        PeopleApp neu = newApp.getBean(PeopleApp.class);
        gate.writeLock().lock();
        try {
            int compared = 0;
            for (AppWorker w : workers) {
                for (long id : w.sample(25)) {
                    String expected = w.ledger.get(id);
                    for (PeopleApp app : List.of(old, neu)) {
                        String version = app == old ? "old" : "new";
                        String byRepository = app.nameByRepository(id);
                        String byDao = app.nameByDao(id);
                        if (!Objects.equals(expected, byRepository) || !Objects.equals(expected, byDao)) {
                            failures.add("step " + stepNumber + ": the " + version + " version reads " + w.name
                                    + "'s person " + id + " as " + byRepository + " / " + byDao + ", expected "
                                    + expected);
                        }
                    }
                    compared++;
                }
            }
            System.out.printf("   both versions read the same %d people as their owners wrote them%n", compared);
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** In mirror and read-new both columns are written by every statement: no row may differ once it has both. */
    private void checkColumns() throws SQLException {
        if (!bothColumns) {
            return;
        }
        long diverging = count("SELECT COUNT(*) FROM people WHERE display_name IS NOT NULL"
                + " AND display_name IS DISTINCT FROM full_name");
        long toBackfill = notBackfilled();
        System.out.printf("   rows where full_name and display_name diverge: %d; rows still to backfill: %d%n",
                diverging, toBackfill);
        if ((phase.equals("mirror") || phase.equals("read-new")) && diverging != 0) {
            failures.add("step " + stepNumber + ": " + diverging + " rows diverge while both columns are written");
        }
    }

    private void configure(String next) throws Exception {
        writeConfig(next);
        DualWrite.reloadConfiguration(config);
        System.out.printf("%n-- dualwrite.yaml: phase %s%n", next);
        checkPhaseGauges();
    }

    /** Both applications' phase gauges follow the file as soon as it is applied. */
    private void checkPhaseGauges() {
        for (ConfigurableApplicationContext app : List.of(oldApp, newApp)) {
            double value = app.getBean(MeterRegistry.class).get("dualwrite.window.phase").tag("window", WINDOW)
                    .gauge().value();
            assertEquals(PHASES.indexOf(phase), value, 0.0, app.getId() + " phase gauge in " + phase);
        }
    }

    private void writeConfig(String next) throws Exception {
        phase = next;
        String yaml = "windows:\n  - table: people\n    from: full_name\n    to: display_name\n    phase: " + next + "\n";
        Path tmp = config.resolveSibling("dualwrite.yaml.next");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    // ------------------------------------------------------------------------------------------- the migration

    private void createTable() throws SQLException {
        try (Statement s = migrations.createStatement()) {
            s.execute("CREATE TABLE people (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " email VARCHAR(200), full_name VARCHAR(200))");
        }
        try (PreparedStatement ps = migrations.prepareStatement(
                "INSERT INTO people (email, full_name) VALUES (?, ?)")) {
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
        if (ddlWaitsForTheApplication()) {
            gate.writeLock().lock();
        }
        try (Statement s = migrations.createStatement()) {
            s.execute(sql);
        } finally {
            if (ddlWaitsForTheApplication()) {
                gate.writeLock().unlock();
            }
        }
        System.out.printf("   %s: done in %d ms while both versions ran%n", sql, (System.nanoTime() - start) / 1_000_000);
    }

    /** Copies full_name to display_name in keyset batches, each its own short transaction, as the CLI's backfill. */
    private void backfill() throws SQLException {
        long until = count("SELECT MAX(id) FROM people");
        long last = 0;
        long copied = 0;
        try (PreparedStatement next = migrations.prepareStatement("SELECT MAX(id) FROM (SELECT id FROM people"
                + " WHERE id > ? AND id <= ? ORDER BY id LIMIT 100) batch");
                PreparedStatement copy = migrations.prepareStatement("UPDATE people SET display_name = full_name"
                        + " WHERE id > ? AND id <= ? AND display_name IS DISTINCT FROM full_name")) {
            while (true) {
                next.setLong(1, last);
                next.setLong(2, until);
                long upper;
                try (ResultSet rs = next.executeQuery()) {
                    rs.next();
                    upper = rs.getLong(1);
                    if (rs.wasNull()) {
                        break;
                    }
                }
                copy.setLong(1, last);
                copy.setLong(2, upper);
                copied += copy.executeUpdate();
                last = upper;
            }
        }
        System.out.printf("   backfill copied %d rows%n", copied);
    }

    private void requireBackfilled() throws SQLException {
        long missing = notBackfilled();
        if (missing != 0) {
            failures.add(missing + " rows have no display_name in phase " + phase);
        }
    }

    private long notBackfilled() throws SQLException {
        return count("SELECT COUNT(*) FROM people WHERE display_name IS NULL AND full_name IS NOT NULL");
    }

    // ------------------------------------------------------------------------------------------- outcomes

    /** Every person every worker added is in the table with the last name its owner gave it. */
    private void finalChecks() throws SQLException {
        long added = workers.stream().mapToLong(AppWorker::added).sum();
        long rows = count("SELECT COUNT(*) FROM people");
        long unnamed = count("SELECT COUNT(*) FROM people WHERE display_name IS NULL");
        long lost = 0;
        try (PreparedStatement ps = migrations.prepareStatement("SELECT display_name FROM people WHERE id = ?")) {
            for (AppWorker w : workers) {
                for (Map.Entry<Long, String> e : w.ledger.entrySet()) {
                    ps.setLong(1, e.getKey());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !e.getValue().equals(rs.getString(1))) {
                            lost++;
                        }
                    }
                }
            }
        }
        System.out.printf("%nat the end: %d rows (%d expected), %d without a display_name, %d writes lost%n", rows,
                SEED_ROWS + added, unnamed, lost);
        assertTrue(added > 0, "the workers added people");
        assertEquals(SEED_ROWS + added, rows, "rows");
        assertEquals(0, unnamed, "rows without a display_name");
        assertEquals(0, lost, "writes whose last value is not in the table");
    }

    /**
     * Over HTTP on the application's own port: the endpoint shows the window in new-only and that this version used
     * only its own name; the meters say the same, with no rejection; the health contributor is UP.
     */
    private void checkEndpointAndMetrics(ConfigurableApplicationContext app, boolean oldVersion) throws Exception {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        JsonNode ds = get(port, "/actuator/dualwrite").path("dataSources").path("dataSource");
        assertEquals(database(), ds.path("database").asText());
        assertEquals(config.toString(), ds.path("configuration").asText());
        JsonNode window = ds.path("windows").path(0);
        assertEquals(WINDOW, window.path("window").asText());
        assertEquals("rename", window.path("kind").asText());
        assertEquals("new-only", window.path("phase").asText());
        long oldUses = window.path("oldNameStatements").asLong();
        long newUses = window.path("newNameStatements").asLong();
        System.out.printf("%s: %d executions used full_name, %d display_name; %s%n", app.getId(), oldUses, newUses,
                ds.path("statements"));
        assertTrue(oldVersion ? oldUses > 0 && newUses == 0 : newUses > 0 && oldUses == 0,
                "each version uses only its own name: old " + oldUses + ", new " + newUses);
        assertEquals(oldVersion, window.path("oldNameLastUsed").isTextual());
        JsonNode statements = ds.path("statements");
        assertEquals(0, statements.path("rejected").asLong());
        assertTrue(statements.path("rewritten").asLong() > 0);
        assertTrue(statements.path("planCache").path("hits").asLong() > 0);

        assertEquals(oldUses, metric(port, "dualwrite.statements?tag=window:" + WINDOW + "&tag=name:old"), 0.0);
        assertEquals(newUses, metric(port, "dualwrite.statements?tag=window:" + WINDOW + "&tag=name:new"), 0.0);
        assertEquals(3.0, metric(port, "dualwrite.window.phase?tag=window:" + WINDOW), 0.0);
        assertEquals(0.0, metric(port, "dualwrite.rejected"), 0.0);
        assertEquals(statements.path("rewritten").asDouble(), metric(port, "dualwrite.rewritten"), 0.0);
        assertEquals(statements.path("planCache").path("hits").asDouble(),
                metric(port, "dualwrite.plan.cache?tag=cache:statement&tag=result:hit"), 0.0);
        assertEquals("UP", get(port, "/actuator/health").path("components").path("dualwrite").path("status")
                .asText());
    }

    private double metric(int port, String nameAndTags) throws Exception {
        return get(port, "/actuator/metrics/" + nameAndTags).path("measurements").path(0).path("value").asDouble();
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return json.readTree(r.body());
    }

    private long count(String sql) throws SQLException {
        try (Statement s = migrations.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
