package dev.dualwrite.samples;

import dev.dualwrite.core.rewrite.UsageCounters;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.jdbc.DualWriteConnection;
import dev.dualwrite.jdbc.DualWriteDriver;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A whole expand-and-contract migration on embedded H2, with the old and the new version of an application running
 * side by side the whole time, as they do during a rolling deploy.
 *
 * <p>The table starts as {@code people(id, email, full_name, phone_number)}. Version 1 of the application
 * ({@link OldPeopleDao}) uses {@code full_name} and {@code phone_number}; version 2 ({@link NewPeopleDao}) uses
 * {@code display_name} and no phone number. Neither knows about the migration: both connect through
 * {@code jdbc:dualwrite:h2:...}, and dualwrite maps their statements to the columns that exist in each phase.
 *
 * <p>The demo moves the rename window through its phases by rewriting {@code dualwrite.yaml} and reloading it; every
 * connection, including statements prepared long before, follows. The migration's own DDL and the backfill run on a plain H2 connection, as a migration tool would.
 * After each step the demo prints what each version did, and counts the rows whose two columns disagree.
 *
 * <p>Exit status 0 when no statement failed, no read returned something unexpected, and no row diverged; 1 otherwise.
 */
public final class RollingRenameDemo {
    /** An in-memory database that lives until the JVM exits. */
    private static final String H2_URL = "h2:mem:demo;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    private static final int SEED_ROWS = 2_000;
    private static final int INSTANCES_PER_VERSION = 2;
    /** How long both versions run in each step. */
    private static final long STEP_MILLIS = 1_000;

    private final Path config;
    private final Connection migrations;
    private final Connection probe;
    private final List<AppInstance> instances = new ArrayList<>();
    private final LongAdder inserted = new LongAdder();
    /**
     * The application holds the read side around each operation and the migration takes the write side for its DDL.
     * PostgreSQL and MySQL lock the table during ALTER TABLE, so statements wait for the DDL to finish. H2 rebuilds
     * the table for ADD/DROP COLUMN without making concurrent writes wait, and the rows they write in the meantime
     * are lost; this gate gives H2 the waiting the other databases do by themselves.
     */
    private final ReadWriteLock ddlGate = new ReentrantReadWriteLock();
    /** The phase in dualwrite.yaml, for the checks. */
    private String phase;
    private volatile Tally oldTally = new Tally();
    private volatile Tally newTally = new Tally();
    private int stepNumber;
    private boolean ok = true;

    public static void main(String[] args) {
        boolean ok;
        try {
            ok = new RollingRenameDemo().run();
        } catch (Exception e) {
            e.printStackTrace();
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    private RollingRenameDemo() throws Exception {
        config = Files.createTempDirectory("dualwrite-demo").resolve("dualwrite.yaml");
        writeConfig("old-only", false);
        migrations = DriverManager.getConnection("jdbc:" + H2_URL, "sa", "");
        createTable();
        probe = openApplicationConnection();
    }

    /** What every instance of the application does to connect: a dualwrite URL and the configuration file. */
    private Connection openApplicationConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "sa");
        properties.setProperty("password", "");
        properties.setProperty(DualWriteDriver.CONFIG_PROPERTY, config.toString());
        return DriverManager.getConnection("jdbc:dualwrite:" + H2_URL, properties);
    }

    private boolean run() throws Exception {
        System.out.println("dualwrite demo: rename people.full_name to display_name and drop people.phone_number,");
        System.out.println("with " + INSTANCES_PER_VERSION + " instances of the old version (full_name, phone_number) and "
                + INSTANCES_PER_VERSION + " of the new version (display_name) running throughout.");
        System.out.println("configuration: " + config);
        startApplication();
        long started = System.nanoTime();

        // Only full_name exists. The window is declared in phase old-only, so the new version's display_name is read
        // and written as full_name: the new version can be deployed before the migration.
        System.out.printf("%n-- dualwrite.yaml: phase old-only; statements sent:%n");
        showRewrites();
        step("old-only: only full_name exists; both names mean full_name", null);

        // Expand. Old-only does not write display_name, so adding it is safe while both versions run.
        step("ADD COLUMN display_name (still old-only)",
                () -> ddl("ALTER TABLE people ADD COLUMN display_name VARCHAR(200)"));

        // Mirror: a write of either name goes to both columns; reads still come from full_name, because display_name
        // is still empty in the rows written before this phase.
        configure("mirror", false);
        step("mirror: writes go to both columns, reads come from full_name", null);

        // The backfill copies full_name into display_name for the older rows, in small batches, while both versions
        // keep writing. Mirror makes every new write land in both columns, so nothing can drift behind it.
        step("backfill (mirror): copy full_name to display_name", this::backfill);
        requireBackfilled();

        // Reads move to display_name. Both columns are still written, so an instance still in mirror (a slow config
        // reload, a rollback) reads the same data.
        configure("read-new", false);
        step("read-new: reads come from display_name, writes go to both", null);
        requireBackfilled();

        // Contract. Nothing reads or writes full_name any more, even from the old version.
        configure("new-only", false);
        step("new-only: both names mean display_name", null);
        step("DROP COLUMN full_name (new-only)", () -> ddl("ALTER TABLE people DROP COLUMN full_name"));

        // A drop window: writes of phone_number are left out, reads of it return NULL under its name.
        configure("new-only", true);
        step("drop window on phone_number: its writes are left out, reads give NULL", null);
        step("DROP COLUMN phone_number", () -> ddl("ALTER TABLE people DROP COLUMN phone_number"));

        stopApplication();
        finalChecks();
        System.out.printf("%nfinished in %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
                ok ? "no statement failed, no row diverged, no write was lost"
                        : "FAILED (see the messages above)");
        return ok;
    }

