package dev.dualwrite.control;

import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ({@value #THREAD}, a daemon) that polls the control tables at the interval: reads the fleet's
 * version, re-reads the windows when it moved, and writes the heartbeat, all on a connection of its own.
 *
 * <p>A failure (the database down, slow, the role's permission revoked, the tables missing) never reaches the
 * application: the instance keeps the windows it applies, the poller logs once (then at most every
 * {@value #REPEAT_LOG_MILLIS} ms while it lasts), closes the connection and tries again after a growing delay of at
 * most {@link #maxBackoff}; when it succeeds again it says so, and the next heartbeat brings the instance back.
 */
final class ControlPoller implements AutoCloseable {
    static final String THREAD = "dualwrite-control";
    static final long REPEAT_LOG_MILLIS = 5 * 60 * 1000;
    private static final Logger log = LoggerFactory.getLogger(ControlPoller.class);

    private final ControlConfigSource source;
    private final ControlSettings settings;
    private final String kind;
    private final String app;
    private final ControlConnector connector;
    private final ScheduledExecutorService executor;
    private final Thread shutdownHook;
    // Touched by the poller's thread only.
    private Instance instance;
    private Connection connection;
    private WindowRows rows;
    private Heartbeats heartbeats;
    private long lastVersion = Long.MIN_VALUE;
    private int failures;
    private long lastLogged;
    private boolean everReached;
    // Read by other threads for status.
    private volatile String instanceId;
    private volatile boolean reachable;
    private volatile long lastHeartbeat;
    private volatile String problem;
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch firstPoll = new java.util.concurrent.CountDownLatch(1);

    ControlPoller(ControlConfigSource source, ControlSettings settings, String kind, String app,
            ControlConnector connector) {
        this.source = source;
        this.settings = settings;
        this.kind = kind;
        this.app = app;
        this.connector = connector;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, THREAD);
            t.setDaemon(true);
            return t;
        });
        this.shutdownHook = new Thread(this::close, THREAD + "-stop");
    }

    void start() {
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyStopping) {
            return;
        }
        executor.execute(this::tick);
    }

    /**
     * Waits until the first poll has read the tables or failed, for at most {@code millis}.
     *
     * @return whether it ended in time
     */
    boolean awaitFirstPoll(long millis) {
        try {
            return firstPoll.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String kind() {
        return kind;
    }

    String instanceId() {
        return instanceId;
    }

    boolean reachable() {
        return reachable;
    }

    long lastHeartbeat() {
        return lastHeartbeat;
    }

    String problem() {
        return problem;
    }

    /** Longest wait between two attempts while the tables cannot be reached: five polls, at most 10 s. */
    long maxBackoff() {
        long poll = settings.pollMillis();
        return Math.max(poll, Math.min(5 * poll, 10_000));
    }

    private void tick() {
        if (closed) {
            return;
        }
        long delay = settings.pollMillis();
        try {
            poll(null);
            succeeded();
        } catch (Exception e) {
            failed(e);
            delay = Math.min(maxBackoff(), settings.pollMillis() << Math.min(failures, 10));
        }
        firstPoll.countDown();
        if (!closed) {
            try {
                executor.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // closed meanwhile
            }
        }
    }

    /** One poll: version, windows when it moved, heartbeat (saying it stopped when {@code stoppedAt} is set). */
    private void poll(Long stoppedAt) throws SQLException {
        if (instance == null) {
            instance = Instance.of(kind, app, settings.pollMillis());
            instanceId = instance.id();
        }
        Connection c = connection();
        try {
            if (stoppedAt == null) {
                long version = rows.version(c);
                if (version != lastVersion) {
                    FleetWindows read = rows.read(c);
                    source.apply(read);
                    lastVersion = read.version();
                }
            }
            FleetWindows applied = source.fleet();
            long now = System.currentTimeMillis();
            heartbeats.write(c, new Heartbeat(instance, applied == null ? null : applied.version(), now,
                    stoppedAt, source.windowUses(true)));
            lastHeartbeat = now;
        } finally {
            if (!connector.holdsConnection()) {
                closeConnection();
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection != null) {
            return connection;
        }
        Connection c = connector.open();
        try {
            // A slow database must not hold the poller for ever: bound each round trip.
            int timeout = (int) Math.max(5_000, 3 * settings.pollMillis());
            try {
                c.setNetworkTimeout(Runnable::run, timeout);
            } catch (SQLException | UnsupportedOperationException | AbstractMethodError notSupported) {
                // H2 in-memory has no network; others bound the read below through the socket
            }
            c.setAutoCommit(true);
            Dialect dialect = ControlDialects.of(c);
            ControlTables tables = new ControlTables(dialect, settings.schema());
            rows = new WindowRows(tables, dialect);
            if (heartbeats == null) {
                heartbeats = new Heartbeats(tables);
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        connection = c;
        return c;
    }

    private void succeeded() {
        if (failures > 0 && everReached) {
            log.info("dualwrite control tables through {} can be read again after {} failed attempt(s); instance {}"
                    + " applies fleet version {}", connector.describe(), failures, instanceId, lastVersion);
        } else if (!everReached) {
            log.info("dualwrite instance {} applies fleet version {} from the control tables ({} window(s))",
                    instanceId, lastVersion, source.current().windows().size());
        }
        everReached = true;
        failures = 0;
        reachable = true;
        problem = null;
    }

    private void failed(Exception e) {
        closeConnection();
        failures++;
        reachable = false;
        problem = describe(e);
        long now = System.currentTimeMillis();
        if (failures == 1 || now - lastLogged >= REPEAT_LOG_MILLIS) {
            lastLogged = now;
            int windows = source.current().windows().size();
            if (!everReached) {
                log.warn("dualwrite cannot read its control tables through {} ({}); it starts with the {} window(s)"
                        + " of {} and keeps trying every {} ms at most. Application statements are not affected."
                        + " Check that dualwrite init has created the tables and that the user may read and write"
                        + " them.", connector.describe(), problem, windows, source.current().origin(),
                        maxBackoff());
            } else {
                log.warn("dualwrite cannot reach its control tables through {} ({}{}); instance {} keeps applying"
                        + " the {} window(s) of fleet version {} and tries again every {} ms at most. Application"
                        + " statements are not affected.", connector.describe(), problem,
                        failures > 1 ? ", " + failures + " attempts so far" : "", instanceId, windows, lastVersion,
                        maxBackoff());
            }
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // it is being given up
            }
        }
    }

    /**
     * Stops polling and writes a last heartbeat with {@code stopped_at}, waiting a few seconds at most for it (the
     * instance is gone three polls later anyway if it cannot be written).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException stopping) {
                // the JVM is shutting down; the hook is this call's twin
            }
        }
        try {
            Future<?> last = executor.submit(() -> {
                try {
                    if (instance != null) {
                        poll(System.currentTimeMillis());
                    }
                } catch (Exception e) {
                    log.info("dualwrite instance {} could not record its stop in the control tables ({}); it is"
                            + " shown as gone after three polls", instanceId, describe(e));
                } finally {
                    closeConnection();
                }
            });
            last.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // timed out or interrupted: give up the last heartbeat
        } finally {
            executor.shutdownNow();
        }
        reachable = false;
    }
}
