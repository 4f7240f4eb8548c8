package dev.dualwrite.differential;

import dev.dualwrite.differential.Executor.Mode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A way in: the JDBC door with Statement or PreparedStatement per database, and the sidecar per protocol. */
enum Door {
    H2_STATEMENT(Family.H2, Mode.STATEMENT, false),
    H2_PREPARED(Family.H2, Mode.PREPARED, false),
    POSTGRESQL_STATEMENT(Family.POSTGRESQL, Mode.STATEMENT, false),
    POSTGRESQL_PREPARED(Family.POSTGRESQL, Mode.PREPARED, false),
    MARIADB_STATEMENT(Family.MARIADB, Mode.STATEMENT, false),
    MARIADB_PREPARED(Family.MARIADB, Mode.PREPARED, false),
    /** pgjdbc with {@code preferQueryMode=simple}: parameters written into the text, simple Query messages. */
    SIDECAR_SIMPLE(Family.POSTGRESQL, Mode.PREPARED, true),
    /** pgjdbc with {@code preferQueryMode=extended&prepareThreshold=1}: Parse/Bind/Execute, named statements. */
    SIDECAR_EXTENDED(Family.POSTGRESQL, Mode.PREPARED, true);

    final Family family;
    final Mode mode;
    final boolean sidecar;

    Door(Family family, Mode mode, boolean sidecar) {
        this.family = family;
        this.mode = mode;
        this.sidecar = sidecar;
    }

    /** {@code h2/statement}, {@code sidecar/extended}, ... */
    String label() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_", 2);
        return parts[0] + "/" + parts[1];
    }

    /** pgjdbc URL parameters of a sidecar door. */
    String sidecarParameters() {
        return this == SIDECAR_SIMPLE ? "preferQueryMode=simple" : "preferQueryMode=extended&prepareThreshold=1";
    }

    /** Doors named in a comma list of labels or families ({@code h2,sidecar/simple}); all when blank. */
    static Set<Door> parse(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(Door.class);
        }
        Set<Door> out = EnumSet.noneOf(Door.class);
        for (String item : list.split("[,\\s]+")) {
            String want = item.trim().toLowerCase(Locale.ROOT);
            for (Door d : values()) {
                if (d.label().equals(want) || d.label().startsWith(want + "/")) {
                    out.add(d);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no door matches differential.doors=" + list);
        }
        return out;
    }
}
