package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Analyzes the parsed statements of one text and records the edits that make them correct for the current phases.
 *
 * <p>JSqlParser supplies the structure (which clause a column is in, which tables are in scope); the rewriter resolves
 * each column whose name belongs to some window to the table it denotes, classifies it as a read or a write, and turns
 * that into edits of the original tokens. It never prints SQL from the tree.
 *
 * <p>This class is the dispatcher: it sends each statement, and each query or expression the pieces hand back
 * ({@link Subqueries}), to the piece that owns the concern, all sharing one {@link RewriteContext}:
 * <ul>
 *   <li>{@link Scopes} builds the scopes (FROM items, joins, CTEs) and {@link Resolver} binds a column to its source;
 *   <li>{@link Reads} is what a rename or a drop does to a column read, {@link Stars} what it does to {@code *};
 *   <li>{@link SelectLists} walks queries and RETURNING lists;
 *   <li>{@link WritePlan} is what it does to a write, used by {@link Inserts}, {@link Assignments} (SET lists),
 *       {@link UpdateDeleteMerge} and {@link CopyStatement}.
 * </ul>
 *
 * <p>Safety net: every identifier token that spells a window column must be accounted for by the analysis (resolved,
 * or known to be an alias or an output name). A token the walk did not reach means the statement has a form the
 * rewriter does not understand, and the statement is rejected rather than rewritten partially
 * ({@link #checkAccounted}).
 */
final class StatementRewriter implements Subqueries {
    private final RewriteContext cx;
    private final Reads reads;
    private final SelectLists selects;
    private final Stars stars;
    private final Inserts inserts;
    private final UpdateDeleteMerge changes;
    private final CopyStatement copies;

    StatementRewriter(Tokens tokens, Dialect dialect, WindowIndex index, Catalog catalog) {
        this(tokens, dialect, index, catalog, Set.of());
    }

    /** @param asWritten rename windows whose reads are sent as written (see {@link BothNames}) */
    StatementRewriter(Tokens tokens, Dialect dialect, WindowIndex index, Catalog catalog, Set<Window> asWritten) {
        this.cx = new RewriteContext(tokens, dialect, index, catalog, asWritten);
        Resolver resolver = new Resolver(cx);
        Scopes scopes = new Scopes(cx, this);
        this.reads = new Reads(cx, resolver, this);
        this.stars = new Stars(cx);
        this.selects = new SelectLists(cx, scopes, reads, stars, this);
        WritePlan plan = new WritePlan(cx);
        Assignments assignments = new Assignments(cx, resolver, reads, plan, this);
        this.inserts = new Inserts(cx, scopes, reads, plan, assignments, selects, this);
        this.changes = new UpdateDeleteMerge(cx, scopes, reads, plan, assignments, selects, this);
        this.copies = new CopyStatement(cx, reads, plan);
    }

    // ------------------------------------------------------------------------------------------------ results

    EditList edits() {
        return cx.edits;
    }

    /** Per window used, how often the text used its old name [0] and its new name [1]. */
    Map<Window, int[]> uses() {
        return cx.uses;
    }

    /** The labels the rewrite gave to result columns (the application reads them as its own). */
    List<String> labels() {
        return cx.labels;
    }

    /** Whether the analysis asked the catalog for a column list. */
    boolean usedCatalog() {
        return cx.usedCatalog;
    }

    // ------------------------------------------------------------------------------------------------ statements

    /**
     * Analyzes one parsed statement: tokens {@code first..last} of the text, parsed from {@code input}. Rejects it
     * when a window column name among those tokens was not reached.
     */
    void statement(Statement st, ParserInput input, int first, int last) {
        cx.statement(input, first, last);
        statement(st, null);
        checkAccounted(first, last);
    }

    /** PostgreSQL's {@code COPY} in tokens {@code first..last} (see {@link CopyStatement}). */
    void copy(int first, int last) {
        copies.copy(first, last);
    }

    /** PostgreSQL's {@code TABLE t} in tokens {@code first..last} (see {@link Stars#tableStatement}). */
    void tableStatement(int first, int last) {
        stars.tableStatement(first, last);
    }

    @Override
    public List<String> statement(Statement st, Scope outer) {
        if (st instanceof Select s) {
            return selects.select(s, outer, SelectRole.TOP);
        } else if (st instanceof Insert i) {
            return inserts.insert(i, outer);
        } else if (st instanceof Update u) {
            return changes.update(u, outer);
        } else if (st instanceof Delete d) {
            return changes.delete(d, outer);
        } else if (st instanceof Merge m) {
            changes.merge(m, outer);
            return null;
        } else if (st instanceof Upsert u) {
            inserts.upsert(u, outer);
            return null;
        } else if (st instanceof ExplainStatement e && e.getStatement() != null) {
            statement(e.getStatement(), outer);
            return null;
        }
        throw Unsupported.of(null, "a " + st.getClass().getSimpleName() + " statement that names a window table is"
                + " not supported");
    }

    @Override
    public List<String> select(Select s, Scope outer, SelectRole role) {
        return selects.select(s, outer, role);
    }

    @Override
    public void expression(Expression e, Ctx ctx) {
        e.accept(reads, ctx);
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * Rejects the statement if any identifier spelling a window column in tokens {@code first..last} was not reached
     * by the analysis.
     */
    private void checkAccounted(int first, int last) {
        Tokens tokens = cx.tokens;
        for (int i = first; i <= last; i++) {
            if (tokens.isIdentifier(i) && !cx.accounted.get(i) && cx.index.isWindowColumnName(cx.key(i))) {
                boolean call = i + 1 < tokens.size() && tokens.kind(i + 1) == Tokens.LPAREN;
                if (call && tokens.kind(i) == Tokens.IDENT) {
                    continue;
                }
                throw Unsupported.of(null, "could not analyze the use of " + tokens.text(i) + " at character "
                        + tokens.start(i) + "; this form of statement is not supported on a window column");
            }
        }
    }
}
