package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.sql.Dialect;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

/**
 * Queries and select lists: a SELECT (plain, set operation, parenthesized, VALUES) from its WITH list to its LIMIT,
 * and the RETURNING lists of writes, which are read the same way.
 *
 * <p>Contract: {@link #select} returns the query's output names, which derived tables and CTEs resolve against. Each
 * select item is visited by {@link Reads}; a {@code *} item is expanded by {@link Stars}. A select item whose text the
 * rewrite changed keeps the label the application reads: a renamed bare column gets {@code AS} its written name
 * ({@link Reads#read}), and on MySQL, which labels an expression with its text, an expression gets its original text.
 * The result's labels are checked for a {@code *} whose column another item could be mistaken for
 * ({@link StarLabels}).
 */
final class SelectLists {
    private final RewriteContext cx;
    private final Scopes scopes;
    private final Reads reads;
    private final Stars stars;
    private final Subqueries walk;
    private final Dialect dialect;
    private final EditList edits;
    private final BitSet accounted;
    private final List<String> labels;

    SelectLists(RewriteContext cx, Scopes scopes, Reads reads, Stars stars, Subqueries walk) {
        this.cx = cx;
        this.scopes = scopes;
        this.reads = reads;
        this.stars = stars;
        this.walk = walk;
        this.dialect = cx.dialect;
        this.edits = cx.edits;
        this.accounted = cx.accounted;
        this.labels = cx.labels;
    }

    /** Analyzes a query; returns the names of its output columns (normalized), or null when not known. */
    List<String> select(Select s, Scope outer, SelectRole role) {
        boolean enclosing = reads.rowSelection(role == SelectRole.INSERT_SOURCE || reads.rowSelection());
        try {
            return selectIn(s, outer, role);
        } finally {
            reads.rowSelection(enclosing);
        }
    }

    private List<String> selectIn(Select s, Scope outer, SelectRole role) {
        Scope scope = Scope.orNew(outer);
        if (s.getWithItemsList() != null && !s.getWithItemsList().isEmpty()) {
            scope = scopes.withItems(s.getWithItemsList(), scope);
        }
        List<String> outputs;
        if (s instanceof PlainSelect ps) {
            outputs = plainSelect(ps, scope, role);
        } else if (s instanceof SetOperationList sol) {
            outputs = null;
            boolean first = true;
            for (Select branch : sol.getSelects()) {
                // The statement's result (or a derived table's) takes its labels from the first branch: every branch
                // appends the names a star cannot put in place, so that each keeps the same columns.
                List<String> o = selectIn(branch, new Scope(scope), role == SelectRole.TOP
                        || role == SelectRole.DERIVED || role == SelectRole.INSERT_SOURCE ? role : SelectRole.FIXED);
                if (first) {
                    outputs = o;
                    first = false;
                }
            }
            if (sol.getOrderByElements() != null) {
                Scope out = new Scope(scope);
                out.sources.add(Source.outputsOf(outputs == null ? null : new HashSet<>(outputs)));
                for (OrderByElement o : sol.getOrderByElements()) {
                    StarPositions.refuseOrdinal(o.getExpression(), cx.starWindow);
                    walk.orderOrGroup(o.getExpression(), out);
                }
            }
        } else if (s instanceof ParenthesedSelect ps) {
            outputs = selectIn(ps.getSelect(), new Scope(scope), role);
            if (ps.getOrderByElements() != null) {
                Scope out = new Scope(scope);
                out.sources.add(Source.outputsOf(outputs == null ? null : new HashSet<>(outputs)));
                for (OrderByElement o : ps.getOrderByElements()) {
                    StarPositions.refuseOrdinal(o.getExpression(), cx.starWindow);
                    walk.orderOrGroup(o.getExpression(), out);
                }
            }
        } else if (s instanceof Values v) {
            if (v.getExpressions() != null) {
                for (Object e : v.getExpressions()) {
                    walk.expr((Expression) e, scope);
                }
            }
            outputs = null;
        } else {
            throw Unsupported.of(null, "a query of type " + s.getClass().getSimpleName()
                    + " on a window table is not supported");
        }
        limits(s, scope);
        return outputs;
    }

    private void limits(Select s, Scope scope) {
        Limit l = s.getLimit();
        if (l != null) {
            walk.expr(l.getRowCount(), scope);
            walk.expr(l.getOffset(), scope);
        }
        Offset o = s.getOffset();
        if (o != null) {
            walk.expr(o.getOffset(), scope);
        }
        Fetch f = s.getFetch();
        if (f != null) {
            walk.expr(f.getExpression(), scope);
        }
    }

