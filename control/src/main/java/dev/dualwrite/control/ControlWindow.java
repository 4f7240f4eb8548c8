package dev.dualwrite.control;

/**
 * One row of {@value ControlTables#WINDOWS}, as stored: physical names, the phase in its configuration spelling.
 *
 * @param key         {@code schema.table.old_column} as the catalog stores them
 * @param kind        {@value #RENAME} or {@value #DROP}
 * @param newColumn   null for a drop window
 * @param dropDefault the SQL literal a drop window's reads return, or null (then {@code NULL})
 * @param phase       a rename's phase ({@code old-only}, {@code mirror}, {@code read-new}, {@code new-only}); null for
 *                    a drop window
 * @param version     the fleet's configuration version at the row's last change (0 before it is written)
 */
public record ControlWindow(String key, String kind, String tableSchema, String tableName, String oldColumn,
        String newColumn, String dropDefault, String phase, long version, long createdAt, long updatedAt) {

    public static final String RENAME = "rename";
    public static final String DROP = "drop";
    /** What an instance reports as the phase it applies for a drop window. */
    public static final String DROP_APPLIED = "drop";

    public boolean isRename() {
        return RENAME.equals(kind);
    }

    /** What an instance applying this window's current state reports in {@code phase_applied}. */
    public String expectedApplied() {
        return isRename() ? phase : DROP_APPLIED;
    }

    /** Whether the two rows declare the same window (ignoring phase, version and times). */
    public boolean sameDefinition(ControlWindow other) {
        return key.equals(other.key) && kind.equals(other.kind) && java.util.Objects.equals(newColumn, other.newColumn)
                && java.util.Objects.equals(dropDefault, other.dropDefault);
    }

    /** {@code public.people.full_name -> display_name (mirror)} or {@code public.people.phone (drop)}. */
    public String describe() {
        return isRename() ? key + " -> " + newColumn + " (" + phase + ")"
                : key + " (drop" + (dropDefault == null ? "" : ", reads return " + dropDefault) + ")";
    }

    /** A copy with another phase. */
    public ControlWindow withPhase(String newPhase) {
        return new ControlWindow(key, kind, tableSchema, tableName, oldColumn, newColumn, dropDefault, newPhase, version,
                createdAt, updatedAt);
    }
}
