package dev.dualwrite.control;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.TableRef;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the fleet's windows from {@value ControlTables#WINDOWS} and its version from {@value ControlTables#FLEET}:
 * the rows the operations commands write, turned into the windows a {@code dualwrite.yaml} would declare.
 *
 * <p>The tables hold physical names as the catalog stores them. A stored name that is a plain identifier in the
 * database's folded case becomes an unquoted name (so statements keep the spelling a file would give them); any other
 * becomes a quoted one, matched exactly. The window's schema is kept: a window on {@code public.people} applies to
 * {@code public.people} and to an unqualified {@code people}, as in a file.
 */
public final class WindowRows {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private final ControlTables tables;
    private final IdentifierCase identifiers;

    public WindowRows(ControlTables tables, Dialect dialect) {
        this.tables = tables;
        this.identifiers = dialect.defaultIdentifierCase();
    }

    /**
     * The fleet's configuration version: one small read, what an instance polls.
     *
     * @throws SQLException when the tables cannot be read (or {@code dualwrite init} has not created them)
     */
    public long version(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT config_version FROM " + tables.table(ControlTables.FLEET)
                        + " WHERE id = 1")) {
            if (!rs.next()) {
                throw new SQLException("the control table " + ControlTables.FLEET + " has no row; run dualwrite init");
            }
            return rs.getLong(1);
        }
    }

    /**
     * The version and every window. The version is read first: the windows are at least as new as it, and a change
     * in between moves the version again, so the next poll reads them once more.
     *
     * @throws SQLException when the tables cannot be read, or a row does not describe a valid window (named)
     */
    public FleetWindows read(Connection c) throws SQLException {
        long version = version(c);
        List<FleetWindows.FleetWindow> windows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT window_key, kind, table_schema, table_name, old_column,"
                        + " new_column, drop_default, phase FROM " + tables.table(ControlTables.WINDOWS)
                        + " ORDER BY window_key")) {
            while (rs.next()) {
                windows.add(new FleetWindows.FleetWindow(rs.getString(1), window(rs)));
            }
        }
        return new FleetWindows(version, windows);
    }

    private Window window(ResultSet rs) throws SQLException {
        String key = rs.getString("window_key");
        String kind = rs.getString("kind");
        String schema = rs.getString("table_schema");
        TableRef table;
        try {
            table = new TableRef(schema == null || schema.isEmpty() ? null : name(schema),
                    name(rs.getString("table_name")));
            if ("rename".equals(kind)) {
                String phaseText = rs.getString("phase");
                Phase phase = Phase.fromConfigName(phaseText);
                String newColumn = rs.getString("new_column");
                if (phase == null || newColumn == null) {
                    throw new SQLException("window " + key + " in " + ControlTables.WINDOWS + " is a rename with "
                            + (phase == null ? "phase '" + phaseText + "'" : "no new column")
                            + "; set it with dualwrite phase, or remove and declare it again");
                }
                return new RenameWindow(table, name(rs.getString("old_column")), name(newColumn), phase, null, 0);
            }
            if ("drop".equals(kind)) {
                return new DropWindow(table, name(rs.getString("old_column")), rs.getString("drop_default"), null, 0);
            }
        } catch (IllegalArgumentException e) {
            throw new SQLException("window " + key + " in " + ControlTables.WINDOWS + " has a name dualwrite cannot"
                    + " use (" + e.getMessage() + "); remove it and declare it again", e);
        }
        throw new SQLException("window " + key + " in " + ControlTables.WINDOWS + " has kind '" + kind
                + "' (expected rename or drop); remove it and declare it again");
    }

    /** A stored name as a configured one: unquoted when the database would store the unquoted name so. */
    Name name(String stored) {
        if (stored == null || stored.isEmpty()) {
            throw new IllegalArgumentException("an empty name");
        }
        if (PLAIN.matcher(stored).matches() && (identifiers == IdentifierCase.INSENSITIVE
                || identifiers.normalize(stored, false).equals(stored))) {
            return Name.of(stored);
        }
        return Name.quoted(stored);
    }
}