    private List<String> plainSelect(PlainSelect ps, Scope outer, SelectRole role) {
        Set<String> enclosingAliases = reads.outputAliases(null);
        try {
            return plainSelectIn(ps, outer, role);
        } finally {
            reads.outputAliases(enclosingAliases);
        }
    }

    private List<String> plainSelectIn(PlainSelect ps, Scope outer, SelectRole role) {
        Scope scope = new Scope(outer);
        scopes.addFromItem(ps.getFromItem(), scope);
        scopes.joins(ps.getJoins(), scope);

        List<SelectItem<?>> items = ps.getSelectItems();
        Set<String> aliases = new HashSet<>();
        List<String> outputs = new ArrayList<>();
        List<String> appended = new ArrayList<>();
        boolean outputsKnown = true;
        int lastItemToken = -1;
        // Set when a * of this list covers an expanded window table, directly or through a derived table.
        Window positional = null;
        StarLabels resultLabels = role == SelectRole.TOP ? new StarLabels() : null;
        // An INSERT's select list gives the values written, not which rows: a dropped column there reads NULL.
        boolean selectingRows = reads.rowSelection(role != SelectRole.INSERT_SOURCE && reads.rowSelection());
        try {
            for (SelectItem<?> item : items) {
                Span itemSpan = cx.requireSpan(item, "select item");
                lastItemToken = itemSpan.last();
                Alias alias = item.getAlias();
                if (alias != null) {
                    aliases.add(cx.keyOfWritten(alias.getName()));
                    accounted.set(itemSpan.last());
                }
                Expression e = item.getExpression();
                if (e instanceof AllTableColumns || e instanceof AllColumns) {
                    List<String> names = stars.star(e, itemSpan, scope, role, appended, resultLabels);
                    positional = cx.starWindow; // set once per statement, never reset
                    if (names == null) {
                        outputsKnown = false;
                    } else {
                        outputs.addAll(names);
                    }
                    continue;
                }
                Column aliasColumn = alias == null ? castColumn(e) : null;
                int editsBefore = edits.size();
                walk.expression(e, Ctx.item(scope, aliasColumn, itemSpan.last()));
                labelItem(resultLabels, alias, e);
                if (alias == null && aliasColumn == null) {
                    expressionLabel(itemSpan, editsBefore);
                }
                if (alias != null) {
                    outputs.add(cx.keyOfWritten(alias.getName()));
                } else if (e instanceof Column c) {
                    outputs.add(cx.key(cx.ref(c).name()));
                } else {
                    outputs.add(null);
                }
            }
        } finally {
            reads.rowSelection(selectingRows);
        }
        checkStarLabels(resultLabels);
        if (!appended.isEmpty() && lastItemToken >= 0) {
            edits.insertAfter(lastItemToken, ", " + String.join(", ", appended));
        }
        walk.expr(ps.getWhere(), scope);
        reads.outputAliases(aliases);
        Distinct distinct = ps.getDistinct();
        if (distinct != null && distinct.getOnSelectItems() != null) {
            for (SelectItem<?> si : distinct.getOnSelectItems()) {
                // DISTINCT ON follows ORDER BY's rule: a bare output name is the select list's alias.
                if (si.getExpression() instanceof Column c && isOutputName(c, aliases)) {
                    continue;
                }
                StarPositions.refuseOrdinal(si.getExpression(), positional);
                walk.orderOrGroup(si.getExpression(), scope);
            }
        }
        GroupByElement g = ps.getGroupBy();
        if (g != null) {
            if (g.getGroupByExpressionList() != null) {
                for (Object e : g.getGroupByExpressionList()) {
                    StarPositions.refuseOrdinal((Expression) e, positional);
                    walk.orderOrGroup((Expression) e, scope);
                }
            }
            if (g.getGroupingSets() != null) {
                for (ExpressionList<Expression> set : g.getGroupingSets()) {
                    for (Expression e : set) {
                        walk.orderOrGroup(e, scope);
                    }
                }
            }
        }
        walk.expr(ps.getHaving(), scope);
        walk.expr(ps.getQualify(), scope);
        if (ps.getWindowDefinitions() != null) {
            for (WindowDefinition wd : ps.getWindowDefinitions()) {
                if (wd.getPartitionExpressionList() != null) {
                    for (Object e : wd.getPartitionExpressionList()) {
                        walk.orderOrGroup((Expression) e, scope);
                    }
                }
                if (wd.getOrderByElements() != null) {
                    for (OrderByElement o : wd.getOrderByElements()) {
                        walk.orderOrGroup(o.getExpression(), scope);
                    }
                }
            }
        }
        if (ps.getOrderByElements() != null) {
            for (OrderByElement o : ps.getOrderByElements()) {
                Expression e = o.getExpression();
                if (e instanceof Column c && isOutputName(c, aliases)) {
                    // ORDER BY an output name: it is the select list's alias, not a table column.
                    continue;
                }
                StarPositions.refuseOrdinal(e, positional);
                walk.orderOrGroup(e, scope);
            }
        }
        return outputsKnown ? outputs : null;
    }

