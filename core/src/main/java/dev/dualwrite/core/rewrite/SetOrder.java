package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;

/**
 * How a database evaluates the assignments of one SET list, which decides how a mirrored column may take its copy of
 * the value written to the other.
 *
 * <p>PostgreSQL and H2 evaluate every assignment against the old row. MySQL and MariaDB assign a single-table UPDATE,
 * {@code ON DUPLICATE KEY UPDATE} and {@code INSERT ... SET} left to right, but MariaDB switches a single-table UPDATE
 * to "every assignment sees the old row" when the statement reads its own table again (a subquery on it, or on a view
 * over it: this reproduces without any rewrite), and a multi-table UPDATE assigns either way depending on the join
 * order the optimizer picks. Where the order is not guaranteed the copy repeats the value right beside the original
 * assignment, ordered so that the two evaluations see the same row whichever way the database goes.
 */
enum SetOrder {
    /** Every assignment sees the old row (PostgreSQL, H2): a repeated value gives the same result anywhere. */
    OLD_ROW,
    /**
     * Left to right, guaranteed: the copy can name the column just assigned, and a later value naming a column
     * assigned before it means the new value.
     */
    LEFT_TO_RIGHT,
    /**
     * MySQL single-table UPDATE with a subquery: left to right or against the old row, depending on whether the
     * subquery reads the table (perhaps through a view, which the text does not show). Both the application's own
     * statement and the rewritten one have the same shape and so the same order.
     */
    SHAPE_DEPENDENT,
    /** MySQL multi-table UPDATE: the order depends on the join order the optimizer picks for the data at hand. */
    UNDEFINED;

    /** The order of an UPDATE's SET list spanning tokens {@code first..last}. */
    static SetOrder ofUpdate(Dialect dialect, boolean singleTable, Tokens t, int first, int last) {
        if (!dialect.assignsLeftToRight()) {
            return OLD_ROW;
        }
        if (!singleTable) {
            return UNDEFINED;
        }
        return readsAnotherQuery(t, first, last) ? SHAPE_DEPENDENT : LEFT_TO_RIGHT;
    }

    /** The order of an upsert action or INSERT ... SET: left to right in MySQL (whatever the statement reads). */
    static SetOrder ofInsert(Dialect dialect) {
        return dialect.assignsLeftToRight() ? LEFT_TO_RIGHT : OLD_ROW;
    }

    /** Whether the statement holds a query of its own: a subquery may read the updated table again. */
    private static boolean readsAnotherQuery(Tokens t, int first, int last) {
        for (int i = first; i <= last; i++) {
            if (t.isKeyword(i, "select") || t.isKeyword(i, "table") || t.isKeyword(i, "values")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the copy must sit right beside the original assignment, as a repeated value. */
    boolean copiesBeside() {
        return this == SHAPE_DEPENDENT || this == UNDEFINED;
    }

    /**
     * Whether the copy goes before the original assignment rather than after it. Of the two columns the value can
     * read only the window's read column (reads of either name are rewritten to it), so that column is assigned
     * second: the first evaluation cannot have changed anything the second one reads, in either order of evaluation.
     */
    boolean copyBefore(RenameWindow window, Role written) {
        if (!copiesBeside()) {
            return false;
        }
        Role read = window.phase().readsNew() ? Role.TO : Role.FROM;
        return written == read;
    }
}
