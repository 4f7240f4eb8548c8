package dev.dualwrite.ops.plan;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.ResolvedWindow;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.Ddl;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one step of a plan when its precondition holds. Statements whose effect the catalog already shows are skipped,
 * so a step that failed halfway is finished by running it again. Each statement runs on its own, outside a
 * transaction (PostgreSQL's {@code CREATE INDEX CONCURRENTLY} requires it), and every statement that takes a table
 * lock gives up after {@value #LOCK_TIMEOUT_MILLIS} ms instead of queueing the application's statements behind it;
 * the session's own lock timeout is put back after each statement.
 */
public final class Applier {
    static final int LOCK_TIMEOUT_MILLIS = 5000;

    private Applier() {
    }

    /**
     * @param backfillComplete whether the control tables record a completed backfill of the window
     * @throws OpsException exit 2 for an unknown step, exit 1 when the precondition does not hold or a statement fails
     */
    public static void apply(Connection c, ResolvedWindow w, Plan plan, String stepName, boolean backfillComplete,
            Consumer<String> out) throws OpsException {
        Step step = plan.step(stepName);
        if (step == null) {
            throw OpsException.usage("the plan of " + w.name() + " has no step '" + stepName + "'; its steps are "
                    + String.join(", ", plan.stepNames()) + " (see dualwrite plan " + w.name() + ")");
        }
        if (step.command() != null) {
            throw OpsException.usage("step " + stepName + " is a command of its own: run " + step.command());
        }
        if (!precondition(w, step, backfillComplete, out)) {
            return;
        }
        boolean all = true;
        for (Ddl d : step.sql()) {
            if (d.done()) {
                out.accept("skipped (already done): " + d.sql());
                continue;
            }
            all &= d.checkNoRows(); // a validating query changes nothing; it runs every time
            run(c, w, step, d);
            out.accept((d.checkNoRows() ? "checked: " : "applied: ") + d.sql());
        }
        out.accept(all ? "step " + stepName + " of " + w.name() + " was already done; nothing changed"
                : "step " + stepName + " of " + w.name() + " done");
    }

    /** @return false when the step is already done and there is nothing to run */
    private static boolean precondition(ResolvedWindow w, Step step, boolean backfillComplete, Consumer<String> out)
            throws OpsException {
        Column from = w.from();
        Column to = w.to();
        switch (step.name()) {
            case Planner.ADD_COLUMN:
                if (to != null) {
                    boolean sameType = from != null && to.typeWithCollation().equals(from.typeWithCollation());
                    if (sameType && Objects.equals(to.defaultSql(), from.defaultSql())) {
                        out.accept("step add-column of " + w.name() + " was already done: " + to.name() + " "
                                + to.typeWithCollation() + " exists in " + w.table().display());
                        return false;
                    }
                    if (sameType && to.defaultSql() == null) {
                        return true; // added, its default not set yet: the step finishes
                    }
                    throw OpsException.refused("column " + to.name() + " exists already in " + w.table().display()
                            + " as " + to.typeWithCollation() + (to.defaultSql() == null ? "" : " DEFAULT "
                            + to.defaultSql()) + ", not as the copy of " + from.name() + " (" + from.typeWithCollation()
                            + (from.defaultSql() == null ? "" : " DEFAULT " + from.defaultSql()) + "); drop or fix it"
                            + " by hand, or name another new column in the window");
                }
                return true;
            case Planner.NOT_NULL:
            case Planner.INDEXES:
            case Planner.CONSTRAINTS:
                if (to == null) {
                    throw OpsException.refused("column " + w.newColumn() + " does not exist yet; run dualwrite apply "
                            + w.name() + " add-column first");
                }
                if (!backfillComplete && !step.done()) {
                    throw OpsException.refused("the backfill of " + w.name() + " is not complete, so " + step.name()
                            + " would build on rows not copied yet; run dualwrite backfill " + w.name() + " first");
                }
                return true;
            case Planner.DROP:
                if (w.isRename()) {
                    if (from == null) {
                        out.accept("step drop of " + w.name() + " was already done: " + w.oldColumn() + " is gone");
                        return false;
                    }
                    Phase phase = w.rename().phase();
                    if (phase != Phase.NEW_ONLY) {
                        throw OpsException.refused("window " + w.name() + " is in phase " + phase + "; the old column"
                                + " may be dropped only once every instance is in new-only (instances in " + phase
                                + " still use " + w.oldColumn() + ")");
                    }
                    if (to == null) {
                        throw OpsException.refused("column " + w.newColumn() + " does not exist: dropping "
                                + w.oldColumn() + " would lose its data");
                    }
                } else if (from == null) {
                    out.accept("step drop of " + w.name() + " was already done: " + w.oldColumn() + " is gone");
                    return false;
                }
                return true;
            default:
                return true;
        }
    }

    private static String whereToLook(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "see pg_stat_activity for sessions idle in transaction";
            case MYSQL -> "see SHOW PROCESSLIST and information_schema.innodb_trx";
            default -> "see INFORMATION_SCHEMA.SESSIONS";
        };
    }

    /** Puts the session's timeout back; a failure to do so must not hide the statement's own outcome. */
    private static void restore(Statement st, Dialect dialect, String saved) {
        try {
            SessionLockTimeout.set(st, dialect, saved);
        } catch (SQLException e) {
            // The connection is closed after the step anyway; the statement's outcome is what the user needs.
        }
    }

    private static void run(Connection c, ResolvedWindow w, Step step, Ddl d) throws OpsException {
        Dialect dialect = w.dialect().dialect();
        boolean buildsIndex = d.sql().contains(" INDEX ") && !d.sql().contains("DROP INDEX");
        try (Statement st = c.createStatement()) {
            if (d.checkNoRows()) {
                try (ResultSet rs = st.executeQuery(d.sql())) {
                    if (rs.next()) {
                        throw OpsException.refused("step " + step.name() + " of " + w.name() + ": rows of "
                                + w.table().display() + " break the new constraint (this query returns them: "
                                + d.sql() + "); fix those rows and rerun the step");
                    }
                }
                return;
            }
            // A long index build must not be cut short by the timeout; the statements that lock the table must be.
            int timeout = buildsIndex ? 0 : LOCK_TIMEOUT_MILLIS;
            String saved = SessionLockTimeout.read(st, dialect);
            SessionLockTimeout.limit(st, dialect, timeout);
            try {
                st.execute(d.sql());
            } finally {
                restore(st, dialect, saved);
            }
        } catch (SQLException e) {
            String detail = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            if (w.dialect().retryable(e)) {
                throw OpsException.refused("step " + step.name() + " of " + w.name() + " could not lock "
                        + w.table().display() + " within " + LOCK_TIMEOUT_MILLIS / 1000 + " s (" + detail.strip()
                        + "): another session's open transaction holds a lock on it (" + whereToLook(dialect)
                        + "); rerun the step when that transaction ends (done statements are skipped)", e);
            }
            throw OpsException.refused("step " + step.name() + " of " + w.name() + " failed: " + detail.strip()
                    + " (statement: " + d.sql() + "); statements before it stay applied: fix the cause and rerun"
                    + " the step", e);
        }
    }
}
