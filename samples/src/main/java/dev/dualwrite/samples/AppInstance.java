package dev.dualwrite.samples;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One running instance of one version of the application, on its own thread and its own connection. It adds people,
 * renames the people it owns and reads everyone, up to {@value #OPERATIONS_PER_SECOND} times a second, and checks
 * every answer:
 * <ul>
 *   <li>after renaming one of its own people it reads the name back and expects exactly what it wrote;</li>
 *   <li>any person it reads must have a name (the seed rows all have one), so a read served from a column that has
 *       not been filled yet shows up as a failure.</li>
 * </ul>
 * A statement that throws is a failure too. Nothing here knows which phase the migration is in.
 */
final class AppInstance implements Runnable {
    /**
     * A busy service, but a bounded one: on a fast machine an unbounded loop would grow the table by millions of rows
     * and make each ALTER TABLE (which H2 runs by copying the table) slow.
     */
    static final int OPERATIONS_PER_SECOND = 10_000;
    private static final long INTERVAL_NANOS = 1_000_000_000L / OPERATIONS_PER_SECOND;

    private final String name;
    private final PeopleDao dao;
    private final Supplier<Tally> tally;
    private final Lock ddlGate;
    private final LongAdder inserted;
    private final int seedRows;
    /** People only this instance renames, so that it can expect to read back its own writes. */
    private final List<Long> own;
    private final Random random;
    private long nextId;
    private int counter;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param tally    where to count, read before every operation (the demo switches it at each step)
     * @param ddlGate  held during each operation; the migration takes the other side of it to run DDL
     * @param inserted counts the rows this version added, to compare with the table at the end
     * @param firstId  the first id this instance gives to the people it adds
     * @param own      seed rows that belong to this instance
     */
    AppInstance(String name, PeopleDao dao, Supplier<Tally> tally, Lock ddlGate, LongAdder inserted, int seedRows,
            long firstId, List<Long> own) {
        this.name = name;
        this.dao = dao;
        this.tally = tally;
        this.ddlGate = ddlGate;
        this.inserted = inserted;
        this.seedRows = seedRows;
        this.nextId = firstId;
        this.own = new ArrayList<>(own);
        this.random = new Random(firstId);
    }

    void start() {
        thread = new Thread(this, name);
        thread.setDaemon(true); // should the demo itself fail, the application must not keep the JVM alive
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    @Override
    public void run() {
        long due = System.nanoTime();
        while (running) {
            due = pace(due);
            Tally t = tally.get();
            int dice = random.nextInt(10);
            ddlGate.lock();
            try {
                if (dice < 3) {
                    add(t);
                } else if (dice < 7) {
                    renameAndReadBack(t);
                } else {
                    readAnyone(t);
                }
            } finally {
                ddlGate.unlock();
            }
        }
    }

    /** Waits until the next operation is due; returns when the one after it is. */
    private static long pace(long due) {
        long now = System.nanoTime();
        if (due - now > 0) {
            LockSupport.parkNanos(due - now);
        } else if (now - due > 100 * INTERVAL_NANOS) {
            due = now; // fell far behind (a DDL made us wait): do not try to catch up in a burst
        }
        return due + INTERVAL_NANOS;
    }

    private void add(Tally t) {
        long id = nextId++;
        t.statement();
        try {
            dao.insert(id, "person" + id + "@example.com", label());
            inserted.increment();
            own.add(id);
        } catch (SQLException | RuntimeException e) {
            t.failure(name + ": insert of person " + id + " failed: " + e);
        }
    }

    private void renameAndReadBack(Tally t) {
        long id = own.get(random.nextInt(own.size()));
        String newName = label();
        t.statement();
        try {
            int rows = dao.rename(id, newName);
            if (rows != 1) {
                t.failure(name + ": renaming person " + id + " changed " + rows + " rows");
                return;
            }
        } catch (SQLException | RuntimeException e) {
            t.failure(name + ": renaming person " + id + " failed: " + e);
            return;
        }
        t.statement();
        try {
            String read = dao.findName(id);
            if (!newName.equals(read)) {
                t.failure(name + ": wrote '" + newName + "' to person " + id + " but read back '" + read + "'");
            }
        } catch (SQLException | RuntimeException e) {
            t.failure(name + ": reading person " + id + " failed: " + e);
        }
    }

    private void readAnyone(Tally t) {
        long id = 1 + random.nextInt(seedRows);
        t.statement();
        try {
            if (dao.findName(id) == null) {
                t.failure(name + ": person " + id + " has no name");
            }
        } catch (SQLException | RuntimeException e) {
            t.failure(name + ": reading person " + id + " failed: " + e);
        }
    }

    private String label() {
        return name + " name " + (++counter);
    }

    void close() throws SQLException {
        dao.close();
    }
}