    /** Whether a bare column is one of the output aliases (and, if so, accounts for it). */
    private boolean isOutputName(Column c, Set<String> aliases) {
        if (c.getTable() != null) {
            return false;
        }
        Ref r = cx.ref(c);
        if (r.qualifier().length == 0 && aliases.contains(cx.key(r.name()))) {
            accounted.set(r.name());
            return true;
        }
        return false;
    }

    /** Records the label of a select item just visited (the source of its column comes from the last resolve). */
    private void labelItem(StarLabels labels, Alias alias, Expression e) {
        if (labels == null) {
            return;
        }
        if (alias != null) {
            labels.item(cx.keyOfWritten(alias.getName()), null);
        } else if (e instanceof Column c) {
            labels.item(cx.key(cx.ref(c).name()), reads.lastResolved());
        }
    }

    private void checkStarLabels(StarLabels labels) {
        ColumnWindow cw = labels == null ? null : labels.collision(cx::catalogKeys);
        if (cw != null) {
            throw Unsupported.of(cw.window(), "* over the window table shares the result with another"
                    + " column that could be labelled like the window's column; an application reading by label could"
                    + " get the wrong one: list the columns, with aliases where two are named alike");
        }
    }

    /** The column an expression is, possibly under casts; such an item keeps its label only with an alias. */
    private static Column castColumn(Expression e) {
        Expression x = e;
        while (true) {
            if (x instanceof CastExpression ce) {
                x = ce.getLeftExpression();
            } else if (x instanceof CollateExpression ce) {
                x = ce.getLeftExpression();
            } else if (x instanceof Parenthesis p) {
                x = p.getExpression();
            } else if (x instanceof ParenthesedExpressionList<?> pl && pl.size() == 1) {
                x = pl.get(0);
            } else {
                return x instanceof Column c ? c : null;
            }
        }
    }

    /**
     * MySQL labels an expression with its text as written; when the rewrite changed that text, the item gets the
     * original text as its alias so that the application still finds the column under the label it expects.
     */
    private void expressionLabel(Span itemSpan, int editsBefore) {
        if (dialect != Dialect.MYSQL || edits.size() == editsBefore) {
            return;
        }
        for (int i = itemSpan.first(); i <= itemSpan.last(); i++) {
            if (cx.tokens.isParameter(i)) {
                // The label is the text after the driver put the values in (MariaDB's and MySQL's connectors bind
                // client-side), which a plan made before the values are known cannot repeat.
                throw Unsupported.of(null, "MySQL and MariaDB label an unaliased select-list expression with its"
                        + " text, parameter values included, and a rewritten column inside it changes that text:"
                        + " give the expression an alias (... AS name)");
            }
        }
        String label = cx.text(itemSpan.first(), itemSpan.last());
        if (label.length() <= 256) {
            edits.insertAfter(itemSpan.last(), " AS " + dialect.quote(label));
            labels.add(label);
        }
    }

    /** A RETURNING list: read like the statement's own select list, with {@code *} expanded. */
    void returning(ReturningClause rc, Scope scope) {
        if (rc == null) {
            return;
        }
        List<String> appended = new ArrayList<>();
        int last = -1;
        StarLabels resultLabels = new StarLabels();
        for (Object o : rc) {
            if (!(o instanceof SelectItem<?> item)) {
                continue;
            }
            Span itemSpan = cx.requireSpan(item, "RETURNING item");
            last = itemSpan.last();
            Expression e = item.getExpression();
            if (item.getAlias() != null) {
                accounted.set(itemSpan.last());
            }
            if (e instanceof AllTableColumns || e instanceof AllColumns) {
                stars.star(e, itemSpan, scope, SelectRole.TOP, appended, resultLabels);
                continue;
            }
            Column aliasColumn = item.getAlias() == null ? castColumn(e) : null;
            walk.expression(e, Ctx.item(scope, aliasColumn, itemSpan.last()));
            labelItem(resultLabels, item.getAlias(), e);
        }
        checkStarLabels(resultLabels);
        if (!appended.isEmpty() && last >= 0) {
            edits.insertAfter(last, ", " + String.join(", ", appended));
        }
    }
}
