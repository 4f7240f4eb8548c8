package dev.dualwrite.core.config;

import java.util.Objects;

/** A column being renamed from {@code from} to {@code to}, currently in {@code phase}. */
public record RenameWindow(TableRef table, Name from, Name to, Phase phase, OnUnsupported onUnsupported, int line)
        implements Window {

    public RenameWindow {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(phase, "phase");
    }

    /** The name whose physical column serves reads in the current phase. */
    public Name readColumn() {
        return phase.readsNew() ? to : from;
    }

    @Override
    public String describe() {
        return key() + " (" + phase + ")";
    }

    @Override
    public String key() {
        return table + "." + from + " -> " + to;
    }
}
