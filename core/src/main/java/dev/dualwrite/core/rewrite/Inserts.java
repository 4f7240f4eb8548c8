package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.rewrite.WritePlan.Action;
import dev.dualwrite.core.rewrite.WritePlan.Target;
import dev.dualwrite.core.rewrite.WritePlan.WriteAction;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * INSERT, REPLACE, UPSERT and H2's MERGE ... KEY: the column list and its VALUES rows or query are written through
 * the {@link WritePlan}; MySQL's {@code INSERT ... SET}, {@code ON DUPLICATE KEY UPDATE} and PostgreSQL's
 * {@code ON CONFLICT DO UPDATE} are {@link Assignments}; the conflict target's columns are reads.
 *
 * <p>An INSERT without a column list into a table whose window writes both columns or drops one is refused: the
 * positions of the values cannot be mapped.
 */
final class Inserts {
    private final RewriteContext cx;
    private final Scopes scopes;
    private final Reads reads;
    private final WritePlan plan;
    private final Assignments assignments;
    private final SelectLists selects;
    private final Subqueries walk;
    private final Tokens tokens;
    private final Dialect dialect;
    private final EditList edits;
    private final BitSet accounted;

    Inserts(RewriteContext cx, Scopes scopes, Reads reads, WritePlan plan, Assignments assignments, SelectLists selects,
            Subqueries walk) {
        this.cx = cx;
        this.scopes = scopes;
        this.reads = reads;
        this.plan = plan;
        this.assignments = assignments;
        this.selects = selects;
        this.walk = walk;
        this.tokens = cx.tokens;
        this.dialect = cx.dialect;
        this.edits = cx.edits;
        this.accounted = cx.accounted;
    }

    /** INSERT (and REPLACE), with its upsert clauses and RETURNING; returns no outputs (see {@link Subqueries}). */
    List<String> insert(Insert in, Scope outer) {
        Scope base = Scope.orNew(outer);
        if (in.getWithItemsList() != null && !in.getWithItemsList().isEmpty()) {
            // Before an INSERT ... SELECT, the CTEs feed the rows it inserts.
            boolean fromQuery = in.getSelect() != null && !(in.getSelect() instanceof Values);
            boolean enclosing = reads.rowSelection(fromQuery || reads.rowSelection());
            try {
                base = scopes.withItems(in.getWithItemsList(), base);
            } finally {
                reads.rowSelection(enclosing);
            }
        }
        Source target = scopes.tableSource(in.getTable(), null);
        Scope scope = new Scope(base);
        scope.sources.add(target);
        // MySQL 8's row alias (VALUES (...) AS new ... new.col): JSqlParser keeps it on the VALUES.
        Alias rowAlias = in.getRowAlias() != null ? in.getRowAlias()
                : in.getSelect() instanceof Values v ? v.getAlias() : null;
        if (rowAlias != null) {
            String k = cx.keyOfWritten(rowAlias.getName());
            scope.sources.add(Source.pseudo(k, rowAlias.getName(), target.windows));
            int last = Math.min(cx.partLast, tokens.size() - 1);
            for (int i = cx.partFirst; i < last; i++) {
                if (tokens.isKeyword(i, "as") && tokens.isIdentifier(i + 1)
                        && cx.key(i + 1).equals(k) && i > 0 && tokens.kind(i - 1) == Tokens.RPAREN) {
                    accounted.set(i + 1);
                }
            }
        }
        Map<String, WriteAction> written = insertLike(target, in.getColumns(), in.getSelect(), in.getSetUpdateSets(),
                in.isOnlyDefaultValues(), scope, base);
        if (in.getDuplicateUpdateSets() != null && !in.getDuplicateUpdateSets().isEmpty()) {
            try {
                if (rowAlias != null) {
                    reads.rowAlias(written, cx.keyOfWritten(rowAlias.getName()));
                }
                assignments.assign(in.getDuplicateUpdateSets(), scope, target, SetOrder.ofInsert(dialect), false,
                        in.getSelect() != null && !(in.getSelect() instanceof Values) ? target.qualifierText : null);
            } finally {
                reads.rowAlias(null, null);
            }
        }
        if (in.getConflictTarget() != null) {
            conflictTarget(target, scope);
            if (in.getConflictTarget().getWhereExpression() != null) {
                walk.expr(in.getConflictTarget().getWhereExpression(), scope);
            }
        }
        if (in.getConflictAction() != null) {
            Scope upsert = new Scope(base);
            upsert.sources.add(target);
            upsert.sources.add(Source.pseudo("excluded", "EXCLUDED", target.windows));
            if (in.getConflictAction().getUpdateSets() != null) {
                assignments.assign(in.getConflictAction().getUpdateSets(), upsert, target, SetOrder.OLD_ROW);
            }
            // The condition decides which conflicting rows are updated.
            boolean enclosing = reads.rowSelection(true);
            try {
                walk.expr(in.getConflictAction().getWhereExpression(), upsert);
            } finally {
                reads.rowSelection(enclosing);
            }
        }
        selects.returning(in.getReturningClause(), scope);
        return null;
    }

