package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WritePlan.Action;
import dev.dualwrite.core.rewrite.WritePlan.Target;
import dev.dualwrite.core.rewrite.WritePlan.WriteAction;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.update.Update;

/**
 * The statements that choose the rows they write: UPDATE, DELETE and MERGE. Their scope is the target with the joined
 * and USING tables; their SET lists are {@link Assignments} and MERGE's INSERT goes through the {@link WritePlan}.
 *
 * <p>While the expressions that select the written rows are visited (WHERE, joins, ON, WHEN conditions and the
 * subqueries in them) {@link Reads#rowSelection} is on, so that a dropped column there, which would read as its
 * default and select other rows, is refused rather than substituted. It is off for SET values and RETURNING.
 */
final class UpdateDeleteMerge {
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

    UpdateDeleteMerge(RewriteContext cx, Scopes scopes, Reads reads, WritePlan plan, Assignments assignments,
            SelectLists selects, Subqueries walk) {
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

    List<String> update(Update u, Scope outer) {
        boolean enclosing = reads.rowSelection(true);
        try {
            updateSelecting(u, outer);
        } finally {
            reads.rowSelection(enclosing);
        }
        return null;
    }

    private void updateSelecting(Update u, Scope outer) {
        Scope base = Scope.orNew(outer);
        if (u.getWithItemsList() != null && !u.getWithItemsList().isEmpty()) {
            base = scopes.withItems(u.getWithItemsList(), base);
        }
        Scope scope = new Scope(base);
        Source target = scopes.tableSource(u.getTable(), null);
        scope.sources.add(target);
        scopes.joins(u.getStartJoins(), scope);
        scopes.addFromItem(u.getFromItem(), scope);
        scopes.joins(u.getJoins(), scope);
        boolean singleTable = scope.sources.size() == 1;
        reads.rowSelection(false);
        assignments.assign(u.getUpdateSets(), scope, target, SetOrder.ofUpdate(dialect, singleTable, tokens,
                cx.partFirst, Math.min(cx.partLast, tokens.size() - 1)));
        reads.rowSelection(true);
        walk.expr(u.getWhere(), scope);
        if (u.getOrderByElements() != null) {
            for (OrderByElement o : u.getOrderByElements()) {
                walk.orderOrGroup(o.getExpression(), scope);
            }
        }
        if (u.getLimit() != null) {
            walk.expr(u.getLimit().getRowCount(), scope);
        }
        reads.rowSelection(false);
        selects.returning(u.getReturningClause(), scope);
    }

    List<String> delete(Delete d, Scope outer) {
        boolean enclosing = reads.rowSelection(true);
        try {
            return deleteSelecting(d, outer);
        } finally {
            reads.rowSelection(enclosing);
        }
    }

    private List<String> deleteSelecting(Delete d, Scope outer) {
        Scope base = Scope.orNew(outer);
        if (d.getWithItemsList() != null && !d.getWithItemsList().isEmpty()) {
            base = scopes.withItems(d.getWithItemsList(), base);
        }
        Scope scope = new Scope(base);
        if (d.getUsingFromItemList() != null) {
            for (FromItem fi : d.getUsingFromItemList()) {
                scopes.addFromItem(fi, scope);
            }
        } else if (d.getUsingList() != null) {
            for (Table t : d.getUsingList()) {
                scopes.addFromItem(t, scope);
            }
        }
        if (d.getTable() != null) {
            Source target = scopes.tableSource(d.getTable(), null);
            // MySQL's DELETE FROM p USING people p ...: the target only names a table of the USING list.
            boolean alias = false;
            for (Source s : scope.sources) {
                alias |= target.qualifierKey.equals(s.qualifierKey);
            }
            if (!alias) {
                scope.sources.add(0, target);
            }
        }
        scopes.joins(d.getJoins(), scope);
        if (d.getTables() != null) {
            for (Table t : d.getTables()) {
                Span s = cx.span(t);
                if (s != null) {
                    for (int i = s.first(); i <= s.last(); i++) {
                        accounted.set(i);
                    }
                }
            }
        }
        walk.expr(d.getWhere(), scope);
        if (d.getOrderByElements() != null) {
            for (OrderByElement o : d.getOrderByElements()) {
                walk.orderOrGroup(o.getExpression(), scope);
            }
        }
        if (d.getLimit() != null) {
            walk.expr(d.getLimit().getRowCount(), scope);
        }
        reads.rowSelection(false);
        selects.returning(d.getReturningClause(), scope);
        return null;
    }

    void merge(Merge m, Scope outer) {
        boolean enclosing = reads.rowSelection(true);
        try {
            mergeSelecting(m, outer);
        } finally {
            reads.rowSelection(enclosing);
        }
    }

    private void mergeSelecting(Merge m, Scope outer) {
        Scope base = Scope.orNew(outer);
        if (m.getWithItemsList() != null && !m.getWithItemsList().isEmpty()) {
            base = scopes.withItems(m.getWithItemsList(), base);
        }
        Scope scope = new Scope(base);
        Source target = scopes.tableSource(m.getTable(), null);
        scope.sources.add(target);
        scopes.addFromItem(m.getFromItem(), scope);
        walk.expr(m.getOnCondition(), scope);
        if (m.getOperations() == null) {
            return;
        }
        for (MergeOperation op : m.getOperations()) {
            if (op instanceof MergeUpdate mu) {
                walk.expr(mu.getAndPredicate(), scope);
                reads.rowSelection(false);
                assignments.assignInMerge(mu.getUpdateSets(), scope, target);
                reads.rowSelection(true);
                walk.expr(mu.getWhereCondition(), scope);
                walk.expr(mu.getDeleteWhereCondition(), scope);
            } else if (op instanceof MergeInsert mi) {
                walk.expr(mi.getAndPredicate(), scope);
                reads.rowSelection(false);
                mergeInsert(mi, target, scope);
                reads.rowSelection(true);
                walk.expr(mi.getWhereCondition(), scope);
            } else if (op instanceof MergeDelete md) {
                walk.expr(md.getAndPredicate(), scope);
            }
        }
    }

    private void mergeInsert(MergeInsert mi, Source target, Scope scope) {
        ExpressionList<Expression> values = mi.getValues();
        if (values != null) {
            for (Expression e : values) {
                walk.expr(e, scope);
            }
        }
        if (mi.getColumns() == null || mi.getColumns().isEmpty()) {
            if (target.windows != null && WritePlan.needsColumnList(target.windows)) {
                throw Unsupported.of(target.windows.first, "MERGE ... INSERT without a column list into a window"
                        + " table; list the columns");
            }
            return;
        }
        List<Target> targets = plan.targets(mi.getColumns(), target);
        WriteAction[] actions = plan.planWrites(targets);
        boolean any = false;
        for (WriteAction a : actions) {
            any |= a.action() != Action.NONE;
        }
        if (!any) {
            return;
        }
        List<Span> colElems = new ArrayList<>();
        for (Target t : targets) {
            colElems.add(new Span(t.ref().first(), t.ref().name()));
        }
        int colsClose = targets.get(targets.size() - 1).ref().name() + 1;
        plan.applyColumnList(targets, actions, colElems, colsClose);
        if (values == null || values.size() != targets.size()) {
            throw Unsupported.of(WritePlan.firstWindow(targets), "MERGE ... INSERT values do not match its columns");
        }
        // The VALUES row after the column list, read from the tokens: not every value has a parser position.
        int valuesKeyword = colsClose + 1;
        if (!tokens.isKeyword(valuesKeyword, "values") || tokens.kind(valuesKeyword + 1) != Tokens.LPAREN) {
            throw Unsupported.of(WritePlan.firstWindow(targets), "MERGE ... INSERT without a VALUES row is not"
                    + " supported on a window table");
        }
        List<Span> row = plan.elements(valuesKeyword + 2, tokens.matchingParen(valuesKeyword + 1) - 1);
        if (row.size() != targets.size()) {
            throw Unsupported.of(WritePlan.firstWindow(targets), "MERGE ... INSERT values do not match its columns");
        }
        InsertedText extra = new InsertedText();
        boolean[] remove = plan.rowWrites(targets, actions, row, false, extra);
        plan.removeFromList(row, remove);
        if (!extra.isEmpty()) {
            edits.insertAfter(row.get(row.size() - 1).last(), extra.parts());
        }
    }
}