    // ------------------------------------------------------------------------------------------------ the application

    private void createTable() throws SQLException {
        try (Statement s = migrations.createStatement()) {
            s.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, email VARCHAR(200), full_name VARCHAR(200),"
                    + " phone_number VARCHAR(40))");
        }
        try (PreparedStatement ps = migrations.prepareStatement(
                "INSERT INTO people (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= SEED_ROWS; id++) {
                ps.setLong(1, id);
                ps.setString(2, "person" + id + "@example.com");
                ps.setString(3, "Person " + id);
                ps.setString(4, "+1 555 " + (1000 + id));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Starts the instances of both versions. Each owns a share of the seed rows and adds people in its own id range,
     * so that it can check that it reads back what it wrote.
     */
    private void startApplication() throws SQLException {
        int instanceCount = 2 * INSTANCES_PER_VERSION;
        for (int i = 0; i < instanceCount; i++) {
            boolean old = i % 2 == 0;
            List<Long> own = new ArrayList<>();
            for (long id = 1 + i; id <= SEED_ROWS; id += instanceCount) {
                own.add(id);
            }
            Connection connection = openApplicationConnection();
            PeopleDao dao = old ? new OldPeopleDao(connection) : new NewPeopleDao(connection);
            String name = (old ? "old" : "new") + "-" + (i / 2 + 1);
            AppInstance instance = new AppInstance(name, dao, old ? () -> oldTally : () -> newTally,
                    ddlGate.readLock(), inserted, SEED_ROWS, 1_000_000L * (i + 1), own);
            instances.add(instance);
        }
        instances.forEach(AppInstance::start);
    }

    private void stopApplication() throws Exception {
        for (AppInstance instance : instances) {
            instance.stop();
            instance.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ steps

    /** Lets both versions run for a while (running {@code migration} in the middle), then reports. */
    private void step(String title, SqlAction migration) throws Exception {
        Tally oldStep = new Tally();
        Tally newStep = new Tally();
        oldTally = oldStep;
        newTally = newStep;
        System.out.printf("%n%d. %s%n", ++stepNumber, title);
        long end = System.currentTimeMillis() + STEP_MILLIS;
        if (migration != null) {
            Thread.sleep(STEP_MILLIS / 3);
            migration.run();
        }
        Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
        report("old version", oldStep);
        report("new version", newStep);
        checkColumns();
    }

    /**
     * Compares the two columns while both exist. A row where display_name is still NULL has not been backfilled yet;
     * a row where both are set and differ has diverged, which must never happen while both columns are written
     * (mirror and read-new).
     */
    private void checkColumns() throws SQLException {
        if (!bothColumnsExist()) {
            return;
        }
        long diverging = count("SELECT COUNT(*) FROM people WHERE display_name IS NOT NULL"
                + " AND display_name IS DISTINCT FROM full_name");
        switch (phase) {
            case "old-only" -> System.out.printf("   rows still to backfill: %,d (display_name is not written yet)%n",
                    notBackfilled());
            case "mirror", "read-new" -> {
                System.out.printf("   rows where full_name and display_name diverge: %d; rows still to backfill: %,d%n",
                        diverging, notBackfilled());
                if (diverging != 0) {
                    fail(diverging + " rows diverge while both columns are written");
                }
            }
            default -> System.out.printf("   full_name is no longer read or written: it already differs in %,d rows,"
                    + " and no version notices%n", diverging);
        }
    }

    private void report(String version, Tally tally) {
        System.out.printf("   %s: %,d statements, %d failed%n", version, tally.statements(), tally.failures());
        if (tally.failures() > 0) {
            tally.problems().forEach(p -> System.out.println("      " + p));
            fail(version + " had failures");
        }
    }

    /**
     * Rewrites dualwrite.yaml (atomically, so the driver never reads half a file) and has the driver apply it now.
     * Left alone, the driver would notice the change by itself within about a second; in a fleet every instance does
     * that on its own. Every connection, and every statement prepared before, uses the new configuration from its
     * next execution on. The demo checks that through {@link Connection#nativeSQL}, which shows the text dualwrite
     * sends for a statement, and prints those texts.
     */
    private void configure(String phase, boolean dropPhone) throws Exception {
        String before = rewrites();
        writeConfig(phase, dropPhone);
        DualWrite.reloadConfiguration(config);
        long start = System.nanoTime();
        while (rewrites().equals(before)) {
            // Only if the reload above was beaten by the driver's own check of the file, which publishes the same.
            if (System.nanoTime() - start > 5_000_000_000L) {
                fail("the driver did not apply " + config + " within 5 s");
                return;
            }
            Thread.sleep(20);
        }
        System.out.printf("%n-- dualwrite.yaml: phase %s%s; statements now sent:%n", phase,
                dropPhone ? " + drop window on phone_number" : "");
        showRewrites();
    }

    private void writeConfig(String phase, boolean dropPhone) throws Exception {
        this.phase = phase;
        String yaml = "windows:\n"
                + "  - table: people\n"
                + "    from: full_name\n"
                + "    to: display_name\n"
                + "    phase: " + phase + "\n"
                + (dropPhone ? "  - table: people\n    drop: phone_number\n" : "");
        Path next = config.resolveSibling("dualwrite.yaml.next");
        Files.writeString(next, yaml, StandardCharsets.UTF_8);
        Files.move(next, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The text dualwrite sends for each of the application's statements, under the configuration in force. */
    private String rewrites() throws SQLException {
        StringBuilder all = new StringBuilder();
        for (String sql : allStatements()) {
            all.append(probe.nativeSQL(sql)).append('\n');
        }
        return all.toString();
    }

    private void showRewrites() throws SQLException {
        for (String sql : allStatements()) {
            String sent = probe.nativeSQL(sql);
            String version = OldPeopleDao.INSERT.equals(sql) || OldPeopleDao.RENAME.equals(sql)
                    || OldPeopleDao.FIND.equals(sql) ? "old" : "new";
            System.out.printf("   %s  %s%n", version, sql);
            System.out.printf("        %s%n", sent.equals(sql) ? "(unchanged)" : "-> " + sent);
        }
    }

    private static List<String> allStatements() {
        return List.of(OldPeopleDao.INSERT, OldPeopleDao.RENAME, OldPeopleDao.FIND,
                NewPeopleDao.INSERT, NewPeopleDao.RENAME, NewPeopleDao.FIND);
    }

    // ------------------------------------------------------------------------------------------------ the migration

    @FunctionalInterface
    private interface SqlAction {
        void run() throws Exception;
    }

    /** DDL runs as written, on the migration tool's own connection, while the application runs (and waits for it). */
    private void ddl(String sql) throws SQLException {
        long start = System.nanoTime();
        ddlGate.writeLock().lock();
        try (Statement s = migrations.createStatement()) {
            s.execute(sql);
        } finally {
            ddlGate.writeLock().unlock();
        }
        System.out.printf("   %s: done in %d ms while both versions were running (they waited for it)%n", sql,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Copies full_name into display_name where they differ, in keyset batches of 200 rows on the primary key, each
     * its own short transaction. Rows added after the backfill starts are written to both columns by mirror, so the
     * backfill stops at the highest id that existed when it started.
     */
    private void backfill() throws SQLException {
        long last = 0;
        long until = count("SELECT MAX(id) FROM people");
        long copied = 0;
        int batches = 0;
        try (PreparedStatement next = migrations.prepareStatement(
                "SELECT MAX(id) FROM (SELECT id FROM people WHERE id > ? AND id <= ? ORDER BY id LIMIT 200)");
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
                batches++;
                last = upper;
            }
        }
        System.out.printf("   backfill copied %,d rows in %d batches%n", copied, batches);
    }

    // ------------------------------------------------------------------------------------------------ checks

    private void requireBackfilled() throws SQLException {
        long missing = notBackfilled();
        if (missing != 0) {
            fail(missing + " rows have no display_name, and reads are about to move there");
        }
    }

    private long notBackfilled() throws SQLException {
        return count("SELECT COUNT(*) FROM people WHERE display_name IS NULL AND full_name IS NOT NULL");
    }

    /**
     * After the application stopped: every row the two versions added is there, and every row has a display_name (a
     * write that had gone only to full_name would have been lost with it).
     */
    private void finalChecks() throws SQLException {
        long expected = SEED_ROWS + inserted.sum();
        long rows = count("SELECT COUNT(*) FROM people");
        long unnamed = count("SELECT COUNT(*) FROM people WHERE display_name IS NULL");
        System.out.printf("%nat the end: %,d rows (%,d expected), %d without a display_name%n", rows, expected,
                unnamed);
        if (rows != expected || unnamed != 0) {
            fail("writes were lost");
        }
        for (UsageCounters.Snapshot usage : probe.unwrap(DualWriteConnection.class).usage()) {
            // What an operator looks at before dropping a column: is the old name still in use, and by how much?
            System.out.printf("dualwrite usage counters, %s: %,d executions used the old name, %,d the new name%n",
                    usage.window(), usage.oldNameStatements(), usage.newNameStatements());
        }
    }

    private boolean bothColumnsExist() throws SQLException {
        return count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'PEOPLE'"
                + " AND COLUMN_NAME IN ('FULL_NAME', 'DISPLAY_NAME')") == 2;
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
}
