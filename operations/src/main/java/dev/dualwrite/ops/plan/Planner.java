package dev.dualwrite.ops.plan;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.ResolvedWindow;
import dev.dualwrite.ops.data.Backfill;
import dev.dualwrite.ops.data.KeyColumns;
import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.Ddl;
import dev.dualwrite.ops.schema.ObjectCopy;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds a window's plan from the catalog as it is now (each statement marked done when its effect is there). */
public final class Planner {
    public static final String ADD_COLUMN = "add-column";
    public static final String BACKFILL = "backfill";
    public static final String NOT_NULL = "not-null";
    public static final String INDEXES = "indexes";
    public static final String CONSTRAINTS = "constraints";
    public static final String VERIFY = "verify";
    public static final String DROP = "drop";
    public static final String DROP_NOT_NULL = "drop-not-null";

    static final String AFTER_BACKFILL = "after backfill, before read-new";

    private Planner() {
    }

    /**
     * @throws OpsException (exit 1) when the old column is gone or is of a kind the plan cannot copy
     */
    public static Plan plan(Connection c, ResolvedWindow w) throws OpsException, SQLException {
        SchemaDialect dialect = w.dialect();
        Table t = w.table();
        Column from = w.from();
        if (from == null) {
            throw OpsException.refused("column " + w.oldColumn() + " does not exist in " + t.display()
                    + (w.isRename() && w.to() != null ? "; the window's drop step is done" : ""));
        }
        String window = w.name().toString();
        List<String> notes = new ArrayList<>();
        try {
            if (!w.isRename()) {
                return dropWindowPlan(c, w, from, notes);
            }
            if (from.generated() || from.identity()) {
                throw OpsException.refused(from.name() + " in " + t.display() + " is "
                        + (from.generated() ? "a generated" : "an identity") + " column; dualwrite's plan does not"
                        + " copy it: declare the new column by hand");
            }
            Column to = w.to();
            Column target = to != null ? to : new Column(w.newColumn(), from.type(), from.collation(),
                    from.defaultSql(), true, false, false, from.compareAsText(), from.extra());
            List<ObjectCopy> copies = dialect.copies(c, t, from, w.newColumn());
            List<Step> steps = new ArrayList<>();
            steps.add(new Step(ADD_COLUMN, "before mirror", dialect.addColumn(t, from, w.newColumn()), null));
            KeyColumns key = KeyColumns.of(dialect, t);
            steps.add(new Step(BACKFILL, "in mirror, before read-new", key == null ? List.of()
                    : List.of(Ddl.of(Backfill.batchStatement(dialect, t, key, from, target), false)),
                    "dualwrite backfill " + window));
            if (key == null) {
                notes.add(t.display() + " has no primary key and no unique key of NOT NULL columns: the backfill"
                        + " cannot walk it in batches; add such a key first");
            }
            if (!from.nullable()) {
                steps.add(new Step(NOT_NULL, AFTER_BACKFILL, dialect.notNull(c, t, target), null));
            }
            List<Ddl> indexes = copies.stream().flatMap(x -> x.index().stream()).collect(Collectors.toList());
            if (!indexes.isEmpty()) {
                steps.add(new Step(INDEXES, AFTER_BACKFILL, indexes, null));
            }
            List<Ddl> constraints = copies.stream().flatMap(x -> x.constraint().stream())
                    .collect(Collectors.toList());
            if (!constraints.isEmpty()) {
                steps.add(new Step(CONSTRAINTS, AFTER_BACKFILL, constraints, null));
            }
            steps.add(new Step(VERIFY, "after the steps above, before read-new", List.of(Ddl.of("SELECT COUNT(*) FROM "
                    + t.qualified() + " WHERE " + dialect.differs(from, t.quote(target.name()), t.quote(from.name())),
                    false)), "dualwrite verify " + window));
            steps.add(new Step(DROP, "after new-only", dialect.dropColumn(t, from.name(), copies), null));
            String description = "plan for " + w.window().describe() + " on " + t.display() + " ("
                    + dialect.displayName() + "): " + from.name() + " " + from.typeWithCollation()
                    + (from.nullable() ? "" : " NOT NULL") + (from.defaultSql() == null ? "" : " DEFAULT "
                    + from.defaultSql()) + "; " + (copies.isEmpty() ? "no index or constraint covers it"
                    : "covered by " + copies.stream().map(x -> x.kind() + " " + x.oldName())
                            .collect(Collectors.joining(", ")));
            return new Plan(w.name().toString(), description, steps, notes);
        } catch (SQLException e) {
            if ("0A000".equals(e.getSQLState())) {
                throw OpsException.refused(e.getMessage(), e);
            }
            throw e;
        }
    }

    private static Plan dropWindowPlan(Connection c, ResolvedWindow w, Column column, List<String> notes)
            throws SQLException {
        SchemaDialect dialect = w.dialect();
        Table t = w.table();
        List<Step> steps = new ArrayList<>();
        if (!column.nullable() && column.defaultSql() == null) {
            // The doors strip the column from the old version's INSERTs: without a default they would fail.
            steps.add(new Step(DROP_NOT_NULL, "before the drop window is applied", dialect.dropNotNull(t, column),
                    null));
        }
        // What covers the column, as copies would be listed; only their statements that drop the old objects are used.
        List<ObjectCopy> covering = dialect.copies(c, t, column, column.name() + "_dropped");
        steps.add(new Step(DROP, "after every instance applies the drop window",
                dialect.dropColumn(t, column.name(), covering), null));
        String description = "plan for " + w.window().describe() + " on " + t.display() + " ("
                + dialect.displayName() + "): " + column.name() + " " + column.typeWithCollation()
                + (column.nullable() ? "" : " NOT NULL")
                + (column.defaultSql() == null ? "" : " DEFAULT " + column.defaultSql());
        return new Plan(w.name().toString(), description, steps, notes);
    }
}
