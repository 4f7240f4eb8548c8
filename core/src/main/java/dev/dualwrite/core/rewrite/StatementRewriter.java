package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.Offset;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Analyzes one parsed statement and records the edits that make it correct for the current phases.
 *
 * <p>JSqlParser supplies the structure (which clause a column is in, which tables are in scope); this class resolves
 * each column whose name belongs to some window to the table it denotes, classifies it as a read or a write, and turns
 * that into edits of the original tokens. It never prints SQL from the tree.
 *
 * <p>Safety net: every identifier token that spells a window column must be accounted for by the analysis (resolved,
 * or known to be an alias or an output name). A token the walk did not reach means the statement has a form this
 * class does not understand, and the statement is rejected rather than rewritten partially.
 */
final class StatementRewriter extends ExpressionVisitorAdapter<Void> {
    private final Tokens tokens;
    private final Dialect dialect;
    private final IdentifierCase ids;
    private final WindowIndex index;
    private final Catalog catalog;

    final EditList edits = new EditList();
    final BitSet accounted = new BitSet();
    final Map<Window, int[]> uses = new LinkedHashMap<>();
    final List<String> labels = new ArrayList<>();
    boolean usedCatalog;

    /** Maps a parser offset to an offset of the original text. */
    private int base;
    private int shiftFrom = Integer.MAX_VALUE;
    private int shift;
    private final Map<String, List<String>> catalogCache = new HashMap<>();

    /**
     * Rename windows whose two names this statement uses (an operator's statement, see {@link BothNames}): their
     * reads are sent as written; a write of one name is still mirrored, so that the columns cannot diverge.
     */
    private final Set<Window> asWritten;

    StatementRewriter(Tokens tokens, Dialect dialect, WindowIndex index, Catalog catalog) {
        this(tokens, dialect, index, catalog, Set.of());
    }

    StatementRewriter(Tokens tokens, Dialect dialect, WindowIndex index, Catalog catalog, Set<Window> asWritten) {
        this.asWritten = asWritten;
        this.tokens = tokens;
        this.dialect = dialect;
        this.ids = index.identifiers;
        this.index = index;
        this.catalog = catalog;
    }

    /**
     * Sets how parser offsets map to the original text for the next statement: the parsed text started at
     * {@code base}, and from parser offset {@code shiftFrom} on it was {@code shift} characters longer than the
     * original.
     */
    void position(int base, int shiftFrom, int shift) {
        this.base = base;
        this.shiftFrom = shiftFrom;
        this.shift = shift;
    }

    /** The tokens of the statement being analyzed, within a text that may hold several. */
    void statementTokens(int first, int last) {
        this.partFirst = first;
        this.partLast = last;
    }

    private int partFirst;
    private int partLast = Integer.MAX_VALUE;

    // ------------------------------------------------------------------------------------------------ statements

    void statement(Statement st) {
        statement(st, null);
    }

    private List<String> statement(Statement st, Scope outer) {
        if (st instanceof Select s) {
            return select(s, outer, SelectRole.TOP);
        } else if (st instanceof Insert i) {
            return insert(i, outer);
        } else if (st instanceof Update u) {
            return update(u, outer);
        } else if (st instanceof Delete d) {
            return delete(d, outer);
        } else if (st instanceof Merge m) {
            merge(m, outer);
            return null;
        } else if (st instanceof Upsert u) {
            upsert(u, outer);
            return null;
        } else if (st instanceof ExplainStatement e && e.getStatement() != null) {
            statement(e.getStatement(), outer);
            return null;
        }
        throw Unsupported.of(null, "a " + st.getClass().getSimpleName() + " statement that names a window table is"
                + " not supported");
    }

    // ------------------------------------------------------------------------------------------------ scopes

    // ------------------------------------------------------------------------------------------------ positions

    private int token(net.sf.jsqlparser.parser.Token t) {
        int offset = t.absoluteBegin - 1;
        if (offset >= shiftFrom) {
            offset -= shift;
        }
        int i = tokens.indexStartingAt(base + offset);
        if (i < 0) {
            throw new Unsupported(null, "internal: the parser and the tokenizer disagree at character "
                    + (base + offset), Rejection.SYNTAX);
        }
        return i;
    }

    /** The first and last token of a parsed object, or null when the parser did not record them. */
    private Span span(Object o) {
        if (o instanceof ASTNodeAccess a) {
            Node n = a.getASTNode();
            if (n != null && n.jjtGetFirstToken() != null && n.jjtGetLastToken() != null) {
                return new Span(token(n.jjtGetFirstToken()), token(n.jjtGetLastToken()));
            }
        }
        return null;
    }

    private Span requireSpan(Object o, String what) {
        Span s = span(o);
        if (s == null) {
            throw Unsupported.of(null, "internal: no position for " + what);
        }
        return s;
    }

    private String key(int tok) {
        return ids.normalize(tokens.identifier(tok), tokens.kind(tok) == Tokens.QUOTED_IDENT);
    }

    private String keyOfWritten(String written) {
        if (written == null || written.isEmpty()) {
            return written;
        }
        char c = written.charAt(0);
        if ((c == '"' || c == '`') && written.length() >= 2 && written.charAt(written.length() - 1) == c) {
            String inner = written.substring(1, written.length() - 1).replace("" + c + c, "" + c);
            return ids.normalize(inner, true);
        }
        return ids.normalize(written, false);
    }

    /** Reads the dotted name starting at {@code first}. */
    private Ref dotted(int first, int limit) {
        if (!tokens.isIdentifier(first)) {
            throw Unsupported.of(null, "internal: expected a name at character " + tokens.start(first));
        }
        List<Integer> parts = new ArrayList<>();
        parts.add(first);
        int i = first;
        while (i + 2 <= limit && tokens.kind(i + 1) == Tokens.DOT && tokens.isIdentifier(i + 2)) {
            i += 2;
            parts.add(i);
        }
        int[] q = new int[parts.size() - 1];
        for (int k = 0; k < q.length; k++) {
            q[k] = parts.get(k);
        }
        return new Ref(first, i, q);
    }

    private Ref ref(Column c) {
        Span s = requireSpan(c, "column " + c);
        return dotted(s.first(), s.last());
    }

    private String text(int first, int last) {
        return tokens.sql().substring(tokens.start(first), tokens.end(last));
    }

    // ------------------------------------------------------------------------------------------------ sources

    private Source tableSource(Table t, Scope scope) {
        Span s = requireSpan(t, "table " + t);
        Ref r = dotted(s.first(), s.last());
        String tableKey = key(r.name());
        String schemaKey = r.qualifier().length > 0 ? key(r.qualifier()[r.qualifier().length - 1]) : null;
        for (int q : r.qualifier()) {
            accounted.set(q);
        }
        accounted.set(r.name());
        Alias alias = t.getAlias();
        String qualifierKey = alias != null ? keyOfWritten(alias.getName()) : tableKey;
        String qualifierText = alias != null ? alias.getName() : text(r.first(), r.name());
        if (alias != null) {
            accountAlias(r.name() + 1, alias.getName());
        }
        if (schemaKey == null && scope != null && scope.isCte(tableKey)) {
            List<String> o = scope.cteOutputs(tableKey);
            // An output without a name (an unlabelled expression) is null here: a set that admits it.
            return Source.derived(qualifierKey, qualifierText, o == null ? null
                    : java.util.Collections.unmodifiableSet(new HashSet<>(o)));
        }
        TableWindows tw = windowsOf(schemaKey, tableKey);
        return Source.table(qualifierKey, qualifierText, schemaKey, tableKey, tw);
    }

    /** The windows of the table a dotted name (schema.table or table) denotes. */
    private TableWindows windowsOf(Ref table) {
        return windowsOf(table.qualifier().length > 0 ? key(table.qualifier()[table.qualifier().length - 1]) : null,
                key(table.name()));
    }

    private TableWindows windowsOf(String schemaKey, String tableKey) {
        try {
            return index.find(schemaKey, tableKey);
        } catch (WindowIndex.AmbiguousTableException e) {
            throw new Unsupported(null, e.getMessage(), Rejection.AMBIGUOUS);
        }
    }

    /** Marks the tokens of an alias written after {@code from} as accounted for. */
    private void accountAlias(int from, String aliasName) {
        String k = keyOfWritten(aliasName);
        for (int i = from; i < tokens.size() && i <= from + 2; i++) {
            if (tokens.isIdentifier(i) && key(i).equals(k)) {
                accounted.set(i);
                return;
            }
        }
    }

