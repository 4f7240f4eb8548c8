package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;

/**
 * Scope building: from FROM items, joins and WITH lists to the {@link Scope} a query level sees, one {@link Source}
 * per table, alias, derived table or CTE reference. Queries and expressions met on the way (a derived table's body, a
 * CTE body, an ON condition, a table function's arguments) are handed back through {@link Subqueries}.
 *
 * <p>Alias and CTE-head tokens are accounted for here: they spell names the statement defines, not columns.
 */
final class Scopes {
    private final RewriteContext cx;
    private final Subqueries walk;
    private final Tokens tokens;
    private final WindowIndex index;
    private final BitSet accounted;

    Scopes(RewriteContext cx, Subqueries walk) {
        this.cx = cx;
        this.walk = walk;
        this.tokens = cx.tokens;
        this.index = cx.index;
        this.accounted = cx.accounted;
    }

    /**
     * The source a table reference in FROM, JOIN or a statement's target denotes: a CTE of {@code scope} (when not
     * null) or a stored table, with its windows. Accounts for its name and alias tokens.
     */
    Source tableSource(Table t, Scope scope) {
        Span s = cx.requireSpan(t, "table " + t);
        Ref r = cx.dotted(s.first(), s.last());
        String tableKey = cx.key(r.name());
        String schemaKey = r.qualified() ? cx.key(r.lastQualifier()) : null;
        cx.account(r);
        Alias alias = t.getAlias();
        String qualifierKey = alias != null ? cx.keyOfWritten(alias.getName()) : tableKey;
        String qualifierText = alias != null ? alias.getName() : cx.text(r.first(), r.name());
        if (alias != null) {
            accountAlias(r.name() + 1, alias.getName());
        }
        if (schemaKey == null && scope != null && scope.isCte(tableKey)) {
            List<String> o = scope.cteOutputs(tableKey);
            // An output without a name (an unlabelled expression) is null here: a set that admits it.
            return Source.derived(qualifierKey, qualifierText, o == null ? null
                    : java.util.Collections.unmodifiableSet(new HashSet<>(o)));
        }
        TableWindows tw = cx.windowsOf(schemaKey, tableKey);
        return Source.table(qualifierKey, qualifierText, schemaKey, tableKey, tw);
    }

    /** Marks the tokens of an alias written after {@code from} as accounted for. */
    private void accountAlias(int from, String aliasName) {
        String k = cx.keyOfWritten(aliasName);
        for (int i = from; i < tokens.size() && i <= from + 2; i++) {
            if (tokens.isIdentifier(i) && cx.key(i).equals(k)) {
                accounted.set(i);
                return;
            }
        }
    }

