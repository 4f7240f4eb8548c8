package dev.dualwrite.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable, validated set of windows and settings, with a version that grows with every change a
 * {@link ConfigSource} publishes. Anything derived from a configuration (cached plans, prepared statements) is valid
 * only for the version it was derived from.
 */
public final class Configuration {
    private final List<Window> windows;
    private final OnUnsupported onUnsupported;
    private final Limits limits;
    private final long version;
    private final String origin;
    private final ControlSettings control;

    Configuration(List<Window> windows, OnUnsupported onUnsupported, Limits limits, long version, String origin) {
        this(windows, onUnsupported, limits, version, origin, null);
    }

    Configuration(List<Window> windows, OnUnsupported onUnsupported, Limits limits, long version, String origin,
            ControlSettings control) {
        this.windows = Collections.unmodifiableList(new ArrayList<>(windows));
        this.onUnsupported = Objects.requireNonNull(onUnsupported, "onUnsupported");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.version = version;
        this.origin = origin;
        this.control = control;
    }

    /** A configuration with no windows: every statement passes through untouched. */
    public static Configuration empty() {
        return new Configuration(List.of(), OnUnsupported.REJECT, Limits.DEFAULT, 0, "empty configuration");
    }

    /**
     * Parses and validates the YAML format described in the README.
     *
     * @param origin names the source in error messages, e.g. the file path
     * @throws ConfigException naming the line and the problem
     */
    public static Configuration parse(String yaml, String origin) throws ConfigException {
        return ConfigParser.parse(yaml, origin);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Window> windows() {
        return windows;
    }

    /** The global choice for statements that cannot be rewritten with certainty. */
    public OnUnsupported onUnsupported() {
        return onUnsupported;
    }

    /** The effective choice for {@code window}: its own setting, else the global one. */
    public OnUnsupported onUnsupported(Window window) {
        return window.onUnsupported() != null ? window.onUnsupported() : onUnsupported;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * The {@code control:} block: where the fleet's windows are read from and heartbeats written, or null when the
     * file has none (the windows are the file's only). Read when an instance starts; a change needs a restart.
     */
    public ControlSettings control() {
        return control;
    }

    /** The same settings with other windows, under another version and origin: what a control-table read yields. */
    public Configuration withWindows(List<Window> newWindows, long newVersion, String newOrigin) {
        try {
            ConfigParser.checkWindows(newWindows, newOrigin);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new Configuration(newWindows, onUnsupported, limits, newVersion, newOrigin, control);
    }

    /** Grows by at least one every time the source publishes a changed configuration. */
    public long version() {
        return version;
    }

    /** Where this configuration came from, for messages. */
    public String origin() {
        return origin;
    }

    /** The same windows and settings under another version number. */
    public Configuration withVersion(long newVersion) {
        return new Configuration(windows, onUnsupported, limits, newVersion, origin, control);
    }

    /** Whether the two configurations declare the same windows and settings, whatever their versions. */
    public boolean sameContent(Configuration other) {
        return windows.equals(other.windows) && onUnsupported == other.onUnsupported && limits.equals(other.limits)
                && Objects.equals(control, other.control);
    }

    @Override
    public String toString() {
        return "Configuration{version=" + version + ", origin=" + origin + ", windows=" + windows.size() + "}";
    }

    /** Builds a configuration in code, with the same validation as a parsed file. */
    public static final class Builder {
        private final List<Window> windows = new ArrayList<>();
        private OnUnsupported onUnsupported = OnUnsupported.REJECT;
        private Limits limits = Limits.DEFAULT;
        private long version = 1;
        private String origin = "configuration built in code";
        private ControlSettings control;

        /** Adds a rename window; names are parsed like configuration values ({@code "Quoted"} allowed). */
        public Builder rename(String table, String from, String to, Phase phase) {
            return window(new RenameWindow(TableRef.parse(table), Name.parse(from), Name.parse(to), phase, null, 0));
        }

        /** Adds a drop window whose reads return NULL. */
        public Builder drop(String table, String column) {
            return window(new DropWindow(TableRef.parse(table), Name.parse(column), null, null, 0));
        }

        public Builder window(Window window) {
            windows.add(Objects.requireNonNull(window, "window"));
            return this;
        }

        public Builder onUnsupported(OnUnsupported value) {
            this.onUnsupported = Objects.requireNonNull(value, "onUnsupported");
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Reads the windows from the control tables, as a {@code control:} block does. */
        public Builder control(ControlSettings value) {
            this.control = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Builder origin(String value) {
            this.origin = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException when two windows claim the same column or a rename has equal names
         */
        public Configuration build() {
            try {
                ConfigParser.checkWindows(windows, origin);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return new Configuration(windows, onUnsupported, limits, version, origin, control);
        }
    }
}
