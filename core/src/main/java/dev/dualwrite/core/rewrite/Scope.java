package dev.dualwrite.core.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names one query level can see: its FROM items (as {@link Source}s), the CTEs it defines, and the enclosing
 * level. Built while the FROM items, joins and WITH list of a level are read, and read when a column is resolved; a
 * subquery gets a child scope, so that an unqualified name is looked up from the innermost level outwards as the
 * database does.
 */
final class Scope {
    final Scope parent;
    final List<Source> sources = new ArrayList<>();
    /** CTE name (normalized) to its output names; a null list means the outputs are not known. */
    final Map<String, List<String>> ctes = new HashMap<>();
    /** Whether a NATURAL join or JOIN ... USING merged columns here, so {@code *} has no fixed column order. */
    boolean mergingJoin;

    Scope(Scope parent) {
        this.parent = parent;
    }

    /** A scope of its own when {@code outer} is null (a statement at top level), else {@code outer} itself. */
    static Scope orNew(Scope outer) {
        return outer == null ? new Scope(null) : outer;
    }

    boolean isCte(String key) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.ctes.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    List<String> cteOutputs(String key) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.ctes.containsKey(key)) {
                return s.ctes.get(key);
            }
        }
        return null;
    }
}
