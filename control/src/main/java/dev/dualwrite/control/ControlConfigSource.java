package dev.dualwrite.control;

import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ControlSettings;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.UsageCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windows of the fleet's control tables, published like a changed file: every engine subscribed to this source
 * drops its cached plans and its doors re-prepare their statements when a read of the tables finds other windows.
 *
 * <p>Until the tables have been read (they may be unreachable when the instance starts) the windows are those of the
 * file underneath; from the first read on they are the tables' only. The file still gives every other setting
 * ({@code on-unsupported}, {@code limits}), and a change to it is applied with the tables' windows.
 *
 * <p>A door {@link #start starts} polling once it knows how to reach the tables (for the JDBC wrapper: at the
 * application's first connection) and {@link #addUsage registers} each engine's counters for the heartbeat.
 * Nothing here runs on the statement path: the engines read {@link #current()}, a volatile field.
 */
public final class ControlConfigSource implements ConfigSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlConfigSource.class);

    private final ConfigSource base;
    private final ControlSettings settings;
    private final List<Consumer<Configuration>> listeners = new CopyOnWriteArrayList<>();
    private final List<Supplier<List<UsageCounters.Snapshot>>> usage = new CopyOnWriteArrayList<>();
    private final AutoCloseable baseSubscription;
    private volatile Configuration current;
    private volatile FleetWindows fleet;
    private volatile Map<String, String> controlKeys = Map.of();
    private volatile ControlPoller poller;

    /**
     * @param base the file (or other source) whose {@code control:} block says to use the control tables
     * @throws IllegalArgumentException when {@code base}'s configuration has no {@code control:} block
     */
    public ControlConfigSource(ConfigSource base) {
        this(base, base.current().control());
    }

    /**
     * @param base     the file (or other source) giving every setting but the windows
     * @param settings how to reach the control tables (from elsewhere than {@code base}, e.g. Spring properties)
     */
    public ControlConfigSource(ConfigSource base, ControlSettings settings) {
        this.base = Objects.requireNonNull(base, "base");
        this.settings = settings;
        if (settings == null) {
            throw new IllegalArgumentException(base + " has no control: block");
        }
        this.current = base.current();
        this.baseSubscription = base.subscribe(c -> publish(merged(c)));
    }

    /** {@code base} itself when its configuration has no {@code control:} block, else a source over it. */
    public static ConfigSource over(ConfigSource base) {
        return base.current().control() == null ? base : new ControlConfigSource(base);
    }

    /** The source underneath (the file). */
    public ConfigSource base() {
        return base;
    }

    public ControlSettings settings() {
        return settings;
    }

    @Override
    public Configuration current() {
        return current;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Configuration> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Counts one engine's statements into this instance's heartbeats. */
    public void addUsage(Supplier<List<UsageCounters.Snapshot>> engineUsage) {
        usage.add(Objects.requireNonNull(engineUsage, "engineUsage"));
    }

    /** The longest {@link #start} waits for the first read of the control tables. */
    public static final long FIRST_READ_WAIT_MILLIS = 5000;

    /**
     * Starts polling the control tables, unless it has started already (the first door to call wins), and waits for
     * the first read (at most {@value #FIRST_READ_WAIT_MILLIS} ms, less when it fails sooner): an instance must not
     * serve statements on its file's windows while the fleet's are one read away, or a new version's writes of the
     * new column would go straight to it before the window maps them (and a backfill later overwrite them).
     *
     * @param kind      {@code jdbc}, {@code agent} or {@code sidecar}
     * @param app       the application's name, or null
     * @param connector how to reach the tables
     * @return whether this call started it
     */
    public boolean start(String kind, String app, ControlConnector connector) {
        ControlPoller started;
        synchronized (this) {
            if (poller != null) {
                return false;
            }
            started = new ControlPoller(this, settings, kind, app, connector);
            poller = started;
        }
        started.start();
        // Outside the lock: the first read publishes its windows, which takes it.
        if (!started.awaitFirstPoll(FIRST_READ_WAIT_MILLIS)) {
            log.warn("dualwrite's first read of its control tables through {} takes more than {} ms; the instance"
                    + " goes on with the windows of {} meanwhile", connector.describe(), FIRST_READ_WAIT_MILLIS,
                    base);
        }
        log.info("dualwrite reads its windows from the control tables through {} every {} ms, as an instance of"
                + " kind {}{}",
                connector.describe(), settings.pollMillis(), kind, app == null ? "" : " of " + app);
        return true;
    }

    /** Whether {@link #start} has been called. */
    public boolean started() {
        return poller != null;
    }

    /** The poller, once started (for tests: its back-off). */
    ControlPoller poller() {
        return poller;
    }

    /** The fleet's windows last read, or null while the file's windows apply. */
    public FleetWindows fleet() {
        return fleet;
    }

    /** The link to the control tables now; before {@link #start}, an instance that has not polled. */
    public ControlStatus status() {
        ControlPoller p = poller;
        FleetWindows f = fleet;
        return new ControlStatus(p == null ? null : p.instanceId(), p == null ? null : p.kind(),
                f == null ? null : f.version(), p != null && p.reachable(), p == null ? 0 : p.lastHeartbeat(),
                p == null ? "not started: no connection opened yet" : p.problem(), windowUses(false));
    }

    /** Called by the poller after a read of the tables. */
    void apply(FleetWindows read) {
        FleetWindows before = fleet;
        controlKeys = read.controlKeys();
        fleet = read;
        Configuration next = merged(base.current());
        logChanges(before, read);
        publish(next);
    }

    private Configuration merged(Configuration file) {
        FleetWindows f = fleet;
        if (f == null) {
            return file;
        }
        return file.withWindows(f.coreWindows(), file.version(), "control tables (fleet version " + f.version()
                + ")");
    }

    private synchronized void publish(Configuration candidate) {
        if (candidate.sameContent(current)) {
            return;
        }
        Configuration next = candidate.withVersion(current.version() + 1);
        current = next;
        for (Consumer<Configuration> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("a dualwrite configuration listener failed", e);
            }
        }
    }

    private static void logChanges(FleetWindows before, FleetWindows after) {
        Map<String, Window> old = new HashMap<>();
        if (before != null) {
            for (FleetWindows.FleetWindow w : before.windows()) {
                old.put(w.key(), w.window());
            }
        }
        for (FleetWindows.FleetWindow w : after.windows()) {
            Window was = old.remove(w.key());
            if (!w.window().equals(was)) {
                log.info("dualwrite window {} now applies {} (fleet version {}{})", w.key(), phaseOf(w.window()),
                        after.version(), was == null ? "" : ", was " + phaseOf(was));
            }
        }
        for (String gone : old.keySet()) {
            log.info("dualwrite window {} removed (fleet version {})", gone, after.version());
        }
    }

    /** A window's phase as the heartbeat spells it. */
    static String phaseOf(Window w) {
        return w instanceof RenameWindow r ? r.phase().configName() : "drop";
    }

    /**
     * Per window in force: its phase and counters summed over every engine.
     *
     * @param controlledOnly only the windows read from the control tables (what a heartbeat writes)
     */
    List<Heartbeat.WindowUse> windowUses(boolean controlledOnly) {
        Map<String, long[]> sums = new HashMap<>();
        for (Supplier<List<UsageCounters.Snapshot>> engine : usage) {
            for (UsageCounters.Snapshot s : engine.get()) {
                long[] sum = sums.computeIfAbsent(s.window(), k -> new long[3]);
                sum[0] += s.oldNameStatements();
                sum[1] += s.newNameStatements();
                if (s.oldNameLastUsed() != null) {
                    sum[2] = Math.max(sum[2], s.oldNameLastUsed().toEpochMilli());
                }
            }
        }
        Map<String, String> keys = controlKeys;
        List<Heartbeat.WindowUse> out = new ArrayList<>();
        for (Window w : current.windows()) {
            String key = keys.get(w.key());
            if (key == null && controlledOnly) {
                continue;
            }
            long[] sum = sums.getOrDefault(w.key(), new long[3]);
            out.add(new Heartbeat.WindowUse(key != null ? key : w.key(), phaseOf(w), sum[0], sum[1],
                    sum[2] == 0 ? null : sum[2]));
        }
        return out;
    }

    /** Stops polling and writes the instance's last heartbeat, which says it stopped. */
    @Override
    public void close() {
        ControlPoller p;
        synchronized (this) {
            p = poller;
        }
        if (p != null) {
            p.close();
        }
        try {
            baseSubscription.close();
        } catch (Exception ignored) {
            // removing a listener does not fail
        }
    }

    @Override
    public String toString() {
        return base + " with windows from the control tables";
    }
}
