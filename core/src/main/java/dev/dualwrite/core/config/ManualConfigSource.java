package dev.dualwrite.core.config;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A configuration source set in code: each {@link #set} with different content publishes a new version. For
 * programmatic use and for tests that walk a window through its phases.
 */
public final class ManualConfigSource implements ConfigSource {
    private final List<Consumer<Configuration>> listeners = new CopyOnWriteArrayList<>();
    private volatile Configuration current;

    public ManualConfigSource(Configuration initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public Configuration current() {
        return current;
    }

    /**
     * Publishes {@code next} (with a version above the current one) unless it declares the same windows and settings.
     *
     * @return the configuration in force afterwards
     */
    public synchronized Configuration set(Configuration next) {
        if (next.sameContent(current)) {
            return current;
        }
        Configuration published = next.withVersion(current.version() + 1);
        current = published;
        for (Consumer<Configuration> listener : listeners) {
            listener.accept(published);
        }
        return published;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Configuration> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public String toString() {
        return current.origin();
    }
}
