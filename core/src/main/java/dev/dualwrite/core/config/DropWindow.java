package dev.dualwrite.core.config;

import java.util.Objects;

/**
 * A column being removed: writes of it are dropped from INSERT and UPDATE and reads of it return
 * {@link #defaultValue()} under the column's name, so the column can be dropped while old code still runs.
 *
 * @param defaultValue the SQL literal that reads of the column return: {@code NULL} unless configured
 */
public record DropWindow(TableRef table, Name column, String defaultValue, OnUnsupported onUnsupported, int line)
        implements Window {

    public DropWindow {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        if (defaultValue == null) {
            defaultValue = "NULL";
        }
    }

    @Override
    public String describe() {
        return key();
    }

    @Override
    public String key() {
        return table + "." + column + " (drop)";
    }
}
