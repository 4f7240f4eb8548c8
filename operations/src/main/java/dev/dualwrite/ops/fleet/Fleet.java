package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlTables;
import dev.dualwrite.control.ControlWindow;
import dev.dualwrite.control.FleetState;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.WindowName;
import dev.dualwrite.ops.Windows;
import dev.dualwrite.ops.schema.SchemaDialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database the fleet commands ({@code init}, {@code window}, {@code phase}, {@code status}) work on and where
 * its control tables are. The commands' logic is in one small class each; this holds what they share.
 */
public final class Fleet {
    private final DatabaseTarget target;
    private final SchemaDialect dialect;
    private final ControlTables tables;

    public Fleet(DatabaseTarget target, SchemaDialect dialect, ControlTables tables) {
        this.target = target;
        this.dialect = dialect;
        this.tables = tables;
    }

    public DatabaseTarget target() {
        return target;
    }

    public SchemaDialect dialect() {
        return dialect;
    }

    public ControlTables tables() {
        return tables;
    }

    public Connection connect() throws OpsException {
        return target.connect();
    }

    /** Where the tables are, for messages: {@code schema S of URL} or {@code URL}. */
    public String where() {
        return (tables.schema() == null ? "" : "schema " + tables.schema() + " of ") + target.displayUrl();
    }

    /**
     * The fleet's state now.
     *
     * @throws OpsException (exit 2) when the control tables do not exist: {@code dualwrite init} creates them
     */
    public FleetState state(Connection c) throws OpsException, SQLException {
        for (String t : ControlTables.FLEET_TABLES) {
            if (!tables.exists(c, t)) {
                throw OpsException.usage("the control tables are not in " + where() + " (" + t + " is missing); run"
                        + " dualwrite init" + (tables.schema() == null ? "" : " --schema " + tables.schema())
                        + " first");
            }
        }
        return FleetState.read(c, tables);
    }

    /**
     * The declared window {@code written} names.
     *
     * @throws OpsException (exit 2) when none or several match, listing the declared windows
     */
    public ControlWindow find(FleetState state, String written) throws OpsException {
        WindowName name = WindowName.parse(written);
        Windows windows = Windows.fromControl(state.windows().values(), dialect);
        Window w = windows.find(name, dialect.dialect().defaultIdentifierCase());
        return windows.control(w);
    }

    /** A database error as a refusal (exit 1) naming what failed. */
    public static OpsException databaseError(String what, SQLException e) {
        return OpsException.refused(what + " failed on a database error: " + DatabaseTarget.firstLine(e.getMessage())
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), e);
    }
}
