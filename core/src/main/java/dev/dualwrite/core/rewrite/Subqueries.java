package dev.dualwrite.core.rewrite;

import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Where the pieces of the rewriter hand back a part of the tree that can hold a statement of its own: a query (a
 * derived table, a CTE body, a subquery), a data-changing CTE body, or an expression (which may hold subqueries).
 * Implemented by {@link StatementRewriter}, which dispatches to the piece that owns the concern; the pieces know only
 * this interface, so that they do not depend on each other in a cycle.
 */
interface Subqueries {
    /** Analyzes a query; returns the names of its output columns (normalized, null for an unnamed one), or null. */
    List<String> select(Select s, Scope outer, SelectRole role);

    /** Analyzes a statement (a data-changing CTE body: INSERT, UPDATE or DELETE); returns its outputs, or null. */
    List<String> statement(Statement st, Scope outer);

    /** Visits an expression read as {@code ctx} says. */
    void expression(Expression e, Ctx ctx);

    /** Visits an expression (when not null) read plainly in {@code scope}. */
    default void expr(Expression e, Scope scope) {
        if (e != null) {
            expression(e, Ctx.of(scope));
        }
    }

    /** Visits an expression (when not null) of ORDER BY, GROUP BY, PARTITION BY or DISTINCT ON. */
    default void orderOrGroup(Expression e, Scope scope) {
        if (e != null) {
            expression(e, Ctx.orderOrGroup(scope));
        }
    }
}
