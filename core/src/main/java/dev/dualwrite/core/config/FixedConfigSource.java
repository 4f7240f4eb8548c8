package dev.dualwrite.core.config;

import java.util.Objects;
import java.util.function.Consumer;

final class FixedConfigSource implements ConfigSource {
    private final Configuration configuration;

    FixedConfigSource(Configuration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
    }

    @Override
    public Configuration current() {
        return configuration;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Configuration> listener) {
        return () -> { };
    }

    @Override
    public String toString() {
        return configuration.origin();
    }
}
