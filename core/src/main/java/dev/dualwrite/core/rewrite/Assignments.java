package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WritePlan.Action;
import dev.dualwrite.core.rewrite.WritePlan.Target;
import dev.dualwrite.core.rewrite.WritePlan.WriteAction;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * SET lists: UPDATE, ON CONFLICT DO UPDATE, ON DUPLICATE KEY UPDATE, MERGE's UPDATE and MySQL's INSERT ... SET. The
 * targets are planned by {@link WritePlan}; a renamed target is renamed, a dropped one's assignment removed (an UPDATE
 * left with none assigns a column to itself, so that it still counts its rows), and a mirrored one gains an
 * assignment of the other column placed where the database evaluates it as the application's (see
 * {@link SetOrder}). The values are visited as reads of the old row, except that a left-to-right list lets a value
 * name a column assigned before it ({@link Reads#assignedInRow}).
 */
final class Assignments {
    private final RewriteContext cx;
    private final Resolver resolver;
    private final Reads reads;
    private final WritePlan plan;
    private final Subqueries walk;
    private final Tokens tokens;
    private final Dialect dialect;
    private final IdentifierCase ids;
    private final EditList edits;
    private final Map<Window, int[]> uses;

    Assignments(RewriteContext cx, Resolver resolver, Reads reads, WritePlan plan, Subqueries walk) {
        this.cx = cx;
        this.resolver = resolver;
        this.reads = reads;
        this.plan = plan;
        this.walk = walk;
        this.tokens = cx.tokens;
        this.dialect = cx.dialect;
        this.ids = cx.ids;
        this.edits = cx.edits;
        this.uses = cx.uses;
    }

    /**
     * SET lists of UPDATE, ON CONFLICT DO UPDATE, ON DUPLICATE KEY UPDATE, MERGE and MySQL's INSERT ... SET.
     *
     * @param order how the database evaluates the list: left to right lets a mirrored column simply take the value
     *              of the column assigned before it
     */
    void assign(List<UpdateSet> sets, Scope scope, Source target, SetOrder order) {
        assign(sets, scope, target, order, false, null, false);
    }

    /** MERGE's WHEN MATCHED THEN UPDATE SET, whose row form takes no sub-SELECT (see {@link #rowFormSubquery}). */
    void assignInMerge(List<UpdateSet> sets, Scope scope, Source target) {
        assign(sets, scope, target, SetOrder.OLD_ROW, false, null, true);
    }

    /**
     * A SET list, as {@link #assign(List, Scope, Source, SetOrder)}.
     *
     * @param inserting MySQL's INSERT ... SET: the targets are the inserted row's
     * @param sourceQualifier when set, the mirrored column's copy names its source column through this qualifier:
     *                        in ON DUPLICATE KEY UPDATE of an INSERT ... SELECT an unqualified name could also be a
     *                        column of the selected tables
     */
    void assign(List<UpdateSet> sets, Scope scope, Source target, SetOrder order, boolean inserting,
            String sourceQualifier) {
        assign(sets, scope, target, order, inserting, sourceQualifier, false);
    }

    private void assign(List<UpdateSet> sets, Scope scope, Source target, SetOrder order, boolean inserting,
            String sourceQualifier, boolean merging) {
        // The qualifier (with its dot) that unqualified window columns of this list are written with, or empty. A
        // multi-table MySQL UPDATE needs it so that the renamed or mirrored column is the target's.
        String qualifiedTargets = "";
        List<Target> targets = new ArrayList<>();
        for (UpdateSet us : sets) {
            for (Object c : us.getColumns()) {
                if (!(c instanceof Column)) {
                    // The parser can take a malformed target list for an expression (seen with a stray "*/").
                    throw new Unsupported(null, "could not read the assigned columns", Rejection.SYNTAX);
                }
            }
        }
        for (int s = 0; s < sets.size(); s++) {
            UpdateSet us = sets.get(s);
            for (Column c : us.getColumns()) {
                Ref r = cx.ref(c);
                cx.account(r);
                ColumnWindow cw;
                if (r.qualified()) {
                    cw = resolver.column(r, scope);
                } else {
                    cw = target.windows == null ? null : target.windows.column(cx.key(r.name()));
                    if (cw != null && dialect == Dialect.MYSQL && !inserting && Capture.severalSources(scope)) {
                        // A multi-table MySQL UPDATE binds an unqualified SET column to whichever table has it.
                        if (Capture.otherClaim(scope, target, cx.key(r.name()), cx::catalogKeys) != null) {
                            throw new Unsupported(cw.window(), "the assigned column " + tokens.text(r.name()) + " is"
                                    + " not qualified and another table of the UPDATE could have it; qualify it with"
                                    + " its table or alias", Rejection.AMBIGUOUS);
                        }
                        qualifiedTargets = target.qualifierText + ".";
                    }
                }
                targets.add(new Target(r, cw));
            }
        }
        WriteAction[] actions = plan.planWrites(targets);
        Set<String> assigned = new HashSet<>();
        // Left to right (MySQL single-table), a value naming a column assigned before it means the new value: it
        // follows that column's name and is not a read of the stored row.
        Map<String, WriteAction> assignedBefore = order == SetOrder.LEFT_TO_RIGHT ? new HashMap<>() : null;
        int t0 = 0;
        for (UpdateSet us : sets) {
            reads.assignedInRow(assignedBefore, target.qualifierKey);
            try {
                for (Object v : us.getValues()) {
                    if (v instanceof Expression e) {
                        walk.expression(e, Ctx.of(scope));
                    }
                }
            } finally {
                reads.assignedInRow(null, null);
            }
            for (int k = 0; k < us.getColumns().size(); k++, t0++) {
                Target tg = targets.get(t0);
                if (assignedBefore != null && (!tg.ref().qualified()
                        || cx.key(tg.ref().lastQualifier()).equals(target.qualifierKey))) {
                    assignedBefore.put(cx.key(tg.ref().name()), actions[t0]);
                }
            }
        }
        boolean any = false;
        for (WriteAction a : actions) {
            any |= a.action() != Action.NONE;
        }
        if (!any) {
            return;
        }
        // Whole assignments as list elements: "col = value" or "(a, b) = (x, y)".
        List<Span> assignmentSpans = new ArrayList<>();
        for (UpdateSet us : sets) {
            assignmentSpans.add(assignmentSpan(us));
        }
        boolean[] removeSet = new boolean[sets.size()];
        StringBuilder trailing = new StringBuilder();
        int t = 0;
        for (int s = 0; s < sets.size(); s++) {
            UpdateSet us = sets.get(s);
            int width = us.getColumns().size();
            boolean rowForm = width > 1 || us.getColumns() instanceof ParenthesedExpressionList;
            boolean[] removeCol = new boolean[width];
            for (int k = 0; k < width; k++, t++) {
                WriteAction a = actions[t];
                Target target1 = targets.get(t);
                assigned.add(cx.key(target1.ref().name()));
                switch (a.action()) {
                    case RENAME:
                        edits.replace(target1.ref().name(), target1.ref().name(), (target1.ref().qualifier().length == 0
                                ? qualifiedTargets : "") + cx.nameText(a.name(), target1.ref().name()));
                        break;
                    case REMOVE:
                        removeCol[k] = true;
                        break;
                    case MIRROR:
                        mirrorAssignment(us, k, rowForm, target1, a.name(), order, trailing, assigned,
                                sourceQualifier, qualifiedTargets, merging);
                        break;
                    default:
                        break;
                }
            }
            if (WritePlan.all(removeCol)) {
                removeSet[s] = true;
            } else if (WritePlan.contains(removeCol)) {
                List<Span> cols = new ArrayList<>();
                for (Column c : us.getColumns()) {
                    Ref r = cx.ref(c);
                    cols.add(new Span(r.first(), r.name()));
                }
                List<Span> vals = rowValues(us, WritePlan.windowAmong(targets, t - width));
                plan.removeFromList(cols, removeCol);
                plan.removeFromList(vals, removeCol);
                int kept = 0;
                for (int k = 0; k < width; k++) {
                    kept += removeCol[k] ? 0 : actions[t - width + k].action() == Action.MIRROR ? 2 : 1;
                }
                int open = vals.get(0).first() - 1;
                if (kept == 1 && dialect == Dialect.POSTGRESQL && tokens.kind(open) == Tokens.LPAREN
                        && !tokens.isKeyword(open - 1, "row")) {
                    // PostgreSQL reads "(a) = (x)" as a scalar, which a multiple-column assignment may not be.
                    edits.insertBefore(open, "ROW");
                }
            }
        }
        if (WritePlan.all(removeSet)) {
            selfAssignment(target, assignmentSpans, WritePlan.firstWindow(targets), inserting);
            return;
        }
        plan.removeFromList(assignmentSpans, removeSet);
        if (trailing.length() > 0) {
            int last = -1;
            for (int s = sets.size() - 1; s >= 0; s--) {
                if (!removeSet[s]) {
                    last = assignmentSpans.get(s).last();
                    break;
                }
            }
            edits.insertAfter(last, trailing.toString());
        }
    }

    /**
     * An UPDATE (or upsert action) that only assigns dropped columns still has to update the rows it matches: the
     * application counts them. It becomes a self-assignment of the first column the catalog lists that no window is
     * about. MySQL's INSERT ... SET with only dropped columns has nothing to insert and is rejected.
     */
    private void selfAssignment(Source target, List<Span> assignmentSpans, Window window, boolean inserting) {
        List<String> cols = inserting ? null : cx.catalogColumns(target);
        String keep = null;
        if (cols != null) {
            for (String c : cols) {
                if (target.windows == null || target.windows.column(ids.normalize(c, true)) == null) {
                    keep = c;
                    break;
                }
            }
        }
        if (keep == null) {
            throw Unsupported.of(window, inserting ? "the INSERT ... SET writes only dropped columns; nothing would be"
                    + " left to insert" : "the statement only assigns dropped columns, and without the table's column"
                    + " list there is no other column to assign in their place");
        }
        String column = dialect.quote(keep);
        String targetText = dialect == Dialect.MYSQL ? target.qualifierText + "." + column : column;
        edits.replace(assignmentSpans.get(0).first(), assignmentSpans.get(assignmentSpans.size() - 1).last(),
                targetText + " = " + target.qualifierText + "." + column);
    }

    /**
     * Writes the other column of a rename as well: {@code a = v} gains {@code b = v} (before or after it, as
     * {@link SetOrder} says the database reads it), or names {@code a} itself where the list is evaluated left to
     * right; {@code (a, c) = (v, w)} gains {@code b} and {@code v}.
     */
    private void mirrorAssignment(UpdateSet us, int k, boolean rowForm, Target t, Name other, SetOrder order,
            StringBuilder trailing, Set<String> assigned, String sourceQualifier, String qualifiedTargets,
            boolean merging) {
        String otherText = cx.nameText(other, t.ref().name());
        String qualifier = t.ref().qualified() ? cx.text(t.ref().first(), t.ref().name() - 1) : qualifiedTargets;
        if (!rowForm) {
            if (order == SetOrder.LEFT_TO_RIGHT) {
                String source = t.ref().qualifier().length == 0 && sourceQualifier != null
                        ? sourceQualifier + "." + tokens.text(t.ref().name())
                        : cx.text(t.ref().first(), t.ref().name());
                trailing.append(", ").append(qualifier).append(otherText).append(" = ").append(source);
                return;
            }
            Span v = cx.requireSpan(us.getValues().get(0), "assigned value");
            if (order == SetOrder.OLD_ROW && !merging && rowFormSubquery(us, t, otherText)) {
                return;
            }
            if (!cx.isDefault(v)) {
                plan.requireRepeatable(v.first(), v.last(), t, order, other);
                if (order == SetOrder.UNDEFINED) {
                    requireNoAssignedColumn(v, assigned, t, other);
                }
            }
            if (order.copyBefore(t.window().rename(), t.window().role()) && readsWindow(v, t.window().rename())) {
                edits.insertBefore(t.ref().first(), qualifier + otherText + " = ",
                        new EditList.Copy(v.first(), v.last()), ", ");
            } else {
                edits.insertAfter(v.last(), ", " + qualifier + otherText + " = ",
                        new EditList.Copy(v.first(), v.last()));
            }
            return;
        }
        List<Span> vals = rowValues(us, t.window().window());
        Span v = vals.get(k);
        if (!cx.isDefault(v)) {
            plan.requireRepeatable(v.first(), v.last(), t, other);
        }
        edits.insertAfter(t.ref().name(), ", " + otherText);
        edits.insertAfter(v.last(), ", ", new EditList.Copy(v.first(), v.last()));
    }

    /**
     * {@code SET a = (SELECT x FROM ...)} on PostgreSQL and H2, where a scalar subquery may not run twice: the row form
     * {@code SET (a, b) = (SELECT x, x FROM ...)} evaluates it once, and a row with no match sets both to NULL as the
     * scalar form sets one. Only a single-item plain SELECT whose item can be repeated within its row qualifies.
     *
     * @return whether the assignment was rewritten so
     */
    private boolean rowFormSubquery(UpdateSet us, Target t, String otherText) {
        if ((dialect != Dialect.POSTGRESQL && dialect != Dialect.H2) || t.ref().qualifier().length > 0
                || !(us.getValues().get(0) instanceof ParenthesedSelect ps)
                || !(ps.getSelect() instanceof PlainSelect plain) || plain.getSelectItems().size() != 1
                || plain.getSelectItems().get(0).getExpression() instanceof AllColumns) {
            return false;
        }
        Span item = cx.span(plain.getSelectItems().get(0).getExpression());
        if (item == null || Repeatability.check(tokens, item.first(), item.last(), dialect) != null) {
            return false;
        }
        edits.insertBefore(t.ref().first(), "(");
        edits.insertAfter(t.ref().name(), ", " + otherText + ")");
        edits.insertAfter(item.last(), ", ", new EditList.Copy(item.first(), item.last()));
        return true;
    }

    /**
     * A multi-table MySQL UPDATE assigns the updated table's columns left to right or all at once, depending on the
     * join order it picks; a copied value that reads a column assigned at or before the original (once the reads are
     * rewritten) would see the old value in one place and the new value in the other.
     */
    private void requireNoAssignedColumn(Span v, Set<String> assigned, Target t, Name other) {
        RenameWindow own = t.window().rename();
        for (int i = v.first(); i <= v.last(); i++) {
            boolean call = i + 1 <= v.last() && tokens.kind(i + 1) == Tokens.LPAREN;
            String read = tokens.isIdentifier(i) && !call ? physicalRead(i) : null;
            // The pair's own read column is fine: the copy is placed so that it is assigned second (SetOrder).
            boolean ownColumn = read != null && (read.equals(own.from().normalized(ids))
                    || read.equals(own.to().normalized(ids)));
            if (read != null && !ownColumn && assigned.contains(read)) {
                throw Unsupported.of(t.window().window(), "the value written to " + tokens.text(t.ref().name())
                        + " reads " + tokens.text(i) + ", which this multi-table UPDATE also assigns; MySQL does not"
                        + " say in which order, so the copy written to " + other + " could differ");
            }
        }
    }

    /** Whether the tokens of {@code v} name a column of {@code w} (either name; not counting function names). */
    private boolean readsWindow(Span v, RenameWindow w) {
        String from = w.from().normalized(ids);
        String to = w.to().normalized(ids);
        for (int i = v.first(); i <= v.last(); i++) {
            boolean call = i + 1 <= v.last() && tokens.kind(i + 1) == Tokens.LPAREN;
            if (tokens.isIdentifier(i) && !call && (cx.key(i).equals(from) || cx.key(i).equals(to))) {
                return true;
            }
        }
        return false;
    }

    /** The column a name token reads once rewritten: the read column of its window, else itself. */
    private String physicalRead(int token) {
        String k = cx.key(token);
        for (Map.Entry<Window, int[]> e : uses.entrySet()) {
            if (e.getKey() instanceof RenameWindow w
                    && (w.from().normalized(ids).equals(k) || w.to().normalized(ids).equals(k))) {
                return w.readColumn().normalized(ids);
            }
        }
        return k;
    }

    /** The value spans of {@code (a, b) = (x, y)}; rejects a row sub-select. */
    private List<Span> rowValues(UpdateSet us, Window w) {
        ExpressionList<?> values = us.getValues();
        if (values.size() != us.getColumns().size()) {
            throw Unsupported.of(w, "SET (...) = (SELECT ...) on a window column; assign the columns one by one");
        }
        List<Span> out = new ArrayList<>();
        for (Object v : values) {
            out.add(cx.requireSpan(v, "assigned value"));
        }
        return out;
    }

    /** First and last token of one assignment of a SET list. */
    private Span assignmentSpan(UpdateSet us) {
        Column first = us.getColumns().get(0);
        int start = cx.ref(first).first();
        if (start > 0 && tokens.kind(start - 1) == Tokens.LPAREN
                && (us.getColumns() instanceof ParenthesedExpressionList || us.getColumns().size() > 1)) {
            start--;
        }
        Object lastValue = us.getValues().get(us.getValues().size() - 1);
        int end = cx.requireSpan(lastValue, "assigned value").last();
        if (us.getValues() instanceof ParenthesedExpressionList && end + 1 < tokens.size()
                && tokens.kind(end + 1) == Tokens.RPAREN) {
            end++;
        }
        return new Span(start, end);
    }
}