    /** H2's MERGE INTO ... KEY (...) and UPSERT statements: an insert whose key columns are read. */
    void upsert(Upsert up, Scope outer) {
        Scope base = Scope.orNew(outer);
        Source target = scopes.tableSource(up.getTable(), null);
        Scope scope = new Scope(base);
        scope.sources.add(target);
        insertLike(target, up.getColumns(), up.getSelect(), up.getUpdateSets(), false, scope, base);
        if (up.getDuplicateUpdateSets() != null && !up.getDuplicateUpdateSets().isEmpty()) {
            assignments.assign(up.getDuplicateUpdateSets(), scope, target, SetOrder.ofInsert(dialect));
        }
        Span h2MergeKey = cx.h2MergeKey;
        if (h2MergeKey != null) {
            for (int i = h2MergeKey.first(); i <= h2MergeKey.last(); i++) {
                if (tokens.isIdentifier(i)) {
                    accounted.set(i);
                    ColumnWindow cw = target.windows == null ? null : target.windows.column(cx.key(i));
                    if (cw != null) {
                        reads.read(Ref.bare(i), cw, Ctx.of(scope), -1);
                    }
                }
            }
        }
    }

    /**
     * The write part shared by INSERT, REPLACE, UPSERT and H2 MERGE: a column list with VALUES rows or a query, or
     * MySQL's {@code SET a = 1} form.
     */
    private Map<String, WriteAction> insertLike(Source target, ExpressionList<Column> columns, Select source,
            List<UpdateSet> setForm, boolean defaultValues, Scope scope, Scope base) {
        TableWindows tw = target.windows;
        if (setForm != null && !setForm.isEmpty()) {
            assignments.assign(setForm, scope, target, SetOrder.ofInsert(dialect), true, null);
            return Map.of();
        }
        if (columns == null || columns.isEmpty()) {
            if (source != null) {
                walk.select(source, new Scope(base), SelectRole.INSERT_SOURCE);
            }
            if (tw != null && !defaultValues && WritePlan.needsColumnList(tw)) {
                throw Unsupported.of(tw.first, "INSERT into " + target.qualifierText + " without a column list: list"
                        + " the columns so that the window's columns can be written correctly");
            }
            return Map.of();
        }
        List<Target> targets = plan.targets(columns, target);
        WriteAction[] actions = plan.planWrites(targets);
        Map<String, WriteAction> written = new HashMap<>();
        for (int k = 0; k < targets.size(); k++) {
            written.put(cx.key(targets.get(k).ref().name()), actions[k]);
        }
        boolean anyAction = false;
        for (WriteAction a : actions) {
            anyAction |= a.action() != Action.NONE;
        }
        List<Span> colElems = new ArrayList<>();
        for (Target t : targets) {
            colElems.add(new Span(t.ref().first(), t.ref().name()));
        }
        int colsClose = targets.get(targets.size() - 1).ref().name() + 1;
        if (tokens.kind(colsClose) != Tokens.RPAREN) {
            throw Unsupported.of(tw == null ? null : tw.first, "internal: column list not closed where expected");
        }
        if (source instanceof Values values) {
            Span vs = cx.requireSpan(values, "VALUES");
            List<List<Span>> rows = plan.rows(vs.first(), targets.size(), tw);
            Map<String, WriteAction> assigned = new HashMap<>();
            for (int k = 0; k < targets.size(); k++) {
                assigned.put(cx.key(targets.get(k).ref().name()), actions[k]);
            }
            reads.assignedInRow(assigned, target.qualifierKey);
            try {
                for (Object e : values.getExpressions()) {
                    walk.expr((Expression) e, scope);
                }
            } finally {
                reads.assignedInRow(null, null);
            }
            if (!anyAction) {
                return written;
            }
            plan.applyColumnList(targets, actions, colElems, colsClose);
            for (List<Span> row : rows) {
                InsertedText extra = new InsertedText();
                boolean[] remove = plan.rowWrites(targets, actions, row, dialect.assignsLeftToRight(), extra);
                int close = row.get(row.size() - 1).last() + 1;
                if (WritePlan.all(remove)) {
                    WritePlan.emptyRow(tw.first);
                }
                plan.removeFromList(row, remove);
                if (!extra.isEmpty()) {
                    edits.insertBefore(close, extra.parts());
                }
            }
        } else if (source != null) {
            walk.select(source, new Scope(base), SelectRole.INSERT_SOURCE);
            if (!anyAction) {
                return written;
            }
            plan.applyColumnList(targets, actions, colElems, colsClose);
            for (PlainSelect branch : branches(source, tw)) {
                // Each item's value (without its alias, which a copy must not repeat) and the whole item.
                List<Span> items = new ArrayList<>();
                List<Span> whole = new ArrayList<>();
                for (SelectItem<?> si : branch.getSelectItems()) {
                    if (si.getExpression() instanceof AllColumns || si.getExpression() instanceof AllTableColumns) {
                        throw Unsupported.of(tw.first, "INSERT ... SELECT * into a window table; list the selected"
                                + " columns");
                    }
                    Span sp = cx.requireSpan(si, "select item");
                    if (si.getAlias() != null) {
                        int end = sp.last() - 1;
                        if (tokens.isKeyword(end, "as")) {
                            end--;
                        }
                        items.add(new Span(sp.first(), end));
                    } else {
                        items.add(sp);
                    }
                    whole.add(sp);
                }
                if (items.size() != targets.size()) {
                    throw Unsupported.of(tw.first, "INSERT ... SELECT selects " + items.size() + " values for "
                            + targets.size() + " columns");
                }
                InsertedText extra = new InsertedText();
                boolean[] remove = plan.rowWrites(targets, actions, items, false, extra);
                if (WritePlan.contains(remove)) {
                    if (branch.getDistinct() != null || branch.getGroupBy() != null
                            || source instanceof SetOperationList) {
                        throw Unsupported.of(tw.first, "INSERT ... SELECT with DISTINCT, GROUP BY or a set operation"
                                + " writes a dropped column; select it without that column");
                    }
                    if (WritePlan.all(remove)) {
                        throw Unsupported.of(tw.first, "INSERT ... SELECT writes only dropped columns");
                    }
                    plan.removeFromList(whole, remove);
                }
                if (!extra.isEmpty()) {
                    edits.insertAfter(whole.get(whole.size() - 1).last(), extra.parts());
                }
            }
        }
        return written;
    }