    /** Adds the source(s) of one FROM item to {@code scope}, analyzing any query or expression inside it. */
    void addFromItem(FromItem fi, Scope scope) {
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
            List<String> outputs = walk.select(ps.getSelect() != null ? ps.getSelect() : ps, inner,
                    columnList ? SelectRole.FIXED : SelectRole.DERIVED);
            if (columnList) {
                outputs = new ArrayList<>();
                for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                    outputs.add(cx.keyOfWritten(ac.name));
                }
                accountNamesAfter(cx.requireSpan(ps, "subquery").last(), alias);
            }
            String qk = alias == null ? null : cx.keyOfWritten(alias.getName());
            if (alias != null) {
                accountNamesAfter(cx.requireSpan(ps, "subquery").last(), alias);
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
                    outputs.add(cx.keyOfWritten(ac.name));
                }
            }
            Span sp = cx.span(pfi);
            if (sp != null) {
                accountNamesAfter(sp.last(), alias);
            }
            scope.sources.add(Source.derived(cx.keyOfWritten(alias.getName()), alias.getName(), outputs));
        } else if (fi instanceof Values v) {
            if (v.getExpressions() != null) {
                for (Object e : v.getExpressions()) {
                    walk.expr((Expression) e, scope.parent == null ? new Scope(null) : scope.parent);
                }
            }
            Alias alias = v.getAlias();
            List<String> outputs = null;
            if (alias != null && alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
                outputs = new ArrayList<>();
                for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                    outputs.add(cx.keyOfWritten(ac.name));
                }
            }
            if (alias != null) {
                Span vs = cx.span(v);
                if (vs != null) {
                    accountNamesAfter(vs.last(), alias);
                }
            }
            scope.sources.add(Source.derived(alias == null ? null : cx.keyOfWritten(alias.getName()),
                    alias == null ? null : alias.getName(), outputs == null ? null : new HashSet<>(outputs)));
        } else if (fi instanceof TableFunction tf) {
            if (tf.getFunction() != null) {
                walk.expression(tf.getFunction(), Ctx.of(scope));
            }
            Alias alias = tf.getAlias();
            scope.sources.add(Source.derived(alias == null ? null : cx.keyOfWritten(alias.getName()),
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
        keys.add(cx.keyOfWritten(alias.getName()));
        if (alias.getAliasColumns() != null) {
            for (Alias.AliasColumn ac : alias.getAliasColumns()) {
                keys.add(cx.keyOfWritten(ac.name));
            }
        }
        // The parser's span may or may not include the alias: look a little either side of its end.
        int reach = 2 * keys.size() + 5;
        int end = Math.min(tokens.size() - 1, after + reach);
        for (int i = Math.max(0, after - reach); i <= end; i++) {
            if (tokens.isIdentifier(i) && keys.contains(cx.key(i))) {
                accounted.set(i);
            }
        }
    }

    /**
     * Adds the joined items to {@code scope}, then visits their ON conditions (which may name any of them). A NATURAL
     * join or USING on a window column is refused: the columns it joins on would differ between phases.
     */
    void joins(List<Join> joins, Scope scope) {
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
                ColumnWindow shared = NaturalJoins.sharedWindowColumn(left, right, cx::catalogKeys);
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
                    walk.expression(e, Ctx.of(scope));
                }
            }
            if (j.getUsingColumns() != null) {
                for (Column c : j.getUsingColumns()) {
                    Ref r = cx.ref(c);
                    accounted.set(r.name());
                    if (index.isWindowColumnName(cx.key(r.name()))) {
                        for (Source s : scope.sources) {
                            if (s.windows != null && s.windows.column(cx.key(r.name())) != null) {
                                throw Unsupported.of(s.windows.column(cx.key(r.name())).window(), "JOIN ... USING ("
                                        + tokens.text(r.name()) + ") joins on a window column; write the join"
                                        + " condition with ON");
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The scope of a WITH list's statement: each CTE's body is analyzed (a query, or an INSERT, UPDATE or DELETE
     * with RETURNING) and its output names recorded, so that a reference to the CTE resolves like a derived table.
     */
    Scope withItems(List<WithItem<?>> items, Scope outer) {
        Scope scope = new Scope(outer);
        for (WithItem<?> wi : items) {
            String name = cx.keyOfWritten(wi.getAlias().getName());
            List<String> columns = null;
            Span wiSpan = cx.span(wi);
            if (wi.getWithItemList() != null && !wi.getWithItemList().isEmpty()) {
                columns = new ArrayList<>();
                for (SelectItem<?> si : wi.getWithItemList()) {
                    String n = si.getExpression() != null ? si.getExpression().toString() : si.toString();
                    columns.add(cx.keyOfWritten(n));
                }
            }
            if (wiSpan != null) {
                accountCteHead(wiSpan.first(), name, columns);
            } else if (columns != null && wi.getParenthesedStatement() instanceof ASTNodeAccess body) {
                Span bodySpan = cx.span(body);
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
                outputs = walk.select(ps.getSelect() != null ? ps.getSelect() : ps, new Scope(scope),
                        columns != null ? SelectRole.FIXED : SelectRole.DERIVED);
                if (columns == null && wiSpan == null) {
                    accountBefore(cx.requireSpan(ps, "WITH query").first(), Set.of(name));
                }
            } else if (body instanceof ParenthesedInsert pi) {
                outputs = walk.statement(pi.getInsert(), scope);
            } else if (body instanceof ParenthesedUpdate pu) {
                outputs = walk.statement(pu.getUpdate(), scope);
            } else if (body instanceof ParenthesedDelete pd) {
                outputs = walk.statement(pd.getDelete(), scope);
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
            if (tokens.isIdentifier(i) && keys.contains(cx.key(i))) {
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
            if (tokens.isIdentifier(i) && keys.contains(cx.key(i))) {
                accounted.set(i);
            }
        }
    }
}
