package dev.dualwrite.jdbc.scenario;

import dev.dualwrite.core.config.Phase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The seed scenario: a rolling deploy renames people.full_name to display_name and removes phone_number while v1 and
 * v2 of the application run at once.
 *
 * <p>Worker threads of both versions loop over inserts, updates, reads by id (explicit columns and SELECT *), lookups
 * by name and range listings, each on its own connection (or pool), while the operator walks the window through every
 * phase: old-only, ADD COLUMN display_name, mirror, backfill, read-new, new-only, DROP COLUMN full_name, and finally
 * DROP COLUMN phone_number (whose drop window is open for the whole run). The migration's DDL, the backfill and the
 * checks use a direct connection, as a migration tool would.
 *
 * <p>Checked: no statement fails; after every write the row is read back through the writer's own version and through
 * the other version (on another connection), and must hold what was written; the other version finds it by name;
 * phone_number always reads NULL; no row has full_name and display_name apart at the end of mirror (after the backfill)
 * or at the end of read-new; at the end every row holds what its writer last wrote.
 *
 * <p>Where the database cannot alter a table that other sessions are using (H2), the DDL waits for the operations in
 * flight and holds the next ones back, as such a migration would have to; elsewhere it runs among them.
 *
 * <p>The one failure that is not counted is a database rolling back an application transaction as a deadlock victim
 * while the migration's DDL runs (see {@link #rolledBackByDdl}); the transaction's writes are then entirely absent,
 * which the final check of every row confirms.
 *
 * <p>A phase segment ends when every worker has completed a number of operations that began in it, so a phase change
 * or DDL never races an operation begun under the previous phase. Nothing waits for a fixed time.
 */
final class RenameScenario {
    static final int WORKERS_PER_VERSION = 2;
    static final int OPS_PER_SEGMENT = 40;
    static final long SEGMENT_TIMEOUT_MILLIS = 20_000;
    static final int BACKFILL_BATCH = 25;
    private static final int MAX_RECORDED = 100;

    private final ScenarioDatabase db;
    private final String table;
    private final AtomicLong ids = new AtomicLong();
    /** Ids of committed rows, for reads of rows another worker wrote. */
    private final List<Long> committed = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failureCount = new AtomicInteger();
    /** Every failure counted by where it happened and its innermost cause, for the report. */
    private final Map<String, Integer> failureKinds = new java.util.TreeMap<>();
    private final List<Worker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Held by the workers' operations and by DDL where the database cannot alter a table in use. */
    private final ReentrantReadWriteLock ddlGate = new ReentrantReadWriteLock(true);
    /** Odd while the migration's DDL runs; moves at its start and end. */
    private final AtomicLong ddlGeneration = new AtomicLong();
    /** Application transactions the database chose as deadlock victims against the migration's DDL. */
    private final AtomicInteger ddlVictims = new AtomicInteger();
    private volatile long epoch;
    private volatile String stage = "start";
    private volatile boolean stop;
    private Connection raw;

