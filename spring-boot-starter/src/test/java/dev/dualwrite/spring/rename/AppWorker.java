package dev.dualwrite.spring.rename;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of one version of the application, as a request handler would use it: it adds people, renames the
 * people it added and reads them back through the repository, the DAO and a derived query, and checks every answer
 * against what it wrote. It knows nothing of the migration. Each person has one owner, so the owner can expect to read
 * back exactly its last write; the scenario checks the other version's reads of the same rows.
 */
final class AppWorker implements Runnable {
    private static final long INTERVAL_NANOS = 1_000_000_000L / 250; // 250 operations a second at most

    final String name;
    private final PeopleApp app;
    private final Lock gate;
    private final AtomicReference<Tally> tally;
    private final int seedRows;
    /** Person id to the last name this worker gave it. */
    final Map<Long, String> ledger = new ConcurrentHashMap<>();
    private final List<Long> owned = new ArrayList<>();
    private final Random random;
    private int sequence;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param gate  held around each operation; the scenario takes the other side to run H2's DDL and to compare
     *              both versions' reads while nothing writes
     * @param tally where to count, switched by the scenario at each step
     */
    AppWorker(String name, PeopleApp app, Lock gate, AtomicReference<Tally> tally, int seedRows, long seed) {
        this.name = name;
        this.app = app;
        this.gate = gate;
        this.tally = tally;
        this.seedRows = seedRows;
        this.random = new Random(seed);
    }

    void start() {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(30_000);
    }

    @Override
    public void run() {
        long due = System.nanoTime();
        while (running) {
            due += INTERVAL_NANOS;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -100 * INTERVAL_NANOS) {
                due = System.nanoTime(); // a slow machine: do not try to catch up
            }
            Tally t = tally.get();
            gate.lock();
            try {
                operate(t);
            } catch (RuntimeException e) {
                t.fail(name + ": " + causes(e));
            } finally {
                gate.unlock();
            }
        }
    }

    private void operate(Tally t) {
        int op = sequence++ % 6;
        if (owned.isEmpty() || op == 0) {
            String n = name + "-" + sequence;
            long id = app.add(n.toLowerCase() + "@example.com", n);
            ledger.put(id, n);
            owned.add(id);
            t.count();
            return;
        }
        long id = owned.get(random.nextInt(owned.size()));
        String expected = ledger.get(id);
        switch (op) {
            case 1 -> {
                String n = name + "-" + sequence;
                int updated = app.rename(id, n);
                ledger.put(id, n);
                check(t, updated == 1, "renaming " + id + " updated " + updated + " rows");
            }
            case 2 -> {
                String got = app.nameByRepository(id);
                check(t, Objects.equals(expected, got),
                        "the repository read " + id + " as " + got + ", expected " + expected);
            }
            case 3 -> {
                String got = app.nameByDao(id);
                check(t, Objects.equals(expected, got), "the DAO read " + id + " as " + got + ", expected " + expected);
            }
            case 4 -> {
                List<Long> ids = app.idsNamed(expected);
                check(t, ids.equals(List.of(id)), "people named " + expected + ": " + ids + ", expected [" + id + "]");
            }
            default -> {
                long seedId = 1 + random.nextInt(seedRows);
                String got = app.nameByDao(seedId);
                check(t, got != null && got.startsWith("Person "), "seed person " + seedId + " read as " + got);
            }
        }
    }

    private void check(Tally t, boolean ok, String problem) {
        t.count();
        if (!ok) {
            t.fail(name + ": " + problem);
        }
    }

    /** The exception and its causes, one after the other: what failed, down to the driver's message. */
    static String causes(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append(" <- ").append(c);
        }
        for (Throwable s : e.getSuppressed()) {
            b.append(" (suppressed: ").append(causes(s)).append(')');
        }
        return b.toString();
    }

    /** How many people this worker added. */
    int added() {
        return owned.size();
    }

    /** Up to {@code n} of this worker's people; call only while the gate is held against the worker. */
    List<Long> sample(int n) {
        List<Long> copy = new ArrayList<>(owned);
        java.util.Collections.shuffle(copy, new Random(copy.size()));
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