    private void addFromItem(FromItem fi, Scope scope) {
        if (fi == null) {
            return;
        }
        if (fi instanceof Table t) {
            scope.sources.add(tableSource(t, scope));
        } else if (fi instanceof ParenthesedSelect ps) {
            Alias alias = ps.getAlias();
            boolean lateral = ps instanceof LateralSubSelect;
            Scope inner = new Scope(lateral ? scope : scope.parent);
            inner.ctes.putAll(collectCtes(scope));
            boolean columnList = alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty();
            List<String> outputs = select(ps.getSelect() != null ? ps.getSelect() : ps, inner,
                    columnList ? SelectRole.FIXED : SelectRole.DERIVED);
            if (columnList) {
                outputs = new ArrayList<>();
                for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                    outputs.add(keyOfWritten(ac.name));
                }
                accountNamesAfter(requireSpan(ps, "subquery").last(), alias);
            }
            String qk = alias == null ? null : keyOfWritten(alias.getName());
            if (alias != null) {
                accountNamesAfter(requireSpan(ps, "subquery").last(), alias);
            }
            scope.sources.add(Source.derived(qk, alias == null ? null : alias.getName(),
                    outputs == null ? null : new HashSet<>(outputs)));
        } else if (fi instanceof ParenthesedFromItem pfi) {
            Alias alias = pfi.getAlias();
            if (alias == null) {
                addFromItem(pfi.getFromItem(), scope);
                joins(pfi.getJoins(), scope);
                return;
            }
            // "(...) AS v(a, b)": the inner items are visible only through the alias.
            Scope inner = new Scope(scope.parent);
            inner.ctes.putAll(collectCtes(scope));
            addFromItem(pfi.getFromItem(), inner);
            joins(pfi.getJoins(), inner);
            Set<String> outputs = null;
            if (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                outputs = new HashSet<>();
                for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                    outputs.add(keyOfWritten(ac.name));
                }
            }
            Span sp = span(pfi);
            if (sp != null) {
                accountNamesAfter(sp.last(), alias);
            }
            scope.sources.add(Source.derived(keyOfWritten(alias.getName()), alias.getName(), outputs));
        } else if (fi instanceof Values v) {
            if (v.getExpressions() != null) {
                for (Object e : v.getExpressions()) {
                    expr((Expression) e, scope.parent == null ? new Scope(null) : scope.parent);
                }
            }
            Alias alias = v.getAlias();
            List<String> outputs = null;
            if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                outputs = new ArrayList<>();
                for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                    outputs.add(keyOfWritten(ac.name));
                }
            }
            if (alias != null) {
                Span vs = span(v);
                if (vs != null) {
                    accountNamesAfter(vs.last(), alias);
                }
            }
            scope.sources.add(Source.derived(alias == null ? null : keyOfWritten(alias.getName()),
                    alias == null ? null : alias.getName(), outputs == null ? null : new HashSet<>(outputs)));
        } else if (fi instanceof TableFunction tf) {
            if (tf.getFunction() != null) {
                tf.getFunction().accept(this, Ctx.of(scope));
            }
            Alias alias = tf.getAlias();
            scope.sources.add(Source.derived(alias == null ? null : keyOfWritten(alias.getName()),
                    alias == null ? null : alias.getName(), null));
        } else {
            throw Unsupported.of(null, "a FROM item of type " + fi.getClass().getSimpleName()
                    + " in a statement on a window table is not supported");
        }
    }

    private Map<String, List<String>> collectCtes(Scope scope) {
        Map<String, List<String>> all = new HashMap<>();
        for (Scope s = scope; s != null; s = s.parent) {
            for (Map.Entry<String, List<String>> e : s.ctes.entrySet()) {
                all.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        return all;
    }

    /** Accounts alias and alias-column tokens that follow position {@code after}. */
    private void accountNamesAfter(int after, Alias alias) {
        Set<String> keys = new HashSet<>();
        keys.add(keyOfWritten(alias.getName()));
        if (alias.getAliasColumns() != null) {
            for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                keys.add(keyOfWritten(ac.name));
            }
        }
        // The parser's span may or may not include the alias: look a little either side of its end.
        int reach = 2 * keys.size() + 5;
        int end = Math.min(tokens.size() - 1, after + reach);
        for (int i = Math.max(0, after - reach); i <= end; i++) {
            if (tokens.isIdentifier(i) && keys.contains(key(i))) {
                accounted.set(i);
            }
        }
    }

    private void joins(List<Join> joins, Scope scope) {
        if (joins == null) {
            return;
        }
        for (Join j : joins) {
            int before = scope.sources.size();
            addFromItem(j.getFromItem(), scope);
            if (j.isNatural() || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())) {
                scope.mergingJoin = true;
            }
            if (j.isNatural()) {
                List<Source> left = scope.sources.subList(0, before);
                List<Source> right = scope.sources.subList(before, scope.sources.size());
                ColumnWindow shared = NaturalJoins.sharedWindowColumn(left, right, this::catalogKeys);
                if (shared != null) {
                    throw Unsupported.of(shared.window(), "a NATURAL join with a window table whose other side could"
                            + " also have one of the window's columns joins on other columns in each phase; write"
                            + " the join condition with ON");
                }
            }
        }
        for (Join j : joins) {
            if (j.getOnExpressions() != null) {
                for (Expression e : j.getOnExpressions()) {
                    e.accept(this, Ctx.of(scope));
                }
            }
            if (j.getUsingColumns() != null) {
                for (Column c : j.getUsingColumns()) {
                    Ref r = ref(c);
                    accounted.set(r.name());
                    if (index.isWindowColumnName(key(r.name()))) {
                        for (Source s : scope.sources) {
                            if (s.windows != null && s.windows.column(key(r.name())) != null) {
                                throw Unsupported.of(s.windows.column(key(r.name())).window(), "JOIN ... USING ("
                                        + tokens.text(r.name()) + ") joins on a window column; write the join"
                                        + " condition with ON");
                            }
                        }
                    }
                }
            }
        }
    }

    private List<String> catalogColumns(Source s) {
        if (catalog == null || catalog == Catalog.NONE || s.tableKey == null) {
            return null;
        }
        String k = s.schemaKey + "." + s.tableKey;
        if (catalogCache.containsKey(k)) {
            return catalogCache.get(k);
        }
        usedCatalog = true;
        List<String> cols = catalog.columns(s.schemaKey, s.tableKey);
        catalogCache.put(k, cols);
        return cols;
    }

    private Set<String> catalogKeys(Source s) {
        List<String> cols = catalogColumns(s);
        if (cols == null) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        for (String c : cols) {
            keys.add(ids.normalize(c, true));
        }
        return keys;
    }

    // ------------------------------------------------------------------------------------------------ resolution

    /** The source and scope the last {@link #resolve} bound its reference to (null when not a window column). */
    private Source resolvedSource;
    private Scope resolvedScope;

    /** The window column a reference denotes, or null when it is not a window column. */
    private ColumnWindow resolve(Ref r, Scope scope) {
        resolvedSource = null;
        resolvedScope = null;
        String name = key(r.name());
        if (!index.isWindowColumnName(name)) {
            return null;
        }
        if (r.qualifier().length > 0) {
            String qTable = key(r.qualifier()[r.qualifier().length - 1]);
            String qSchema = r.qualifier().length > 1 ? key(r.qualifier()[r.qualifier().length - 2]) : null;
            for (Scope s = scope; s != null; s = s.parent) {
                for (Source src : s.sources) {
                    if (src.qualifierKey != null && src.qualifierKey.equals(qTable)
                            && (qSchema == null || qSchema.equals(src.schemaKey))) {
                        resolvedSource = src;
                        resolvedScope = s;
                        return src.windows == null ? null : src.windows.column(name);
                    }
                }
            }
            // A qualifier naming no source: an outer reference we cannot see, or a typo the database will report.
            TableWindows tw = windowsOf(qSchema, qTable);
            if (tw != null && tw.column(name) != null) {
                throw new Unsupported(tw.column(name).window(), "cannot tell what '" + text(r.first(), r.name())
                        + "' refers to", Rejection.AMBIGUOUS);
            }
            return null;
        }
        for (Scope s = scope; s != null; s = s.parent) {
            Source definite = null;
            int count = 0;
            boolean maybe = false;
            for (Source src : s.sources) {
                if (src.pseudo) {
                    continue;
                }
                if (src.base) {
                    if (src.windows != null && src.windows.column(name) != null) {
                        definite = src;
                        count++;
                    } else {
                        Set<String> cols = catalogKeys(src);
                        if (cols == null) {
                            maybe = true;
                        } else if (cols.contains(name)) {
                            definite = src;
                            count++;
                        }
                    }
                } else if (src.outputs == null) {
                    maybe = true;
                } else if (src.outputs.contains(name)) {
                    definite = src;
                    count++;
                }
            }
            if (count == 1 && !maybe) {
                resolvedSource = definite;
                resolvedScope = s;
                return definite.windows == null ? null : definite.windows.column(name);
            }
            if (count > 0 || maybe) {
                ColumnWindow candidate = windowCandidate(name, s);
                if (candidate == null && count <= 1) {
                    return null;
                }
                if (candidate == null) {
                    return null;
                }
                throw new Unsupported(candidate.window(), "column " + tokens.text(r.name())
                        + " is not qualified and more than one table in scope could have it; qualify it with its"
                        + " table or alias", Rejection.AMBIGUOUS);
            }
        }
        return null;
    }

    /** A window column of that name on a source of scope {@code from} or any enclosing scope, or null. */
    private static ColumnWindow windowCandidate(String name, Scope from) {
        for (Scope s = from; s != null; s = s.parent) {
            for (Source src : s.sources) {
                if (src.windows != null && src.windows.column(name) != null && !src.pseudo) {
                    return src.windows.column(name);
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public <S> Void visit(Column column, S context) {
        Ctx ctx = (Ctx) context;
        Ref r = ref(column);
        accounted.set(r.name());
        for (int q : r.qualifier()) {
            accounted.set(q);
        }
        if (rowAlias != null && r.qualifier().length == 1 && key(r.qualifier()[0]).equals(rowAliasQualifier)
                && rowAlias.containsKey(key(r.name()))) {
            // MySQL's row alias names the inserted row: new.col follows col's name in the column list.
            WriteAction a = rowAlias.get(key(r.name()));
            if (a.action == Action.RENAME) {
                edits.replace(r.name(), r.name(), nameText(a.name, r.name()));
            }
            return null;
        }
        if (insertedRow != null && insertedRow.containsKey(key(r.name())) && (r.qualifier().length == 0
                || key(r.qualifier()[r.qualifier().length - 1]).equals(insertedRowQualifier))) {
            // In MySQL a VALUES row may name a column assigned earlier in the row: that is the inserted value, and
            // the name follows whatever happened to the column's name in the column list.
            WriteAction a = insertedRow.get(key(r.name()));
            if (a.action == Action.RENAME) {
                edits.replace(r.name(), r.name(), nameText(a.name, r.name()));
            }
            return null;
        }
        if (r.qualifier().length == 0 && dialect == Dialect.POSTGRESQL) {
            Source row = wholeRow(key(r.name()), ctx.scope());
            if (row != null) {
                throw WholeRows.refused(row.windows.first, tokens.text(r.name()));
            }
        }
        ColumnWindow cw = resolve(r, ctx.scope());
        if (cw != null && r.qualifier().length == 0 && outputAliases != null && dialect != Dialect.POSTGRESQL
                && outputAliases.contains(key(r.name()))) {
            throw new Unsupported(cw.window(), "the name " + tokens.text(r.name()) + " is both an output alias and a"
                    + " window column, and " + dialect + " may read it as either here; give the output another alias"
                    + " or qualify the column", Rejection.AMBIGUOUS);
        }
        if (cw != null) {
            if (r.qualifier().length == 0 && Capture.claimedOutside(resolvedScope, key(r.name()), this::catalogKeys)
                    != null) {
                throw new Unsupported(cw.window(), "column " + tokens.text(r.name()) + " is not qualified, and a table"
                        + " of an enclosing query could also have it (the application version that does not know"
                        + " this name would mean that table); qualify it with its table or alias",
                        Rejection.AMBIGUOUS);
            }
            String qualifier = null;
            if (r.qualifier().length == 0 && cw.role() != Role.DROP && substitutes(cw)
                    && Capture.needsQualifier(ctx.scope(), resolvedSource,
                            cw.rename().readColumn().normalized(ids), this::catalogKeys)) {
                qualifier = resolvedSource.qualifierText;
            }
            read(r, cw, ctx, ctx.aliasColumn() == column ? ctx.aliasAfter() : -1, qualifier);
        }
        return null;
    }

    /** Whether a read of this rename-window name is sent as the other column. */
    private boolean substitutes(ColumnWindow cw) {
        RenameWindow w = cw.rename();
        return !asWritten.contains(w) && cw.role() != (w.phase().readsNew() ? Role.TO : Role.FROM);
    }

    /** {@code u.*} inside an expression (a top-level select item is expanded by {@link #star} instead). */
    @Override
    public <S> Void visit(AllTableColumns atc, S context) {
        Span s = span(atc);
        if (s != null && tokens.isIdentifier(s.first())) {
            Ref r = dotted(s.first(), s.last());
            accounted.set(r.name());
            for (Scope sc = ((Ctx) context).scope(); sc != null; sc = sc.parent) {
                for (Source src : sc.sources) {
                    if (key(r.name()).equals(src.qualifierKey) && src.windows != null) {
                        throw WholeRows.refused(src.windows.first, tokens.text(r.name()));
                    }
                }
            }
        }
        return null;
    }

    /**
     * The window table a bare name denotes as a whole-row value (PostgreSQL), or null: a column of that name in scope
     * wins, as in PostgreSQL; without the table's column list the name is taken for the row.
     */
    private Source wholeRow(String name, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            Source row = null;
            for (Source src : s.sources) {
                if (src.base && src.windows != null && name.equals(src.qualifierKey) && !src.pseudo) {
                    row = src;
                }
            }
            for (Source src : s.sources) {
                Set<String> cols = src.base ? catalogKeys(src) : src.outputs;
                if ((cols != null && cols.contains(name))
                        || (src.windows != null && src.windows.column(name) != null)) {
                    return null;
                }
            }
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    private void read(Ref r, ColumnWindow cw, Ctx ctx, int aliasAfter) {
        read(r, cw, ctx, aliasAfter, null);
    }

    /**
     * @param qualifier when not null, the substituted name is written qualified by it (see {@link Capture})
     */
    private void read(Ref r, ColumnWindow cw, Ctx ctx, int aliasAfter, String qualifier) {
        use(cw);
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
            String physical = nameText(w.readColumn(), r.name());
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

    private void use(ColumnWindow cw) {
        int[] u = uses.computeIfAbsent(cw.window(), w -> new int[2]);
        u[cw.role() == Role.TO ? 1 : 0]++;
    }

    /** How to spell a configured name in place of the identifier token {@code like}. */
    private String nameText(Name n, int like) {
        if (n.isQuoted()) {
            return dialect.quote(n.text());
        }
        if (tokens.kind(like) == Tokens.QUOTED_IDENT) {
            return dialect.quote(stored(n));
        }
        return n.text();
    }

    /** The name as the database stores it. */
    private String stored(Name n) {
        return ids == IdentifierCase.INSENSITIVE ? n.text() : n.normalized(ids);
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        Ctx ctx = (Ctx) context;
        select(select, new Scope(ctx.scope()), SelectRole.FIXED);
        return null;
    }

    @Override
    public <S> Void visit(Select select, S context) {
        Ctx ctx = (Ctx) context;
        select(select, new Scope(ctx.scope()), SelectRole.FIXED);
        return null;
    }

    @Override
    public <S> Void visit(ExistsExpression exists, S context) {
        Ctx ctx = (Ctx) context;
        Expression right = exists.getRightExpression();
        if (right instanceof Select s) {
            select(s, new Scope(ctx.scope()), SelectRole.EXISTS);
        } else if (right != null) {
            right.accept(this, ctx);
        }
        return null;
    }

    @Override
    public <S> Void visit(AnyComparisonExpression any, S context) {
        Ctx ctx = (Ctx) context;
        if (any.getSelect() != null) {
            select(any.getSelect(), new Scope(ctx.scope()), SelectRole.FIXED);
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

    private void expr(Expression e, Scope scope) {
        if (e != null) {
            e.accept(this, Ctx.of(scope));
        }
    }

    private void orderOrGroup(Expression e, Scope scope) {
        if (e != null) {
            e.accept(this, Ctx.orderOrGroup(scope));
        }
    }

    // ------------------------------------------------------------------------------------------------ SELECT

    /** Analyzes a query; returns the names of its output columns (normalized), or null when not known. */
    private List<String> select(Select s, Scope outer, SelectRole role) {
        Scope scope = outer == null ? new Scope(null) : outer;
        if (s.getWithItemsList() != null && !s.getWithItemsList().isEmpty()) {
            scope = withItems(s.getWithItemsList(), scope);
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
                List<String> o = select(branch, new Scope(scope),
                        role == SelectRole.TOP || role == SelectRole.DERIVED ? role : SelectRole.FIXED);
                if (first) {
                    outputs = o;
                    first = false;
                }
            }
            if (sol.getOrderByElements() != null) {
                Scope out = new Scope(scope);
                out.sources.add(Source.outputsOf(outputs == null ? null : new HashSet<>(outputs)));
                for (OrderByElement o : sol.getOrderByElements()) {
                    orderOrGroup(o.getExpression(), out);
                }
            }
        } else if (s instanceof ParenthesedSelect ps) {
            outputs = select(ps.getSelect(), new Scope(scope), role);
            if (ps.getOrderByElements() != null) {
                Scope out = new Scope(scope);
                out.sources.add(Source.outputsOf(outputs == null ? null : new HashSet<>(outputs)));
                for (OrderByElement o : ps.getOrderByElements()) {
                    orderOrGroup(o.getExpression(), out);
                }
            }
        } else if (s instanceof Values v) {
            if (v.getExpressions() != null) {
                for (Object e : v.getExpressions()) {
                    expr((Expression) e, scope);
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
            expr(l.getRowCount(), scope);
            expr(l.getOffset(), scope);
        }
        Offset o = s.getOffset();
        if (o != null) {
            expr(o.getOffset(), scope);
        }
        Fetch f = s.getFetch();
        if (f != null) {
            expr(f.getExpression(), scope);
        }
    }

    private Scope withItems(List<WithItem<?>> items, Scope outer) {
        Scope scope = new Scope(outer);
        for (WithItem<?> wi : items) {
            String name = keyOfWritten(wi.getAlias().getName());
            List<String> columns = null;
            Span wiSpan = span(wi);
            if (wi.getWithItemList() != null && !wi.getWithItemList().isEmpty()) {
                columns = new ArrayList<>();
                for (SelectItem<?> si : wi.getWithItemList()) {
                    String n = si.getExpression() != null ? si.getExpression().toString() : si.toString();
                    columns.add(keyOfWritten(n));
                }
            }
            if (wiSpan != null) {
                accountCteHead(wiSpan.first(), name, columns);
            } else if (columns != null && wi.getParenthesedStatement() instanceof ASTNodeAccess body) {
                Span bodySpan = span(body);
                if (bodySpan != null) {
                    Set<String> keys = new HashSet<>(columns);
                    keys.add(name);
                    accountBefore(bodySpan.first(), keys);
                }
            }
            if (wi.isRecursive()) {
                scope.ctes.put(name, columns);
            }
            List<String> outputs;
            Object body = wi.getParenthesedStatement();
            if (body instanceof ParenthesedSelect ps) {
                outputs = select(ps.getSelect() != null ? ps.getSelect() : ps, new Scope(scope),
                        columns != null ? SelectRole.FIXED : SelectRole.DERIVED);
                if (columns == null && wiSpan == null) {
                    accountBefore(requireSpan(ps, "WITH query").first(), Set.of(name));
                }
            } else if (body instanceof ParenthesedInsert pi) {
                outputs = insert(pi.getInsert(), scope);
            } else if (body instanceof ParenthesedUpdate pu) {
                outputs = update(pu.getUpdate(), scope);
            } else if (body instanceof ParenthesedDelete pd) {
                outputs = delete(pd.getDelete(), scope);
            } else {
                throw Unsupported.of(null, "a WITH item of this kind is not supported in a statement on a window"
                        + " table");
            }
            scope.ctes.put(name, columns != null ? columns : outputs);
        }
        return scope;
    }

    /** Accounts identifiers among {@code keys} in the few tokens before {@code first} (a CTE's head). */
    private void accountBefore(int first, Set<String> keys) {
        for (int i = first - 1; i >= 0 && i >= first - 2 * keys.size() - 6; i--) {
            if (tokens.isIdentifier(i) && keys.contains(key(i))) {
                accounted.set(i);
            }
        }
    }

    /** Accounts the name and column list tokens of {@code name (a, b) AS (...)}. */
    private void accountCteHead(int first, String name, List<String> columns) {
        Set<String> keys = new HashSet<>();
        keys.add(name);
        if (columns != null) {
            keys.addAll(columns);
        }
        for (int i = first; i < tokens.size(); i++) {
            if (tokens.isKeyword(i, "as")) {
                break;
            }
            if (tokens.isIdentifier(i) && keys.contains(key(i))) {
                accounted.set(i);
            }
        }
    }

    private List<String> plainSelect(PlainSelect ps, Scope outer, SelectRole role) {
        Set<String> enclosingAliases = outputAliases;
        outputAliases = null;
        try {
            return plainSelectIn(ps, outer, role);
        } finally {
            outputAliases = enclosingAliases;
        }
    }

    /**
     * The output aliases of the query whose DISTINCT ON, GROUP BY, HAVING or ORDER BY is being visited, or null. An
     * unqualified name there that is both an alias and a window column means the alias or the column depending on the
     * database: PostgreSQL takes the input column in GROUP BY, HAVING and expressions (and the alias only for a bare
     * ORDER BY or DISTINCT ON name, which the walk leaves alone); MySQL and H2 may take the alias, so there it is
     * rejected.
     */
    private Set<String> outputAliases;

    private List<String> plainSelectIn(PlainSelect ps, Scope outer, SelectRole role) {
        Scope scope = new Scope(outer);
        addFromItem(ps.getFromItem(), scope);
        joins(ps.getJoins(), scope);

        List<SelectItem<?>> items = ps.getSelectItems();
        Set<String> aliases = new HashSet<>();
        List<String> outputs = new ArrayList<>();
        List<String> appended = new ArrayList<>();
        boolean outputsKnown = true;
        int lastItemToken = -1;
        StarLabels outerLabels = starLabels;
        StarLabels resultLabels = role == SelectRole.TOP ? new StarLabels() : null;
        for (SelectItem<?> item : items) {
            starLabels = resultLabels;
            Span itemSpan = requireSpan(item, "select item");
            lastItemToken = itemSpan.last();
            Alias alias = item.getAlias();
            if (alias != null) {
                aliases.add(keyOfWritten(alias.getName()));
                accounted.set(itemSpan.last());
            }
            Expression e = item.getExpression();
            if (e instanceof AllTableColumns || e instanceof AllColumns) {
                List<String> names = star(e, itemSpan, scope, role, appended);
                if (names == null) {
                    outputsKnown = false;
                } else {
                    outputs.addAll(names);
                }
                continue;
            }
            Column aliasColumn = alias == null ? castColumn(e) : null;
            int editsBefore = edits.size();
            e.accept(this, Ctx.item(scope, aliasColumn, itemSpan.last()));
            labelItem(resultLabels, alias, e);
            if (alias == null && aliasColumn == null) {
                expressionLabel(itemSpan, editsBefore);
            }
            if (alias != null) {
                outputs.add(keyOfWritten(alias.getName()));
            } else if (e instanceof Column c) {
                outputs.add(key(ref(c).name()));
            } else {
                outputs.add(null);
            }
        }
        starLabels = outerLabels;
        checkStarLabels(resultLabels);
        if (!appended.isEmpty() && lastItemToken >= 0) {
            edits.insertAfter(lastItemToken, ", " + String.join(", ", appended));
        }
        expr(ps.getWhere(), scope);
        outputAliases = aliases;
        Distinct distinct = ps.getDistinct();
        if (distinct != null && distinct.getOnSelectItems() != null) {
            for (SelectItem<?> si : distinct.getOnSelectItems()) {
                // DISTINCT ON follows ORDER BY's rule: a bare output name is the select list's alias.
                if (si.getExpression() instanceof Column c && isOutputName(c, aliases)) {
                    continue;
                }
                orderOrGroup(si.getExpression(), scope);
            }
        }
        GroupByElement g = ps.getGroupBy();
        if (g != null) {
            if (g.getGroupByExpressionList() != null) {
                for (Object e : g.getGroupByExpressionList()) {
                    orderOrGroup((Expression) e, scope);
                }
            }
            if (g.getGroupingSets() != null) {
                for (ExpressionList<Expression> set : g.getGroupingSets()) {
                    for (Expression e : set) {
                        orderOrGroup(e, scope);
                    }
                }
            }
        }
        expr(ps.getHaving(), scope);
        expr(ps.getQualify(), scope);
        if (ps.getWindowDefinitions() != null) {
            for (WindowDefinition wd : ps.getWindowDefinitions()) {
                if (wd.getPartitionExpressionList() != null) {
                    for (Object e : wd.getPartitionExpressionList()) {
                        orderOrGroup((Expression) e, scope);
                    }
                }
                if (wd.getOrderByElements() != null) {
                    for (OrderByElement o : wd.getOrderByElements()) {
                        orderOrGroup(o.getExpression(), scope);
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
                orderOrGroup(e, scope);
            }
        }
        return outputsKnown ? outputs : null;
    }

    /** Whether a bare column is one of the output aliases (and, if so, accounts for it). */
    private boolean isOutputName(Column c, Set<String> aliases) {
        if (c.getTable() != null) {
            return false;
        }
        Ref r = ref(c);
        if (r.qualifier().length == 0 && aliases.contains(key(r.name()))) {
            accounted.set(r.name());
            return true;
        }
        return false;
    }

    /** The labels of the result being analyzed whose stars are recorded, or null (see {@link StarLabels}). */
    private StarLabels starLabels;

    /** Records the label of a select item just visited (the source of its column comes from the last resolve). */
    private void labelItem(StarLabels labels, Alias alias, Expression e) {
        if (labels == null) {
            return;
        }
        if (alias != null) {
            labels.item(keyOfWritten(alias.getName()), null);
        } else if (e instanceof Column c) {
            labels.item(key(ref(c).name()), resolvedSource);
        }
    }

    private void checkStarLabels(StarLabels labels) {
        ColumnWindow cw = labels == null ? null : labels.collision(this::catalogKeys);
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
        String label = text(itemSpan.first(), itemSpan.last());
        if (label.length() <= 256) {
            edits.insertAfter(itemSpan.last(), " AS " + dialect.quote(label));
            labels.add(label);
        }
    }

    /**
     * Expands {@code *} or {@code t.*} over window tables into an explicit list that reads each name from the right
     * column, using the catalog. Returns the output names, or null when unknown.
     */
    private List<String> star(Expression e, Span itemSpan, Scope scope, SelectRole role, List<String> appended) {
        if (role == SelectRole.EXISTS) {
            return null;
        }
        List<Source> covered = new ArrayList<>();
        if (e instanceof AllTableColumns atc) {
            Ref r = dotted(itemSpan.first(), itemSpan.last());
            accounted.set(r.name());
            String q = key(r.name());
            for (Source s : scope.sources) {
                if (q.equals(s.qualifierKey)) {
                    covered.add(s);
                }
            }
            if (covered.isEmpty()) {
                return null;
            }
        } else {
            for (Source s : scope.sources) {
                if (!s.pseudo) {
                    covered.add(s);
                }
            }
        }
        boolean anyWindow = false;
        for (Source s : covered) {
            anyWindow |= s.windows != null;
        }
        if (!anyWindow) {
            return null;
        }
        if (starLabels != null) {
            starLabels.star(covered);
        }
        Window first = null;
        for (Source s : covered) {
            if (s.windows != null) {
                first = s.windows.first;
                break;
            }
        }
        if (scope.mergingJoin && e instanceof AllColumns && !(e instanceof AllTableColumns)) {
            throw Unsupported.of(first, "SELECT * over a NATURAL join or JOIN ... USING that includes a window table;"
                    + " list the columns");
        }
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        boolean namesKnown = true;
        for (Source s : covered) {
            if (out.length() > 0) {
                out.append(", ");
            }
            if (s.windows == null) {
                if (s.qualifierText == null) {
                    throw Unsupported.of(first, "SELECT * over a window table joined with an unnamed subquery; give"
                            + " the subquery an alias");
                }
                out.append(s.qualifierText).append(".*");
                namesKnown = false;
                continue;
            }
            List<String> cols = catalogColumns(s);
            if (cols == null) {
                throw Unsupported.of(s.windows.first, "SELECT * on a window table needs the table's column list,"
                        + " and no catalog is available for " + s.qualifierText + "; list the columns");
            }
            expandTable(s, cols, out, names, role == SelectRole.TOP || role == SelectRole.DERIVED ? appended : null);
        }
        edits.replace(itemSpan.first(), itemSpan.last(), out.toString());
        return namesKnown ? names : null;
    }

    private void expandTable(Source s, List<String> cols, StringBuilder out, List<String> names,
            List<String> appended) {
        String q = s.qualifierText + ".";
        Set<String> present = new HashSet<>();
        Set<String> moved = StarPositions.movedToTheEnd(s.windows, cols, ids, asWritten);
        boolean firstCol = true;
        for (String c : cols) {
            String k = ids.normalize(c, true);
            if (moved.contains(k)) {
                continue;
            }
            present.add(k);
            if (!firstCol) {
                out.append(", ");
            }
            firstCol = false;
            names.add(k);
            ColumnWindow cw = s.windows.column(k);
            if (cw == null || asWritten.contains(cw.window())) {
                out.append(q).append(dialect.quote(c));
            } else if (cw.role() == Role.DROP) {
                out.append(((DropWindow) cw.window()).defaultValue()).append(" AS ").append(dialect.quote(c));
            } else {
                RenameWindow w = cw.rename();
                Role readRole = w.phase().readsNew() ? Role.TO : Role.FROM;
                if (cw.role() == readRole) {
                    out.append(q).append(dialect.quote(c));
                } else {
                    out.append(q).append(dialect.quote(stored(w.readColumn()))).append(" AS ")
                            .append(dialect.quote(c));
                }
            }
        }
        for (Map.Entry<String, ColumnWindow> e : s.windows.columns.entrySet()) {
            if (present.contains(e.getKey()) || asWritten.contains(e.getValue().window())) {
                continue;
            }
            ColumnWindow cw = e.getValue();
            String label;
            String value;
            if (cw.role() == Role.DROP) {
                DropWindow d = (DropWindow) cw.window();
                label = stored(d.column());
                value = d.defaultValue();
            } else {
                RenameWindow w = cw.rename();
                label = stored(cw.role() == Role.FROM ? w.from() : w.to());
                value = q + dialect.quote(stored(w.readColumn()));
            }
            names.add(e.getKey());
            if (appended != null) {
                boolean sameName = cw.role() != Role.DROP && stored(cw.rename().readColumn()).equals(label);
                appended.add(sameName ? value : value + " AS " + dialect.quote(label));
                labels.add(label);
            }
        }
    }

    private void returning(ReturningClause rc, Scope scope) {
        if (rc == null) {
            return;
        }
        List<String> appended = new ArrayList<>();
        int last = -1;
        StarLabels outerLabels = starLabels;
        StarLabels resultLabels = new StarLabels();
        for (Object o : rc) {
            if (!(o instanceof SelectItem<?> item)) {
                continue;
            }
            starLabels = resultLabels;
            Span itemSpan = requireSpan(item, "RETURNING item");
            last = itemSpan.last();
            Expression e = item.getExpression();
            if (item.getAlias() != null) {
                accounted.set(itemSpan.last());
            }
            if (e instanceof AllTableColumns || e instanceof AllColumns) {
                star(e, itemSpan, scope, SelectRole.TOP, appended);
                continue;
            }
            Column aliasColumn = item.getAlias() == null ? castColumn(e) : null;
            e.accept(this, Ctx.item(scope, aliasColumn, itemSpan.last()));
            labelItem(resultLabels, item.getAlias(), e);
        }
        starLabels = outerLabels;
        checkStarLabels(resultLabels);
        if (!appended.isEmpty() && last >= 0) {
            edits.insertAfter(last, ", " + String.join(", ", appended));
        }
    }

    // ------------------------------------------------------------------------------------------------ writes

    /** A column written by the statement. */
    record Target(Ref ref, ColumnWindow window) {
    }

    enum Action { NONE, RENAME, MIRROR, REMOVE }

    /** What to do with one written column. */
    record WriteAction(Action action, Name name) {
        static final WriteAction NONE = new WriteAction(Action.NONE, null);
    }

    /**
     * Decides, for the window columns a statement writes, what each write becomes in the current phases: renamed to
     * the one physical column, mirrored into the other column, or removed (drop windows). A statement that already
     * writes both names of a window is left alone, which makes rewriting idempotent.
     */
    private WriteAction[] planWrites(List<Target> targets) {
        WriteAction[] actions = new WriteAction[targets.size()];
        Map<Window, int[]> written = new HashMap<>();
        for (Target t : targets) {
            if (t.window != null) {
                int[] c = written.computeIfAbsent(t.window.window(), w -> new int[3]);
                c[t.window.role().ordinal()]++;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t.window == null) {
                actions[i] = WriteAction.NONE;
                continue;
            }
            use(t.window);
            if (t.window.role() == Role.DROP) {
                actions[i] = new WriteAction(Action.REMOVE, null);
                continue;
            }
            RenameWindow w = t.window.rename();
            int[] c = written.get(w);
            boolean both = c[Role.FROM.ordinal()] > 0 && c[Role.TO.ordinal()] > 0;
            if (both) {
                actions[i] = WriteAction.NONE;
            } else if (w.phase().writesBoth()) {
                actions[i] = new WriteAction(Action.MIRROR, t.window.role() == Role.FROM ? w.to() : w.from());
            } else {
                Name physical = w.phase() == Phase.OLD_ONLY ? w.from() : w.to();
                Role physicalRole = w.phase() == Phase.OLD_ONLY ? Role.FROM : Role.TO;
                actions[i] = t.window.role() == physicalRole ? WriteAction.NONE
                        : new WriteAction(Action.RENAME, physical);
            }
        }
        return actions;
    }

    /** Removes elements of a comma-separated list, keeping the commas of what remains right. */
    private void removeFromList(List<Span> elements, boolean[] remove) {
        int n = elements.size();
        int i = 0;
        while (i < n) {
            if (!remove[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < n && remove[j + 1]) {
                j++;
            }
            if (j + 1 < n) {
                // Remove elements i..j and the comma after j.
                edits.add(EditList.before(elements.get(i).first()), EditList.before(elements.get(j + 1).first()));
            } else if (i > 0) {
                // Remove from the end of the last kept element through j.
                edits.add(EditList.after(elements.get(i - 1).last()), EditList.after(elements.get(j).last()));
            } else {
                edits.add(EditList.before(elements.get(0).first()), EditList.after(elements.get(n - 1).last()));
            }
            i = j + 1;
        }
    }

    private static boolean all(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    private void requireRepeatable(int first, int last, Target t, Name other) {
        requireRepeatable(first, last, t, SetOrder.OLD_ROW, other);
    }

    private void requireRepeatable(int first, int last, Target t, SetOrder order, Name other) {
        String problem = Repeatability.check(tokens, first, last, dialect);
        if (problem != null) {
            String why = !order.copiesBeside() ? "" : order == SetOrder.UNDEFINED
                    ? " (a multi-table UPDATE assigns in an order MySQL does not define, so the copy cannot name the"
                    + " column just assigned)"
                    : " (this UPDATE has a subquery, and MariaDB then assigns against the old row when it reads the"
                    + " same table, so the copy cannot name the column just assigned)";
            throw Unsupported.of(t.window.window(), "the value written to " + tokens.text(t.ref().name())
                    + " contains " + problem + ", which would run twice if it were also written to " + other + why
                    + "; write a plain value or parameter, or set the value in a separate statement");
        }
    }

    private List<Target> targets(ExpressionList<Column> columns, Source target) {
        List<Target> out = new ArrayList<>();
        for (Column c : columns) {
            Ref r = ref(c);
            accounted.set(r.name());
            for (int q : r.qualifier()) {
                accounted.set(q);
            }
            ColumnWindow cw = target.windows == null ? null : target.windows.column(key(r.name()));
            out.add(new Target(r, cw));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ INSERT

    private List<String> insert(Insert in, Scope outer) {
        Scope base = outer == null ? new Scope(null) : outer;
        if (in.getWithItemsList() != null && !in.getWithItemsList().isEmpty()) {
            base = withItems(in.getWithItemsList(), base);
        }
        Source target = tableSource(in.getTable(), null);
        Scope scope = new Scope(base);
        scope.sources.add(target);
        // MySQL 8's row alias (VALUES (...) AS new ... new.col): JSqlParser keeps it on the VALUES.
        Alias rowAlias = in.getRowAlias() != null ? in.getRowAlias()
                : in.getSelect() instanceof Values v ? v.getAlias() : null;
        if (rowAlias != null) {
            String k = keyOfWritten(rowAlias.getName());
            scope.sources.add(Source.pseudo(k, rowAlias.getName(), target.windows));
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.isKeyword(i, "as") && i + 1 < tokens.size() && tokens.isIdentifier(i + 1)
                        && key(i + 1).equals(k) && i > 0 && tokens.kind(i - 1) == Tokens.RPAREN) {
                    accounted.set(i + 1);
                }
            }
        }
        Map<String, WriteAction> written = insertLike(target, in.getColumns(), in.getSelect(), in.getSetUpdateSets(),
                in.isOnlyDefaultValues(), scope, base);
        if (in.getDuplicateUpdateSets() != null && !in.getDuplicateUpdateSets().isEmpty()) {
            try {
                if (rowAlias != null) {
                    this.rowAlias = written;
                    this.rowAliasQualifier = keyOfWritten(rowAlias.getName());
                }
                assignments(in.getDuplicateUpdateSets(), scope, target, SetOrder.ofInsert(dialect), false,
                        in.getSelect() != null && !(in.getSelect() instanceof Values) ? target.qualifierText : null);
            } finally {
                this.rowAlias = null;
            }
        }
        if (in.getConflictTarget() != null) {
            conflictTarget(target, scope);
            if (in.getConflictTarget().getWhereExpression() != null) {
                expr(in.getConflictTarget().getWhereExpression(), scope);
            }
        }
        if (in.getConflictAction() != null) {
            Scope upsert = new Scope(base);
            upsert.sources.add(target);
            upsert.sources.add(Source.pseudo("excluded", "EXCLUDED", target.windows));
            if (in.getConflictAction().getUpdateSets() != null) {
                assignments(in.getConflictAction().getUpdateSets(), upsert, target, SetOrder.OLD_ROW);
            }
            expr(in.getConflictAction().getWhereExpression(), upsert);
        }
        returning(in.getReturningClause(), scope);
        return null;
    }

    private void upsert(Upsert up, Scope outer) {
        Scope base = outer == null ? new Scope(null) : outer;
        Source target = tableSource(up.getTable(), null);
        Scope scope = new Scope(base);
        scope.sources.add(target);
        insertLike(target, up.getColumns(), up.getSelect(), up.getUpdateSets(), false, scope, base);
        if (up.getDuplicateUpdateSets() != null && !up.getDuplicateUpdateSets().isEmpty()) {
            assignments(up.getDuplicateUpdateSets(), scope, target, SetOrder.ofInsert(dialect));
        }
        if (h2MergeKey != null) {
            for (int i = h2MergeKey.first(); i <= h2MergeKey.last(); i++) {
                if (tokens.isIdentifier(i)) {
                    accounted.set(i);
                    ColumnWindow cw = target.windows == null ? null : target.windows.column(key(i));
                    if (cw != null) {
                        read(Ref.bare(i), cw, Ctx.of(scope), -1);
                    }
                }
            }
        }
    }

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

    /** Token range of an H2 {@code KEY (...)} clause that was hidden from the parser, or null. */
    Span h2MergeKey;

    /**
     * The write part shared by INSERT, REPLACE, UPSERT and H2 MERGE: a column list with VALUES rows or a query, or
     * MySQL's {@code SET a = 1} form.
     */
    private Map<String, WriteAction> insertLike(Source target, ExpressionList<Column> columns, Select source,
            List<UpdateSet> setForm, boolean defaultValues, Scope scope, Scope base) {
        TableWindows tw = target.windows;
        if (setForm != null && !setForm.isEmpty()) {
            assignments(setForm, scope, target, SetOrder.ofInsert(dialect), true, null);
            return Map.of();
        }
        if (columns == null || columns.isEmpty()) {
            if (source != null) {
                select(source, new Scope(base), SelectRole.FIXED);
            }
            if (tw != null && !defaultValues && needsColumnList(tw)) {
                throw Unsupported.of(tw.first, "INSERT into " + target.qualifierText + " without a column list: list"
                        + " the columns so that the window's columns can be written correctly");
            }
            return Map.of();
        }
        List<Target> targets = targets(columns, target);
        WriteAction[] actions = planWrites(targets);
        Map<String, WriteAction> written = new HashMap<>();
        for (int k = 0; k < targets.size(); k++) {
            written.put(key(targets.get(k).ref.name()), actions[k]);
        }
        boolean anyAction = false;
        for (WriteAction a : actions) {
            anyAction |= a.action != Action.NONE;
        }
        List<Span> colElems = new ArrayList<>();
        for (Target t : targets) {
            colElems.add(new Span(t.ref().first(), t.ref().name()));
        }
        int colsClose = targets.get(targets.size() - 1).ref.name() + 1;
        if (tokens.kind(colsClose) != Tokens.RPAREN) {
            throw Unsupported.of(tw == null ? null : tw.first, "internal: column list not closed where expected");
        }
        if (source instanceof Values values) {
            Span vs = requireSpan(values, "VALUES");
            List<List<Span>> rows = rows(vs.first(), targets.size(), tw);
            insertedRow = new HashMap<>();
            insertedRowQualifier = target.qualifierKey;
            for (int k = 0; k < targets.size(); k++) {
                insertedRow.put(key(targets.get(k).ref.name()), actions[k]);
            }
            try {
                for (Object e : values.getExpressions()) {
                    expr((Expression) e, scope);
                }
            } finally {
                insertedRow = null;
            }
            if (!anyAction) {
                return written;
            }
            applyColumnList(targets, actions, colElems, colsClose);
            for (List<Span> row : rows) {
                StringBuilderParts extra = new StringBuilderParts();
                boolean[] remove = rowWrites(targets, actions, row, dialect.assignsLeftToRight(), extra);
                int close = row.get(row.size() - 1).last() + 1;
                if (all(remove)) {
                    emptyRow(tw.first);
                }
                removeFromList(row, remove);
                if (!extra.isEmpty()) {
                    edits.insertBefore(close, extra.parts());
                }
            }
        } else if (source != null) {
            select(source, new Scope(base), SelectRole.FIXED);
            if (!anyAction) {
                return written;
            }
            applyColumnList(targets, actions, colElems, colsClose);
            for (PlainSelect branch : branches(source, tw)) {
                // Each item's value (without its alias, which a copy must not repeat) and the whole item.
                List<Span> items = new ArrayList<>();
                List<Span> whole = new ArrayList<>();
                for (SelectItem<?> si : branch.getSelectItems()) {
                    if (si.getExpression() instanceof AllColumns || si.getExpression() instanceof AllTableColumns) {
                        throw Unsupported.of(tw.first, "INSERT ... SELECT * into a window table; list the selected"
                                + " columns");
                    }
                    Span sp = requireSpan(si, "select item");
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
                StringBuilderParts extra = new StringBuilderParts();
                boolean[] remove = rowWrites(targets, actions, items, false, extra);
                if (contains(remove)) {
                    if (branch.getDistinct() != null || branch.getGroupBy() != null
                            || source instanceof SetOperationList) {
                        throw Unsupported.of(tw.first, "INSERT ... SELECT with DISTINCT, GROUP BY or a set operation"
                                + " writes a dropped column; select it without that column");
                    }
                    if (all(remove)) {
                        throw Unsupported.of(tw.first, "INSERT ... SELECT writes only dropped columns");
                    }
                    removeFromList(whole, remove);
                }
                if (!extra.isEmpty()) {
                    edits.insertAfter(whole.get(whole.size() - 1).last(), extra.parts());
                }
            }
        }
        return written;
    }

    /**
     * One row of values written to {@code targets} (a VALUES row, a MERGE insert row, a SELECT list): which values to
     * remove (dropped columns) and the copies to append for mirrored columns. A copy must be repeatable, unless
     * {@code referenceAssigned} lets MySQL name the column just assigned instead (VALUES rows only).
     *
     * @return the values to remove; the appended parts go into {@code extra}
     */
    private boolean[] rowWrites(List<Target> targets, WriteAction[] actions, List<Span> row,
            boolean referenceAssigned, StringBuilderParts extra) {
        boolean[] remove = new boolean[targets.size()];
        for (int k = 0; k < targets.size(); k++) {
            WriteAction a = actions[k];
            if (a.action == Action.REMOVE) {
                remove[k] = true;
            } else if (a.action == Action.MIRROR) {
                Span v = row.get(k);
                if (referenceAssigned && !isDefault(v)) {
                    // MySQL evaluates VALUES left to right and lets a value name a column set earlier in the row:
                    // the mirrored column takes exactly the value just written.
                    extra.text(", " + tokens.text(targets.get(k).ref.name()));
                    continue;
                }
                if (!isDefault(v)) {
                    requireRepeatable(v.first(), v.last(), targets.get(k), a.name);
                }
                extra.text(", ").copy(v.first(), v.last());
            }
        }
        return remove;
    }

    private static boolean contains(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    private boolean isDefault(Span v) {
        return v.first() == v.last() && tokens.isKeyword(v.first(), "default");
    }

    private static void emptyRow(Window w) {
        throw Unsupported.of(w, "the INSERT writes only dropped columns; nothing would be left to insert");
    }

    /** Whether a positional INSERT into this table would write a window column wrongly. */
    private static boolean needsColumnList(TableWindows tw) {
        for (ColumnWindow cw : tw.columns.values()) {
            if (cw.role() == Role.DROP || cw.rename().phase().writesBoth()) {
                return true;
            }
        }
        return false;
    }

    private void applyColumnList(List<Target> targets, WriteAction[] actions, List<Span> colElems,
            int colsClose) {
        boolean[] remove = new boolean[targets.size()];
        StringBuilder extra = new StringBuilder();
        for (int k = 0; k < targets.size(); k++) {
            WriteAction a = actions[k];
            Target t = targets.get(k);
            switch (a.action) {
                case RENAME:
                    edits.replace(t.ref().name(), t.ref().name(), nameText(a.name, t.ref().name()));
                    break;
                case MIRROR:
                    extra.append(", ").append(nameText(a.name, t.ref().name()));
                    break;
                case REMOVE:
                    remove[k] = true;
                    break;
                default:
                    break;
            }
        }
        if (all(remove)) {
            emptyRow(firstWindow(targets));
        }
        removeFromList(colElems, remove);
        if (extra.length() > 0) {
            edits.insertBefore(colsClose, extra.toString());
        }
    }

    /** Locates the parenthesized rows after the VALUES keyword at token {@code valuesTok}. */
    private List<List<Span>> rows(int valuesTok, int width, TableWindows tw) {
        List<List<Span>> rows = new ArrayList<>();
        int i = valuesTok + 1;
        while (i < tokens.size() && tokens.kind(i) == Tokens.LPAREN) {
            int close = tokens.matchingParen(i);
            if (close < 0) {
                throw new Unsupported(tw == null ? null : tw.first, "unclosed VALUES row", Rejection.SYNTAX);
            }
            List<Span> row = elements(i + 1, close - 1);
            if (row.size() != width) {
                throw Unsupported.of(tw == null ? null : tw.first, "a VALUES row has " + row.size()
                        + " values for " + width + " columns");
            }
            rows.add(row);
            if (close + 1 < tokens.size() && tokens.kind(close + 1) == Tokens.COMMA
                    && close + 2 < tokens.size() && tokens.kind(close + 2) == Tokens.LPAREN) {
                i = close + 2;
            } else {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw Unsupported.of(tw == null ? null : tw.first, "VALUES without parenthesized rows is not supported"
                    + " on a window table");
        }
        return rows;
    }

    /** Splits tokens {@code first..last} at top-level commas. */
    private List<Span> elements(int first, int last) {
        List<Span> out = new ArrayList<>();
        int depth = 0;
        int start = first;
        for (int i = first; i <= last; i++) {
            byte k = tokens.kind(i);
            if (k == Tokens.LPAREN) {
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            } else if (k == Tokens.COMMA && depth == 0) {
                out.add(new Span(start, i - 1));
                start = i + 1;
            }
        }
        if (start <= last) {
            out.add(new Span(start, last));
        }
        return out;
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
        for (int i = partFirst; i + 2 < tokens.size() && i + 2 <= partLast; i++) {
            if (tokens.isKeyword(i, "on") && tokens.isKeyword(i + 1, "conflict")
                    && tokens.kind(i + 2) == Tokens.LPAREN) {
                int close = tokens.matchingParen(i + 2);
                for (int k = i + 3; k < close; k++) {
                    if (!tokens.isIdentifier(k) || (k + 1 < close && tokens.kind(k + 1) == Tokens.LPAREN)) {
                        continue;
                    }
                    accounted.set(k);
                    ColumnWindow cw = target.windows == null ? null : target.windows.column(key(k));
                    if (cw != null) {
                        if (cw.role() == Role.DROP) {
                            throw Unsupported.of(cw.window(), "ON CONFLICT names the dropped column "
                                    + tokens.text(k));
                        }
                        read(Ref.bare(k), cw, Ctx.of(scope), -1);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ UPDATE

    private List<String> update(Update u, Scope outer) {
        boolean enclosing = rowSelection(true);
        Scope base = outer == null ? new Scope(null) : outer;
        if (u.getWithItemsList() != null && !u.getWithItemsList().isEmpty()) {
            base = withItems(u.getWithItemsList(), base);
        }
        Scope scope = new Scope(base);
        Source target = tableSource(u.getTable(), null);
        scope.sources.add(target);
        joins(u.getStartJoins(), scope);
        addFromItem(u.getFromItem(), scope);
        joins(u.getJoins(), scope);
        boolean singleTable = scope.sources.size() == 1;
        rowSelection(false);
        assignments(u.getUpdateSets(), scope, target, SetOrder.ofUpdate(dialect, singleTable, tokens, partFirst,
                Math.min(partLast, tokens.size() - 1)));
        rowSelection(true);
        expr(u.getWhere(), scope);
        if (u.getOrderByElements() != null) {
            for (OrderByElement o : u.getOrderByElements()) {
                orderOrGroup(o.getExpression(), scope);
            }
        }
        if (u.getLimit() != null) {
            expr(u.getLimit().getRowCount(), scope);
        }
        rowSelection(false);
        returning(u.getReturningClause(), scope);
        rowSelection(enclosing);
        return null;
    }

    /**
     * Whether the expressions being visited decide which rows a statement writes: the WHERE, joins and FROM items of
     * UPDATE and DELETE, MERGE's ON and WHEN conditions, and every subquery inside them. A dropped column there reads
     * as NULL (or its default) and would select other rows, so it is rejected instead.
     */
    private boolean selectingWrittenRows;

    /** Sets {@link #selectingWrittenRows}; returns its previous value. */
    private boolean rowSelection(boolean on) {
        boolean previous = selectingWrittenRows;
        selectingWrittenRows = on;
        return previous;
    }

    /**
     * SET lists of UPDATE, ON CONFLICT DO UPDATE, ON DUPLICATE KEY UPDATE, MERGE and MySQL's INSERT ... SET.
     *
     * @param order how the database evaluates the list: left to right lets a mirrored column simply take the value
     *              of the column assigned before it
     */
    private void assignments(List<UpdateSet> sets, Scope scope, Source target, SetOrder order) {
        assignments(sets, scope, target, order, false, null);
    }

    /**
     * An UPDATE (or upsert action) that only assigns dropped columns still has to update the rows it matches: the
     * application counts them. It becomes a self-assignment of the first column the catalog lists that no window is
     * about. MySQL's INSERT ... SET with only dropped columns has nothing to insert and is rejected.
     */
    private void selfAssignment(Source target, List<Span> assignmentSpans, Window window, boolean inserting) {
        List<String> cols = inserting ? null : catalogColumns(target);
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
     * @param sourceQualifier when set, the mirrored column's copy names its source column through this qualifier:
     *                        in ON DUPLICATE KEY UPDATE of an INSERT ... SELECT an unqualified name could also be a
     *                        column of the selected tables
     */
    private void assignments(List<UpdateSet> sets, Scope scope, Source target, SetOrder order,
            boolean inserting, String sourceQualifier) {
        qualifiedTargets = "";
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
                Ref r = ref(c);
                accounted.set(r.name());
                ColumnWindow cw;
                if (r.qualifier().length > 0) {
                    for (int q : r.qualifier()) {
                        accounted.set(q);
                    }
                    cw = resolve(r, scope);
                } else {
                    cw = target.windows == null ? null : target.windows.column(key(r.name()));
                    if (cw != null && dialect == Dialect.MYSQL && !inserting && Capture.severalSources(scope)) {
                        // A multi-table MySQL UPDATE binds an unqualified SET column to whichever table has it.
                        if (Capture.otherClaim(scope, target, key(r.name()), this::catalogKeys) != null) {
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
        WriteAction[] actions = planWrites(targets);
        Set<String> assigned = new HashSet<>();
        // Left to right (MySQL single-table), a value naming a column assigned before it means the new value: it
        // follows that column's name and is not a read of the stored row.
        Map<String, WriteAction> assignedBefore = order == SetOrder.LEFT_TO_RIGHT ? new HashMap<>() : null;
        int t0 = 0;
        for (UpdateSet us : sets) {
            try {
                insertedRow = assignedBefore;
                insertedRowQualifier = target.qualifierKey;
                for (Object v : us.getValues()) {
                    if (v instanceof Expression e) {
                        e.accept(this, Ctx.of(scope));
                    }
                }
            } finally {
                insertedRow = null;
            }
            for (int k = 0; k < us.getColumns().size(); k++, t0++) {
                Target tg = targets.get(t0);
                if (assignedBefore != null && (tg.ref().qualifier().length == 0
                        || key(tg.ref().qualifier()[tg.ref().qualifier().length - 1]).equals(target.qualifierKey))) {
                    assignedBefore.put(key(tg.ref().name()), actions[t0]);
                }
            }
        }
        boolean any = false;
        for (WriteAction a : actions) {
            any |= a.action != Action.NONE;
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
                assigned.add(key(target1.ref().name()));
                switch (a.action) {
                    case RENAME:
                        edits.replace(target1.ref().name(), target1.ref().name(), (target1.ref().qualifier().length == 0
                                ? qualifiedTargets : "") + nameText(a.name, target1.ref().name()));
                        break;
                    case REMOVE:
                        removeCol[k] = true;
                        break;
                    case MIRROR:
                        mirrorAssignment(us, k, rowForm, target1, a.name, order, trailing, assigned,
                                sourceQualifier);
                        break;
                    default:
                        break;
                }
            }
            if (all(removeCol)) {
                removeSet[s] = true;
            } else if (contains(removeCol)) {
                List<Span> cols = new ArrayList<>();
                for (Column c : us.getColumns()) {
                    Ref r = ref(c);
                    cols.add(new Span(r.first(), r.name()));
                }
                List<Span> vals = rowValues(us, windowAmong(targets, t - width));
                removeFromList(cols, removeCol);
                removeFromList(vals, removeCol);
                int kept = 0;
                for (int k = 0; k < width; k++) {
                    kept += removeCol[k] ? 0 : actions[t - width + k].action == Action.MIRROR ? 2 : 1;
                }
                int open = vals.get(0).first() - 1;
                if (kept == 1 && dialect == Dialect.POSTGRESQL && tokens.kind(open) == Tokens.LPAREN
                        && !tokens.isKeyword(open - 1, "row")) {
                    // PostgreSQL reads "(a) = (x)" as a scalar, which a multiple-column assignment may not be.
                    edits.insertBefore(open, "ROW");
                }
            }
        }
        if (all(removeSet)) {
            selfAssignment(target, assignmentSpans, firstWindow(targets), inserting);
            return;
        }
        removeFromList(assignmentSpans, removeSet);
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
     * While planning one SET list: the qualifier (with its dot) that unqualified window columns it assigns are written
     * with, or empty. A multi-table MySQL UPDATE needs it so that the renamed or mirrored column is the target's.
     */
    private String qualifiedTargets = "";

    private static Window windowAmong(List<Target> targets, int from) {
        for (int i = Math.max(0, from); i < targets.size(); i++) {
            if (targets.get(i).window != null) {
                return targets.get(i).window.window();
            }
        }
        return null;
    }

    private static Window firstWindow(List<Target> targets) {
        return windowAmong(targets, 0);
    }

    private void mirrorAssignment(UpdateSet us, int k, boolean rowForm, Target t, Name other, SetOrder order,
            StringBuilder trailing, Set<String> assigned, String sourceQualifier) {
        String otherText = nameText(other, t.ref().name());
        String qualifier = t.ref().qualified() ? text(t.ref().first(), t.ref().name() - 1) : qualifiedTargets;
        if (!rowForm) {
            if (order == SetOrder.LEFT_TO_RIGHT) {
                String source = t.ref().qualifier().length == 0 && sourceQualifier != null
                        ? sourceQualifier + "." + tokens.text(t.ref().name()) : text(t.ref().first(), t.ref().name());
                trailing.append(", ").append(qualifier).append(otherText).append(" = ").append(source);
                return;
            }
            Span v = requireSpan(us.getValues().get(0), "assigned value");
            if (order == SetOrder.OLD_ROW && !merging && rowFormSubquery(us, t, otherText)) {
                return;
            }
            if (!isDefault(v)) {
                requireRepeatable(v.first(), v.last(), t, order, other);
                if (order == SetOrder.UNDEFINED) {
                    requireNoAssignedColumn(v, assigned, t, other);
                }
            }
            if (order.copyBefore(t.window.rename(), t.window.role()) && readsWindow(v, t.window.rename())) {
                edits.insertBefore(t.ref().first(), qualifier + otherText + " = ",
                        new EditList.Copy(v.first(), v.last()), ", ");
            } else {
                edits.insertAfter(v.last(), ", " + qualifier + otherText + " = ",
                        new EditList.Copy(v.first(), v.last()));
            }
            return;
        }
        List<Span> vals = rowValues(us, t.window.window());
        Span v = vals.get(k);
        if (!isDefault(v)) {
            requireRepeatable(v.first(), v.last(), t, other);
        }
        edits.insertAfter(t.ref().name(), ", " + otherText);
        edits.insertAfter(v.last(), ", ", new EditList.Copy(v.first(), v.last()));
    }

    /** While visiting MERGE's UPDATE SET, whose row form takes no sub-SELECT. */
    private boolean merging;

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
        Span item = span(plain.getSelectItems().get(0).getExpression());
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
        RenameWindow own = t.window.rename();
        for (int i = v.first(); i <= v.last(); i++) {
            boolean call = i + 1 <= v.last() && tokens.kind(i + 1) == Tokens.LPAREN;
            String read = tokens.isIdentifier(i) && !call ? physicalRead(i) : null;
            // The pair's own read column is fine: the copy is placed so that it is assigned second (SetOrder).
            boolean ownColumn = read != null && (read.equals(own.from().normalized(ids))
                    || read.equals(own.to().normalized(ids)));
            if (read != null && !ownColumn && assigned.contains(read)) {
                throw Unsupported.of(t.window.window(), "the value written to " + tokens.text(t.ref().name())
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
            if (tokens.isIdentifier(i) && !call && (key(i).equals(from) || key(i).equals(to))) {
                return true;
            }
        }
        return false;
    }

    /** The column a name token reads once rewritten: the read column of its window, else itself. */
    private String physicalRead(int token) {
        String k = key(token);
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
            out.add(requireSpan(v, "assigned value"));
        }
        return out;
    }

    /** First and last token of one assignment of a SET list. */
    private Span assignmentSpan(UpdateSet us) {
        Column first = us.getColumns().get(0);
        int start = ref(first).first();
        if (start > 0 && tokens.kind(start - 1) == Tokens.LPAREN
                && (us.getColumns() instanceof ParenthesedExpressionList || us.getColumns().size() > 1)) {
            start--;
        }
        Object lastValue = us.getValues().get(us.getValues().size() - 1);
        int end = requireSpan(lastValue, "assigned value").last();
        if (us.getValues() instanceof ParenthesedExpressionList && end + 1 < tokens.size()
                && tokens.kind(end + 1) == Tokens.RPAREN) {
            end++;
        }
        return new Span(start, end);
    }

    // ------------------------------------------------------------------------------------------------ DELETE

    private List<String> delete(Delete d, Scope outer) {
        boolean enclosing = rowSelection(true);
        try {
            return deleteSelecting(d, outer);
        } finally {
            rowSelection(enclosing);
        }
    }

    private List<String> deleteSelecting(Delete d, Scope outer) {
        Scope base = outer == null ? new Scope(null) : outer;
        if (d.getWithItemsList() != null && !d.getWithItemsList().isEmpty()) {
            base = withItems(d.getWithItemsList(), base);
        }
        Scope scope = new Scope(base);
        if (d.getUsingFromItemList() != null) {
            for (FromItem fi : d.getUsingFromItemList()) {
                addFromItem(fi, scope);
            }
        } else if (d.getUsingList() != null) {
            for (Table t : d.getUsingList()) {
                addFromItem(t, scope);
            }
        }
        if (d.getTable() != null) {
            Source target = tableSource(d.getTable(), null);
            // MySQL's DELETE FROM p USING people p ...: the target only names a table of the USING list.
            boolean alias = false;
            for (Source s : scope.sources) {
                alias |= target.qualifierKey.equals(s.qualifierKey);
            }
            if (!alias) {
                scope.sources.add(0, target);
            }
        }
        joins(d.getJoins(), scope);
        if (d.getTables() != null) {
            for (Table t : d.getTables()) {
                Span s = span(t);
                if (s != null) {
                    for (int i = s.first(); i <= s.last(); i++) {
                        accounted.set(i);
                    }
                }
            }
        }
        expr(d.getWhere(), scope);
        if (d.getOrderByElements() != null) {
            for (OrderByElement o : d.getOrderByElements()) {
                orderOrGroup(o.getExpression(), scope);
            }
        }
        if (d.getLimit() != null) {
            expr(d.getLimit().getRowCount(), scope);
        }
        rowSelection(false);
        returning(d.getReturningClause(), scope);
        return null;
    }

    // ------------------------------------------------------------------------------------------------ MERGE

    private void merge(Merge m, Scope outer) {
        boolean enclosing = rowSelection(true);
        try {
            mergeSelecting(m, outer);
        } finally {
            rowSelection(enclosing);
        }
    }

    private void mergeSelecting(Merge m, Scope outer) {
        Scope base = outer == null ? new Scope(null) : outer;
        if (m.getWithItemsList() != null && !m.getWithItemsList().isEmpty()) {
            base = withItems(m.getWithItemsList(), base);
        }
        Scope scope = new Scope(base);
        Source target = tableSource(m.getTable(), null);
        scope.sources.add(target);
        addFromItem(m.getFromItem(), scope);
        expr(m.getOnCondition(), scope);
        if (m.getOperations() == null) {
            return;
        }
        for (MergeOperation op : m.getOperations()) {
            if (op instanceof MergeUpdate mu) {
                expr(mu.getAndPredicate(), scope);
                rowSelection(false);
                merging = true;
                try {
                    assignments(mu.getUpdateSets(), scope, target, SetOrder.OLD_ROW);
                } finally {
                    merging = false;
                }
                rowSelection(true);
                expr(mu.getWhereCondition(), scope);
                expr(mu.getDeleteWhereCondition(), scope);
            } else if (op instanceof MergeInsert mi) {
                expr(mi.getAndPredicate(), scope);
                rowSelection(false);
                mergeInsert(mi, target, scope);
                rowSelection(true);
                expr(mi.getWhereCondition(), scope);
            } else if (op instanceof MergeDelete md) {
                expr(md.getAndPredicate(), scope);
            }
        }
    }

    private void mergeInsert(MergeInsert mi, Source target, Scope scope) {
        ExpressionList<Expression> values = mi.getValues();
        if (values != null) {
            for (Expression e : values) {
                expr(e, scope);
            }
        }
        if (mi.getColumns() == null || mi.getColumns().isEmpty()) {
            if (target.windows != null && needsColumnList(target.windows)) {
                throw Unsupported.of(target.windows.first, "MERGE ... INSERT without a column list into a window"
                        + " table; list the columns");
            }
            return;
        }
        List<Target> targets = targets(mi.getColumns(), target);
        WriteAction[] actions = planWrites(targets);
        boolean any = false;
        for (WriteAction a : actions) {
            any |= a.action != Action.NONE;
        }
        if (!any) {
            return;
        }
        List<Span> colElems = new ArrayList<>();
        for (Target t : targets) {
            colElems.add(new Span(t.ref().first(), t.ref().name()));
        }
        int colsClose = targets.get(targets.size() - 1).ref.name() + 1;
        applyColumnList(targets, actions, colElems, colsClose);
        if (values == null || values.size() != targets.size()) {
            throw Unsupported.of(firstWindow(targets), "MERGE ... INSERT values do not match its columns");
        }
        // The VALUES row after the column list, read from the tokens: not every value has a parser position.
        int valuesKeyword = colsClose + 1;
        if (!tokens.isKeyword(valuesKeyword, "values") || tokens.kind(valuesKeyword + 1) != Tokens.LPAREN) {
            throw Unsupported.of(firstWindow(targets), "MERGE ... INSERT without a VALUES row is not supported on a"
                    + " window table");
        }
        List<Span> row = elements(valuesKeyword + 2, tokens.matchingParen(valuesKeyword + 1) - 1);
        if (row.size() != targets.size()) {
            throw Unsupported.of(firstWindow(targets), "MERGE ... INSERT values do not match its columns");
        }
        StringBuilderParts extra = new StringBuilderParts();
        boolean[] remove = rowWrites(targets, actions, row, false, extra);
        removeFromList(row, remove);
        if (!extra.isEmpty()) {
            edits.insertAfter(row.get(row.size() - 1).last(), extra.parts());
        }
    }

    // ------------------------------------------------------------------------------------------------ COPY

    /**
     * PostgreSQL's {@code COPY table [(cols)] FROM|TO}: column names are renamed like reads (TO) or single-column
     * writes (FROM). A COPY FROM cannot mirror a value into a second column or leave a dropped one out, so in those
     * phases it is rejected. {@code COPY (query) TO} is analyzed by the engine as the query it contains.
     */
    void copy(int first, int last) {
        int i = first + 1;
        if (i > last || !tokens.isIdentifier(i)) {
            return;
        }
        Ref table = dotted(i, last);
        TableWindows tw = windowsOf(table);
        if (tw == null) {
            return;
        }
        int j = table.name() + 1;
        List<Integer> columns = new ArrayList<>();
        if (j <= last && tokens.kind(j) == Tokens.LPAREN) {
            int close = tokens.matchingParen(j);
            for (int k = j + 1; k < close; k++) {
                if (tokens.isIdentifier(k)) {
                    columns.add(k);
                }
            }
            j = close + 1;
        }
        boolean from = tokens.isKeyword(j, "from");
        if (columns.isEmpty()) {
            if (from && needsColumnList(tw)) {
                throw Unsupported.of(tw.first, "COPY ... FROM into a window table without a column list cannot"
                        + " write the window's columns correctly; list the columns");
            }
            return;
        }
        for (int k : columns) {
            accounted.set(k);
            ColumnWindow cw = tw.column(key(k));
            if (cw == null) {
                continue;
            }
            Ref r = Ref.bare(k);
            if (!from) {
                read(r, cw, Ctx.of(new Scope(null)), -1);
                continue;
            }
            if (cw.role() == Role.DROP || cw.rename().phase().writesBoth()) {
                throw Unsupported.of(cw.window(), "COPY ... FROM cannot "
                        + (cw.role() == Role.DROP ? "leave out the dropped column " : "write both columns for ")
                        + tokens.text(k) + "; load into a staging table and INSERT ... SELECT from it");
            }
            WriteAction a = planWrites(List.of(new Target(r, cw)))[0];
            if (a.action == Action.RENAME) {
                edits.replace(k, k, nameText(a.name, k));
            }
        }
    }

    /**
     * PostgreSQL's {@code TABLE people}: {@code SELECT * FROM people} in short. The keyword becomes the expanded select
     * list, exactly as a star would.
     */
    void tableStatement(int first, int last) {
        int i = first + 1;
        if (tokens.isKeyword(i, "only")) {
            i++;
        }
        if (i > last || !tokens.isIdentifier(i)) {
            return;
        }
        Ref r = dotted(i, last);
        TableWindows tw = windowsOf(r);
        if (tw == null) {
            return;
        }
        String tableKey = key(r.name());
        String schemaKey = r.qualifier().length > 0 ? key(r.qualifier()[r.qualifier().length - 1]) : null;
        for (int k = r.name() + 1; k <= last; k++) {
            if (tokens.isIdentifier(k) && index.isWindowColumnName(key(k))) {
                throw Unsupported.of(tw.first, "TABLE " + text(r.first(), r.name()) + " followed by clauses that name a"
                        + " window column; write it as a SELECT");
            }
        }
        Source s = Source.table(tableKey, text(r.first(), r.name()), schemaKey, tableKey, tw);
        List<String> cols = catalogColumns(s);
        if (cols == null) {
            throw Unsupported.of(tw.first, "TABLE " + s.qualifierText + " reads every column of a window table and"
                    + " needs the table's column list, which no catalog provides; list the columns");
        }
        StringBuilder out = new StringBuilder("SELECT ");
        List<String> appended = new ArrayList<>();
        expandTable(s, cols, out, new ArrayList<>(), appended);
        for (String extra : appended) {
            out.append(", ").append(extra);
        }
        edits.replace(first, first, out.append(" FROM").toString());
    }

    // ------------------------------------------------------------------------------------------------ checks

    /**
     * Rejects the statement if any identifier spelling a window column in tokens {@code first..last} was not reached
     * by the analysis.
     */
    void checkAccounted(int first, int last) {
        for (int i = first; i <= last; i++) {
            if (tokens.isIdentifier(i) && !accounted.get(i) && index.isWindowColumnName(key(i))) {
                boolean call = i + 1 < tokens.size() && tokens.kind(i + 1) == Tokens.LPAREN;
                if (call && tokens.kind(i) == Tokens.IDENT) {
                    continue;
                }
                throw Unsupported.of(null, "could not analyze the use of " + tokens.text(i) + " at character "
                        + tokens.start(i) + "; this form of statement is not supported on a window column");
            }
        }
    }

    /** Accumulates the parts of an insertion: literal text and copies of original tokens. */
    private static final class StringBuilderParts {
        private final List<Object> parts = new ArrayList<>();
        private final StringBuilder pending = new StringBuilder();

        StringBuilderParts text(String s) {
            pending.append(s);
            return this;
        }

        StringBuilderParts copy(int first, int last) {
            flush();
            parts.add(new EditList.Copy(first, last));
            return this;
        }

        private void flush() {
            if (pending.length() > 0) {
                parts.add(pending.toString());
                pending.setLength(0);
            }
        }

        boolean isEmpty() {
            return parts.isEmpty() && pending.length() == 0;
        }

        Object[] parts() {
            flush();
            return parts.toArray();
        }
    }
}