    private List<PlainSelect> branches(Select s, TableWindows tw) {
        List<PlainSelect> out = new ArrayList<>();
        if (s instanceof PlainSelect ps) {
            out.add(ps);
        } else if (s instanceof SetOperationList sol) {
            for (Select b : sol.getSelects()) {
                out.addAll(branches(b, tw));
            }
        } else if (s instanceof ParenthesedSelect ps) {
            out.addAll(branches(ps.getSelect(), tw));
        } else {
            throw Unsupported.of(tw.first, "INSERT from a " + s.getClass().getSimpleName()
                    + " into a window table is not supported");
        }
        return out;
    }

    private void conflictTarget(Source target, Scope scope) {
        for (int i = cx.partFirst; i + 2 < tokens.size() && i + 2 <= cx.partLast; i++) {
            if (tokens.isKeyword(i, "on") && tokens.isKeyword(i + 1, "conflict")
                    && tokens.kind(i + 2) == Tokens.LPAREN) {
                int close = tokens.matchingParen(i + 2);
                for (int k = i + 3; k < close; k++) {
                    if (!tokens.isIdentifier(k) || (k + 1 < close && tokens.kind(k + 1) == Tokens.LPAREN)) {
                        continue;
                    }
                    accounted.set(k);
                    ColumnWindow cw = target.windows == null ? null : target.windows.column(cx.key(k));
                    if (cw != null) {
                        if (cw.role() == Role.DROP) {
                            throw Unsupported.of(cw.window(), "ON CONFLICT names the dropped column "
                                    + tokens.text(k));
                        }
                        reads.read(Ref.bare(k), cw, Ctx.of(scope), -1);
                    }
                }
            }
        }
    }
}
