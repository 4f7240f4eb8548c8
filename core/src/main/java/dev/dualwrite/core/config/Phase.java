package dev.dualwrite.core.config;

/**
 * Where a rename window stands. Each phase says which physical column is read and which are written; any two adjacent
 * phases can run side by side on different instances without either seeing stale data.
 */
public enum Phase {
    /** Only {@code from} exists: reads and writes of either name go to {@code from}. */
    OLD_ONLY("old-only", false, false),
    /** Both exist: reads of either name come from {@code from}; writes of either name go to both. */
    MIRROR("mirror", false, true),
    /** Both exist and are backfilled: reads come from {@code to}; writes still go to both. */
    READ_NEW("read-new", true, true),
    /** Only {@code to} is used ({@code from} may be dropped): reads and writes go to {@code to}. */
    NEW_ONLY("new-only", true, false);

    private final String configName;
    private final boolean readsNew;
    private final boolean writesBoth;

    Phase(String configName, boolean readsNew, boolean writesBoth) {
        this.configName = configName;
        this.readsNew = readsNew;
        this.writesBoth = writesBoth;
    }

    /** The spelling used in configuration files, e.g. {@code read-new}. */
    public String configName() {
        return configName;
    }

    /** Whether reads of either name are served by the new column. */
    public boolean readsNew() {
        return readsNew;
    }

    /** Whether a write of either name must reach both columns. */
    public boolean writesBoth() {
        return writesBoth;
    }

    /** The phase spelled {@code name} in a configuration file, or null. */
    public static Phase fromConfigName(String name) {
        for (Phase p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return configName;
    }
}
