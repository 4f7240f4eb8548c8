package dev.dualwrite.ops;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.TableRef;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.IdentifierCase;
import java.util.ArrayList;
import java.util.List;

/**
 * How a command names a window: its table and its old column, {@code people.full_name},
 * {@code public.people.full_name}, or {@code people.phone_number} for a drop window. Parts may be quoted
 * ({@code "My Table"."Full Name"}).
 *
 * @param schema null when the name has two parts
 */
public record WindowName(Name schema, Name table, Name column) {

    /**
     * @throws OpsException (exit 2) for a name that is not {@code table.column} or {@code schema.table.column}
     */
    public static WindowName parse(String written) throws OpsException {
        List<String> parts = TableRef.splitParts(written == null ? "" : written.strip());
        if (parts.size() < 2 || parts.size() > 3) {
            throw OpsException.usage("a window is named by its table and old column, like people.full_name or"
                    + " public.people.full_name; '" + written + "' is not");
        }
        try {
            List<Name> names = new ArrayList<>();
            for (String p : parts) {
                names.add(Name.parse(p));
            }
            return names.size() == 2 ? new WindowName(null, names.get(0), names.get(1))
                    : new WindowName(names.get(0), names.get(1), names.get(2));
        } catch (IllegalArgumentException e) {
            throw OpsException.usage("bad window name '" + written + "': " + e.getMessage());
        }
    }

    /** Whether {@code window} is the one this name means, names compared as the database folds them. */
    public boolean matches(Window window, IdentifierCase identifiers) {
        if (!same(window.table().name(), table, identifiers)) {
            return false;
        }
        if (schema != null && window.table().schema() != null && !same(window.table().schema(), schema, identifiers)) {
            return false;
        }
        Name old = window instanceof RenameWindow r ? r.from() : ((DropWindow) window).column();
        return same(old, column, identifiers);
    }

    private static boolean same(Name a, Name b, IdentifierCase identifiers) {
        return a.normalized(identifiers).equals(b.normalized(identifiers));
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ".") + table + "." + column;
    }
}