    private RenameScenario(ScenarioDatabase db) {
        this.db = db;
        this.table = "people_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    }

    /** Runs the scenario through the doors {@code factory} opens; fails with every problem seen. */
    static void run(ScenarioDatabase db, Path dir, Door.Factory factory) throws Exception {
        new RenameScenario(db).run(dir, factory);
    }

    private void run(Path dir, Door.Factory factory) throws Exception {
        raw = db.raw();
        Door door = null;
        try {
            ddl("CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, email VARCHAR(200),"
                    + " full_name VARCHAR(200), phone_number VARCHAR(40))");
            door = factory.open(db, table, dir);
            for (int i = 0; i < WORKERS_PER_VERSION; i++) {
                workers.add(new Worker("v1w" + i, door.v1(), door.v2()));
                workers.add(new Worker("v2w" + i, door.v2(), door.v1()));
            }
            for (Worker w : workers) {
                Thread t = new Thread(w, table + "-" + w.name);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            walk(door);
        } catch (Exception | AssertionError e) {
            record(e);
        } finally {
            stopWorkers();
            for (Worker w : workers) {
                w.closeQuietly();
            }
            try {
                if (door != null) {
                    door.close();
                }
            } finally {
                try {
                    ddl("DROP TABLE " + table);
                } finally {
                    raw.close();
                }
            }
        }
        report();
    }

    private void walk(Door door) throws Exception {
        segment("old-only");
        ddl("ALTER TABLE " + table + " ADD COLUMN display_name VARCHAR(200)");
        segment("old-only after ADD COLUMN display_name");

        door.phase(Phase.MIRROR);
        segment("mirror");
        backfill();
        segment("mirror after backfill");
        checkNoDivergence("end of mirror (after the backfill)");

        door.phase(Phase.READ_NEW);
        segment("read-new");
        checkNoDivergence("end of read-new");

        door.phase(Phase.NEW_ONLY);
        segment("new-only");
        ddl("ALTER TABLE " + table + " DROP COLUMN full_name");
        segment("new-only after DROP COLUMN full_name");
        ddl("ALTER TABLE " + table + " DROP COLUMN phone_number");
        segment("new-only after DROP COLUMN phone_number");

        stopWorkers();
        checkFinalRows();
    }

    // ------------------------------------------------------------------------------------------- the operator

    private void ddl(String sql) throws SQLException {
        if (!db.onlineDdl) {
            ddlGate.writeLock().lock();
        }
        ddlGeneration.incrementAndGet();
        try (Statement s = raw.createStatement()) {
            s.execute(sql);
        } finally {
            ddlGeneration.incrementAndGet();
            if (!db.onlineDdl) {
                ddlGate.writeLock().unlock();
            }
        }
    }

    /** Copies full_name to display_name where they differ, in short keyset batches over the rows present at start. */
    private void backfill() throws SQLException {
        long max;
        try (Statement s = raw.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM " + table)) {
            rs.next();
            max = rs.getLong(1);
        }
        try (PreparedStatement ps = raw.prepareStatement("UPDATE " + table + " SET display_name = full_name"
                + " WHERE id > ? AND id <= ? AND " + db.differ("full_name", "display_name"))) {
            for (long low = 0; low < max; low += BACKFILL_BATCH) {
                ps.setLong(1, low);
                ps.setLong(2, low + BACKFILL_BATCH);
                ps.executeUpdate();
            }
        }
    }

    /** Zero rows may have full_name and display_name apart (the workers keep running meanwhile). */
    private void checkNoDivergence(String when) throws SQLException {
        List<String> samples = new ArrayList<>();
        int count = 0;
        try (Statement s = raw.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, full_name, display_name FROM " + table + " WHERE "
                        + db.differ("full_name", "display_name") + " ORDER BY id")) {
            while (rs.next()) {
                if (count++ < 10) {
                    samples.add("id " + rs.getLong(1) + ": full_name=" + quote(rs.getString(2)) + " display_name="
                            + quote(rs.getString(3)));
                }
            }
        }
        if (count > 0) {
            record(new AssertionError(db + ": " + count + " row(s) of " + table + " have full_name and display_name"
                    + " apart at the " + when + ", e.g. " + samples));
        }
    }

    /** Every row holds what its owner last wrote; nothing was lost. */
    private void checkFinalRows() throws SQLException {
        Map<Long, String[]> stored = new HashMap<>();
        try (Statement s = raw.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, email, display_name FROM " + table)) {
            while (rs.next()) {
                stored.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        int rows = 0;
        for (Worker w : workers) {
            for (Person p : w.owned.values()) {
                rows++;
                String[] got = stored.get(p.id());
                if (got == null) {
                    record(new AssertionError(db + ": row " + p.id() + " written by " + w.name + " is missing"));
                } else if (!Objects.equals(got[0], p.email()) || !Objects.equals(got[1], p.name())) {
                    record(new AssertionError(db + ": row " + p.id() + " written by " + w.name + " holds email="
                            + quote(got[0]) + " display_name=" + quote(got[1]) + ", expected email="
                            + quote(p.email()) + " name=" + quote(p.name())));
                }
            }
        }
        if (rows != stored.size()) {
            record(new AssertionError(db + ": the table has " + stored.size() + " rows, the workers wrote " + rows));
        }
    }

    /**
     * Starts a segment and returns once every worker has completed {@link #OPS_PER_SEGMENT} operations begun in it
     * (hence also finished whatever it had begun before).
     */
    private void segment(String name) throws InterruptedException {
        stage = name;
        long e = ++epoch;
        long deadline = System.currentTimeMillis() + SEGMENT_TIMEOUT_MILLIS;
        for (Worker w : workers) {
            while (true) {
                Worker.Progress p = w.progress;
                if (p.epoch() == e && p.ops() >= OPS_PER_SEGMENT) {
                    break;
                }
                if (!threads.get(workers.indexOf(w)).isAlive()) {
                    throw new AssertionError(w.name + " died in " + name);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError(db + ": " + w.name + " made no progress in " + name + " for "
                            + SEGMENT_TIMEOUT_MILLIS + " ms (" + p + "); failures so far: " + failures.peek(),
                            failures.peek());
                }
                Thread.sleep(2);
            }
        }
    }

    private void stopWorkers() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
            if (t.isAlive()) {
                record(new AssertionError(t.getName() + " did not stop"));
            }
        }
    }

    private void record(Throwable t) {
        record("check", t);
    }

    /** Records a failure; {@code where} and the innermost cause (with its values masked) give its kind. */
    private void record(String where, Throwable t) {
        failureCount.incrementAndGet();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = String.valueOf(root.getMessage()).lines().findFirst().orElse("")
                .replaceAll("Person\\[[^\\]]*\\]", "Person[..]").replaceAll("'[^']*'", "'..'")
                .replaceAll("\\d+", "N");
        String kind = where + " | " + root.getClass().getSimpleName() + ": "
                + (cause.length() > 160 ? cause.substring(0, 160) + "..." : cause);
        synchronized (failureKinds) {
            failureKinds.merge(kind, 1, Integer::sum);
        }
        if (failures.size() < MAX_RECORDED) {
            failures.add(t);
        }
    }

    /**
     * Whether {@code t} is the database rolling back a transaction (SQLSTATE class 40) while the migration's DDL was
     * running. MariaDB does this to a transaction that read the table and then writes it while an ALTER TABLE waits
     * for the table's metadata lock: the two wait for each other, and the transaction is chosen as the deadlock victim,
     * with or without dualwrite. An application retries such a transaction; what it wrote is rolled back entirely.
     */
    private boolean rolledBackByDdl(Throwable t, long ddlBefore) {
        long now = ddlGeneration.get();
        if (now == ddlBefore && now % 2 == 0) {
            return false;
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private void report() {
        if (ddlVictims.get() > 0) {
            System.out.println(db + ": " + ddlVictims.get() + " application transaction(s) on " + table
                    + " were rolled back as deadlock victims of the migration's DDL");
        }
        if (failures.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(db + ": " + failureCount.get() + " failure(s) in the rename"
                + " scenario on " + table + "; by kind:");
        synchronized (failureKinds) {
            failureKinds.forEach((kind, n) -> message.append("\n  ").append(n).append(" x ").append(kind));
        }
        message.append("\nthe first ones:");
        int i = 0;
        for (Throwable t : failures) {
            if (i++ == 20) {
                break;
            }
            message.append("\n  - ").append(t.getMessage());
            for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                message.append("\n      caused by ").append(c);
            }
        }
        AssertionError error = new AssertionError(message.toString(), failures.peek());
        failures.stream().skip(1).limit(10).forEach(error::addSuppressed);
        throw error;
    }

    private static String quote(String s) {
        return s == null ? "NULL" : "'" + s + "'";
    }

    // ------------------------------------------------------------------------------------------- the application

    /** One application instance's worker: its own data-access object, and one of the other version for checks. */
    private final class Worker implements Runnable {
        record Progress(long epoch, int ops) {
        }

        final String name;
        final PeopleDao me;
        final PeopleDao other;
        final Random random = new Random();
        /** The rows this worker inserted (only it writes them), as it last wrote them. */
        final Map<Long, Person> owned = new HashMap<>();
        final List<Long> ownedIds = new ArrayList<>();
        volatile Progress progress = new Progress(-1, 0);
        private int counter;
        private String op = "";

        Worker(String name, PeopleDao me, PeopleDao other) {
            this.name = name;
            this.me = me;
            this.other = other;
        }

        @Override
        public void run() {
            long current = -1;
            int ops = 0;
            while (!stop) {
                long e = epoch;
                if (e != current) {
                    current = e;
                    ops = 0;
                }
                String where = stage;
                long ddlBefore = ddlGeneration.get();
                if (!db.onlineDdl) {
                    ddlGate.readLock().lock();
                }
                try {
                    step();
                } catch (Throwable t) {
                    if (rolledBackByDdl(t, ddlBefore)) {
                        ddlVictims.incrementAndGet();
                    } else {
                        record(me.version() + " in " + where + " during " + op.replaceAll(" \\(v.\\)", ""),
                                new AssertionError(db + ": " + name + " (" + me.version() + ") failed in " + where
                                + " during " + op + ": " + t, t));
                    }
                } finally {
                    if (!db.onlineDdl) {
                        ddlGate.readLock().unlock();
                    }
                }
                progress = new Progress(current, ++ops);
            }
        }

        private void step() throws Exception {
            double r = random.nextDouble();
            if (owned.size() < 3 || r < 0.25) {
                insert();
            } else if (r < 0.5) {
                update();
            } else if (r < 0.6 && me.knowsPhone()) {
                updatePhone();
            } else if (r < 0.8) {
                readAny();
            } else {
                list(random.nextBoolean() ? me : other);
            }
        }

        private String newName() {
            int n = ++counter;
            if (n % 10 == 0) {
                return null;
            }
            String[] names = {"Ann Lee", "O'Brien, Pat", "Bo  Chen", "José"};
            return name + "-" + n + " " + names[n % names.length];
        }

        private String newEmail() {
            return name + "." + (++counter) + "@example.com";
        }

        private String newPhone() {
            return me.knowsPhone() ? "+1 555 " + (++counter) : null;
        }

        private void insert() throws Exception {
            op = "insert";
            Person p = new Person(ids.incrementAndGet(), newEmail(), newName(), newPhone());
            me.insert(p);
            owned.put(p.id(), p);
            ownedIds.add(p.id());
            committed.add(p.id());
            verify(p, "insert");
        }

        private Person pickOwned() {
            return owned.get(ownedIds.get(random.nextInt(ownedIds.size())));
        }

        private void update() throws Exception {
            op = "update";
            Person before = pickOwned();
            Person p = new Person(before.id(), random.nextBoolean() ? newEmail() : before.email(), newName(),
                    newPhone());
            me.update(p);
            owned.put(p.id(), p);
            verify(p, "update");
        }

        private void updatePhone() throws Exception {
            op = "phone-only update";
            Person p = pickOwned();
            me.updatePhone(p.id(), newPhone());
            verify(p, "phone-only update");
        }

        /** Reads back through both versions; each must see what was written, and phone_number as NULL. */
        private void verify(Person written, String after) throws Exception {
            op = "read-back by id after " + after + " (" + me.version() + ")";
            expect(me, me.find(written.id()), written, after);
            op = "cross read by id after " + after + " (" + other.version() + ")";
            expect(other, other.find(written.id()), written, after);
            op = "cross read with SELECT * after " + after + " (" + other.version() + ")";
            expect(other, other.findStar(written.id()), written, after);
            if (written.name() != null) {
                op = "cross lookup by name after " + after + " (" + other.version() + ")";
                List<Long> found = other.idsByName(written.name());
                if (!found.equals(List.of(written.id()))) {
                    throw new AssertionError(other.version() + " looked up " + quote(written.name()) + " after "
                            + me.version() + "'s " + after + " of row " + written.id() + " and found ids " + found);
                }
            }
        }

        private void expect(PeopleDao reader, Person got, Person written, String after) {
            if (got == null) {
                throw new AssertionError(reader.version() + " cannot find row " + written.id() + " after "
                        + me.version() + "'s " + after);
            }
            if (!Objects.equals(got.name(), written.name()) || !Objects.equals(got.email(), written.email())
                    || got.phone() != null || got.id() != written.id()) {
                throw new AssertionError(reader.version() + " read row " + written.id() + " as " + got + " after "
                        + me.version() + "'s " + after + " of " + written + " (phone_number must read NULL)");
            }
        }

        private void readAny() throws Exception {
            boolean star = random.nextBoolean();
            op = (star ? "read with SELECT * of any row (" : "read by id of any row (") + me.version() + ")";
            long id;
            synchronized (committed) {
                id = committed.get(random.nextInt(committed.size()));
            }
            Person got = star ? me.findStar(id) : me.find(id);
            if (got == null || got.id() != id || got.phone() != null) {
                throw new AssertionError(me.version() + " read committed row " + id + " as " + got);
            }
        }

        private void list(PeopleDao reader) throws Exception {
            op = "range listing (" + reader.version() + ")";
            long center = pickOwned().id();
            long from = Math.max(1, center - 20);
            long to = center + 20;
            Map<Long, Person> got = new HashMap<>();
            for (Person p : reader.list(from, to)) {
                if (p.phone() != null || got.put(p.id(), p) != null || p.id() < from || p.id() > to) {
                    throw new AssertionError(reader.version() + " listed " + p + " for ids " + from + ".." + to);
                }
            }
            for (Person mine : owned.values()) {
                if (mine.id() >= from && mine.id() <= to) {
                    Person p = got.get(mine.id());
                    if (p == null || !Objects.equals(p.name(), mine.name())
                            || !Objects.equals(p.email(), mine.email())) {
                        throw new AssertionError(reader.version() + " listed row " + mine.id() + " as " + p
                                + " but " + me.version() + " wrote " + mine);
                    }
                }
            }
        }

        void closeQuietly() {
            for (PeopleDao dao : new PeopleDao[] {me, other}) {
                try {
                    dao.close();
                } catch (Exception e) {
                    // Closing after the run; a failure here says nothing about dualwrite.
                }
            }
        }
    }
}
