package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.Resolver.Binding;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WritePlan.Action;
import dev.dualwrite.core.rewrite.WritePlan.WriteAction;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Reads: what a rename or a drop does to a column an expression reads. The expression visitor of the rewriter: it
 * resolves each column reference ({@link Resolver}) and, for a window column, replaces the name by the column the
 * current phase reads ({@link #read}), or a dropped column by its default. Subqueries met inside an expression are
 * handed back through {@link Subqueries}.
 *
 * <p>How a name reads depends on the clause around it, which the pieces that own those clauses set here for the
 * duration of the clause: the output aliases of the query level ({@link #outputAliases}), whether the expression
 * selects the rows a statement writes ({@link #rowSelection}), and the columns a VALUES row or SET list has assigned
 * so far ({@link #assignedInRow}, {@link #rowAlias}). Each setter returns or expects the previous value back, so that
 * a subquery inside the clause cannot leak its own.
 */
final class Reads extends ExpressionVisitorAdapter<Void> {
    private final RewriteContext cx;
    private final Resolver resolver;
    private final Subqueries walk;
    private final Tokens tokens;
    private final Dialect dialect;
    private final IdentifierCase ids;
    private final EditList edits;
    private final BitSet accounted;
    private final List<String> labels;
    private final Set<Window> asWritten;

    /**
     * The output aliases of the query whose DISTINCT ON, GROUP BY, HAVING or ORDER BY is being visited, or null. An
     * unqualified name there that is both an alias and a window column means the alias or the column depending on the
     * database: PostgreSQL takes the input column in GROUP BY, HAVING and expressions (and the alias only for a bare
     * ORDER BY or DISTINCT ON name, which the walk leaves alone); MySQL and H2 may take the alias, so there it is
     * rejected.
     */
    private Set<String> outputAliases;

    /**
     * Whether the expressions being visited decide which rows a statement writes: the WHERE, joins and FROM items of
     * UPDATE and DELETE, MERGE's ON and WHEN conditions, and every subquery inside them. A dropped column there reads
     * as NULL (or its default) and would select other rows, so it is rejected instead.
     */
    private boolean selectingWrittenRows;

    /**
     * While visiting INSERT VALUES rows or left-to-right SET lists: the columns assigned so far, which a value may name
     * to mean the assigned value, and what happens to each.
     */
    private Map<String, WriteAction> insertedRow;
    /** The qualifier (alias or table name) by which a value may name the target of {@link #insertedRow}. */
    private String insertedRowQualifier;
    /** While visiting ON DUPLICATE KEY UPDATE with a row alias: the inserted columns and what happens to each. */
    private Map<String, WriteAction> rowAlias;
    private String rowAliasQualifier;

    /** The source the last column reference visited was bound to, or null (see {@link #lastResolved()}). */
    private Source lastResolved;

    Reads(RewriteContext cx, Resolver resolver, Subqueries walk) {
        this.cx = cx;
        this.resolver = resolver;
        this.walk = walk;
        this.tokens = cx.tokens;
        this.dialect = cx.dialect;
        this.ids = cx.ids;
        this.edits = cx.edits;
        this.accounted = cx.accounted;
        this.labels = cx.labels;
        this.asWritten = cx.asWritten;
    }

    // ------------------------------------------------------------------------------------------------ clause state

    /** Sets the output aliases in force (null for none); returns the previous ones, to be set back after. */
    Set<String> outputAliases(Set<String> aliases) {
        Set<String> previous = outputAliases;
        outputAliases = aliases;
        return previous;
    }

    /** Whether the expressions visited now select the rows a statement writes. */
    boolean rowSelection() {
        return selectingWrittenRows;
    }

    /** Sets whether the expressions visited select the rows a statement writes; returns the previous value. */
    boolean rowSelection(boolean on) {
        boolean previous = selectingWrittenRows;
        selectingWrittenRows = on;
        return previous;
    }

    /**
     * Sets the columns assigned so far in a VALUES row or SET list, named bare or through {@code qualifier}; null
     * when none is being visited.
     */
    void assignedInRow(Map<String, WriteAction> assigned, String qualifier) {
        insertedRow = assigned;
        insertedRowQualifier = qualifier;
    }

    /** Sets the columns an ON DUPLICATE KEY UPDATE can name through the row alias {@code qualifier}, or null. */
    void rowAlias(Map<String, WriteAction> inserted, String qualifier) {
        rowAlias = inserted;
        rowAliasQualifier = qualifier;
    }

    /**
     * The source the last column reference visited was bound to, or null when it was no window column name: a select
     * item that is a bare column takes its label from it ({@link StarLabels}).
     */
    Source lastResolved() {
        return lastResolved;
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * A column reference. In order: a name of the row being inserted (MySQL's row alias, or a column assigned earlier
     * in the same row or SET list) follows that column's write; a bare name PostgreSQL reads as a whole row is
     * refused; otherwise the reference is resolved and, when it is a window column, {@link #read}. An unqualified
     * window column is refused when it is also an output alias the database may take instead (not PostgreSQL), or
     * when a table of an enclosing query could also have it; it is qualified when another table in scope could
     * capture the substituted name ({@link Capture}).
     */
    @Override
    public <S> Void visit(Column column, S context) {
        Ctx ctx = (Ctx) context;
        Ref r = cx.ref(column);
        cx.account(r);
        if (rowAlias != null && r.qualifier().length == 1 && cx.key(r.qualifier()[0]).equals(rowAliasQualifier)
                && rowAlias.containsKey(cx.key(r.name()))) {
            // MySQL's row alias names the inserted row: new.col follows col's name in the column list.
            WriteAction a = rowAlias.get(cx.key(r.name()));
            droppedEarlier(a, r);
            if (a.action() == Action.RENAME) {
                edits.replace(r.name(), r.name(), cx.nameText(a.name(), r.name()));
            }
            return null;
        }
        if (insertedRow != null && insertedRow.containsKey(cx.key(r.name())) && (!r.qualified()
                || cx.key(r.lastQualifier()).equals(insertedRowQualifier))) {
            // In MySQL a VALUES row may name a column assigned earlier in the row: that is the inserted value, and
            // the name follows whatever happened to the column's name in the column list.
            WriteAction a = insertedRow.get(cx.key(r.name()));
            droppedEarlier(a, r);
            if (a.action() == Action.RENAME) {
                edits.replace(r.name(), r.name(), cx.nameText(a.name(), r.name()));
            }
            return null;
        }
        if (r.qualifier().length == 0 && dialect == Dialect.POSTGRESQL) {
            Source row = resolver.wholeRow(cx.key(r.name()), ctx.scope());
            if (row != null) {
                throw WholeRows.refused(row.windows.first, tokens.text(r.name()));
            }
        }
        Binding binding = resolver.resolve(r, ctx.scope());
        lastResolved = binding == null ? null : binding.source();
        ColumnWindow cw = binding == null ? null : binding.column();
        if (cw != null && r.qualifier().length == 0 && outputAliases != null && dialect != Dialect.POSTGRESQL
                && outputAliases.contains(cx.key(r.name()))) {
            throw new Unsupported(cw.window(), "the name " + tokens.text(r.name()) + " is both an output alias and a"
                    + " window column, and " + dialect + " may read it as either here; give the output another alias"
                    + " or qualify the column", Rejection.AMBIGUOUS);
        }
        if (cw != null) {
            if (r.qualifier().length == 0 && Capture.claimedOutside(binding.scope(), cx.key(r.name()), cx::catalogKeys)
                    != null) {
                throw new Unsupported(cw.window(), "column " + tokens.text(r.name()) + " is not qualified, and a table"
                        + " of an enclosing query could also have it (the application version that does not know"
                        + " this name would mean that table); qualify it with its table or alias",
                        Rejection.AMBIGUOUS);
            }
            String qualifier = null;
            if (r.qualifier().length == 0 && cw.role() != Role.DROP && substitutes(cw)
                    && Capture.needsQualifier(ctx.scope(), binding.source(),
                            cw.rename().readColumn().normalized(ids), cx::catalogKeys)) {
                qualifier = binding.source().qualifierText;
            }
            read(r, cw, ctx, ctx.aliasColumn() == column ? ctx.aliasAfter() : -1, qualifier);
        }
        return null;
    }

    /**
     * A value that names the inserted or assigned value of a dropped column: the rewrite removes that assignment, so
     * the name would read the stored column (or fail once it is gone) instead of the value.
     */
    private void droppedEarlier(WriteAction a, Ref r) {
        if (a.action() == Action.REMOVE) {
            throw new Unsupported(null, "a value names the dropped column " + tokens.text(r.name()) + ", which the"
                    + " statement also assigns; the rewrite leaves that assignment out, so the value would change:"
                    + " compute it without the dropped column", Rejection.UNSUPPORTED);
        }
    }

    /** Whether a read of this rename-window name is sent as the other column. */
    private boolean substitutes(ColumnWindow cw) {
        RenameWindow w = cw.rename();
        return !asWritten.contains(w) && cw.role() != (w.phase().readsNew() ? Role.TO : Role.FROM);
    }

    /** {@code u.*} inside an expression (a top-level select item is expanded by {@link Stars#star} instead). */
    @Override
    public <S> Void visit(AllTableColumns atc, S context) {
        Span s = cx.span(atc);
        if (s != null && tokens.isIdentifier(s.first())) {
            Ref r = cx.dotted(s.first(), s.last());
            accounted.set(r.name());
            for (Scope sc = ((Ctx) context).scope(); sc != null; sc = sc.parent) {
                for (Source src : sc.sources) {
                    if (cx.key(r.name()).equals(src.qualifierKey) && src.windows != null) {
                        throw WholeRows.refused(src.windows.first, tokens.text(r.name()));
                    }
                }
            }
        }
        return null;
    }

    /**
     * A read of window column {@code cw} through reference {@code r}: a dropped column becomes its default value, a
     * renamed one the physical column of the current phase. {@code aliasAfter}, when not negative, is the token after
     * which the substituted item gets the label the application wrote.
     */
    void read(Ref r, ColumnWindow cw, Ctx ctx, int aliasAfter) {
        read(r, cw, ctx, aliasAfter, null);
    }

    /**
     * @param qualifier when not null, the substituted name is written qualified by it (see {@link Capture})
     */
    void read(Ref r, ColumnWindow cw, Ctx ctx, int aliasAfter, String qualifier) {
        cx.use(cw);
        if (cw.role() == Role.DROP) {
            if (selectingWrittenRows) {
                throw Unsupported.of(cw.window(), "the dropped column " + tokens.text(r.name()) + " is in a condition"
                        + " that decides which rows the statement writes; during the drop window it reads as "
                        + ((DropWindow) cw.window()).defaultValue() + ", which would write other rows: leave it out"
                        + " of the condition");
            }
            String value = ((DropWindow) cw.window()).defaultValue();
            edits.replace(r.first(), r.name(), ctx.orderOrGroup() ? "CAST(" + value + " AS CHAR)" : value);
            alias(aliasAfter, r.name());
            return;
        }
        RenameWindow w = cw.rename();
        Role readRole = w.phase().readsNew() ? Role.TO : Role.FROM;
        if (cw.role() != readRole && !asWritten.contains(w)) {
            String physical = cx.nameText(w.readColumn(), r.name());
            edits.replace(r.name(), r.name(), qualifier == null ? physical : qualifier + "." + physical);
            alias(aliasAfter, r.name());
        }
    }

    private void alias(int after, int nameToken) {
        if (after >= 0) {
            String label = tokens.text(nameToken);
            edits.insertAfter(after, " AS " + label);
            labels.add(tokens.identifier(nameToken));
        }
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        Ctx ctx = (Ctx) context;
        walk.select(select, new Scope(ctx.scope()), SelectRole.FIXED);
        return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
        Ctx ctx = (Ctx) context;
        walk.select(select, new Scope(ctx.scope()), SelectRole.FIXED);
        return null;
    }

    @Override
    public <S> Void visit(ExistsExpression exists, S context) {
        Ctx ctx = (Ctx) context;
        Expression right = exists.getRightExpression();
        if (right instanceof Select s) {
            walk.select(s, new Scope(ctx.scope()), SelectRole.EXISTS);
        } else if (right != null) {
            right.accept(this, ctx);
        }
        return null;
    }

    @Override
    public <S> Void visit(AnyComparisonExpression any, S context) {
        Ctx ctx = (Ctx) context;
        if (any.getSelect() != null) {
            walk.select(any.getSelect(), new Scope(ctx.scope()), SelectRole.FIXED);
        }
        return null;
    }

    @Override
    public <S> Void visit(Function f, S context) {
        super.visit(f, context);
        Ctx ctx = (Ctx) context;
        if (f.getNamedParameters() != null) {
            for (Object e : f.getNamedParameters()) {
                ((Expression) e).accept(this, ctx);
            }
        }
        if (f.getKeywordArguments() != null) {
            for (Function.KeywordArgument k : f.getKeywordArguments()) {
                if (k.getExpression() != null) {
                    k.getExpression().accept(this, ctx);
                }
            }
        }
        return null;
    }

    @Override
    public <S> Void visit(AnalyticExpression a, S context) {
        super.visit(a, context);
        Ctx ctx = (Ctx) context;
        Ctx og = Ctx.orderOrGroup(ctx.scope());
        if (a.getPartitionExpressionList() != null) {
            for (Object e : a.getPartitionExpressionList()) {
                ((Expression) e).accept(this, og);
            }
        }
        if (a.getFuncOrderBy() == null && a.getOrderByElements() != null) {
            for (OrderByElement o : a.getOrderByElements()) {
                o.getExpression().accept(this, og);
            }
        }
        if (a.getFilterExpression() != null) {
            a.getFilterExpression().accept(this, ctx);
        }
        return null;
    }
}
