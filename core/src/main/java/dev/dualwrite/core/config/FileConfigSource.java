package dev.dualwrite.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration file polled for changes. Polling (rather than a file-system watch) also sees files replaced through
 * symbolic links, as Kubernetes does with mounted ConfigMaps. A file that becomes invalid or unreadable keeps the last
 * good configuration and logs why, once per distinct problem.
 */
public final class FileConfigSource implements ConfigSource, AutoCloseable {
    static final long DEFAULT_POLL_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(FileConfigSource.class);
    private static final ScheduledExecutorService POLLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dualwrite-config-watch");
        t.setDaemon(true);
        return t;
    });

    private final Path path;
    private final List<Consumer<Configuration>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> task;
    private volatile Configuration current;
    private volatile String lastText;
    private volatile String lastProblem;

    private FileConfigSource(Path path, Configuration initial, String text, long pollMillis) {
        this.path = path;
        this.current = initial;
        this.lastText = text;
        this.task = POLLER.scheduleWithFixedDelay(this::pollQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Loads {@code path} and starts watching it.
     *
     * @throws ConfigException when the file cannot be read or is invalid
     */
    public static FileConfigSource open(Path path, long pollMillis) throws ConfigException {
        Objects.requireNonNull(path, "path");
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(path.toString(), 0, "cannot read the configuration file: " + e, e);
        }
        Configuration initial = Configuration.parse(text, path.toString());
        return new FileConfigSource(path, initial, text, pollMillis);
    }

    public Path path() {
        return path;
    }

    @Override
    public Configuration current() {
        return current;
    }

    /** Why the file's latest content was not applied, or null when it was. */
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Configuration> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Reads the file now rather than at the next poll.
     *
     * @return true when a new configuration was published
     */
    public synchronized boolean reload() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problem("cannot read " + path + " (" + e + "); keeping configuration version " + current.version());
            return false;
        }
        if (text.equals(lastText)) {
            return false;
        }
        Configuration parsed;
        try {
            parsed = Configuration.parse(text, path.toString());
        } catch (ConfigException e) {
            problem(e.getMessage() + "; keeping configuration version " + current.version());
            return false;
        }
        lastText = text;
        lastProblem = null;
        if (parsed.sameContent(current)) {
            return false;
        }
        Configuration next = parsed.withVersion(current.version() + 1);
        current = next;
        log.info("dualwrite configuration {} changed: now version {} with {} window(s)", path, next.version(),
                next.windows().size());
        for (Consumer<Configuration> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.warn("a dualwrite configuration listener failed", e);
            }
        }
        return true;
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) {
            lastProblem = message;
            log.warn("dualwrite configuration not applied: {}", message);
        }
    }

    private void pollQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            problem("unexpected error while reading " + path + ": " + e);
        }
    }

    /** Stops watching the file. */
    @Override
    public void close() {
        task.cancel(false);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
