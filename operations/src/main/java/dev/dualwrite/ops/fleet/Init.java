package dev.dualwrite.ops.fleet;

import dev.dualwrite.control.ControlTables;
import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.OpsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** {@code dualwrite init}: creates every control table that does not exist yet; safe to run again at any time. */
public final class Init {
    private final Fleet fleet;

    public Init(Fleet fleet) {
        this.fleet = fleet;
    }

    /** @return the tables created now (empty when all were there) */
    public List<String> run(Consumer<String> out) throws OpsException {
        try (Connection c = fleet.connect()) {
            List<String> created = fleet.tables().ensure(c, ControlTables.ALL_TABLES);
            for (String t : ControlTables.ALL_TABLES) {
                out.accept((created.contains(t) ? "created " : "exists  ") + fleet.tables().table(t));
            }
            out.accept(created.isEmpty() ? "the control tables were all there in " + fleet.where() + "; nothing changed"
                    : "created " + created.size() + " of " + ControlTables.ALL_TABLES.size() + " control tables in "
                    + fleet.where() + "; declare a window next: dualwrite window rename TABLE.FROM TO");
            return created;
        } catch (SQLException e) {
            throw OpsException.refused("init could not create the control tables in " + fleet.where() + ": "
                    + DatabaseTarget.firstLine(e.getMessage()) + "; the user needs the right to create tables there (see the GRANTs in"
                    + " docs/operations.md)", e);
        }
    }
}
