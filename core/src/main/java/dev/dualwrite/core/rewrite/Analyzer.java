package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.OnUnsupported;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analyzes one statement text under one configuration: splits it into parts ({@link StatementParts}), skips the
 * parts that need nothing, prepares the parser's input ({@link ParserText}), parses ({@link StatementParser}) and
 * hands each tree to the {@link StatementRewriter}, which records edits at token positions. The outcome is an
 * {@link Analysis}: edits and window uses, or why the statement is refused (or passed, under
 * {@code on-unsupported: pass}).
 */
final class Analyzer {
    private final Dialect dialect;
    private final IdentifierCase identifierCase;
    private final Configuration config;
    private final WindowIndex index;
    private final ConcurrentHashMap<String, UsageCounters> usage;
    private final HiddenStatements hidden;

    /** @param usage the engine's old-name counters by window key, shared across configurations */
    Analyzer(Dialect dialect, IdentifierCase identifierCase, Configuration config, WindowIndex index,
            ConcurrentHashMap<String, UsageCounters> usage) {
        this.dialect = dialect;
        this.identifierCase = identifierCase;
        this.config = config;
        this.index = index;
        this.usage = usage;
        this.hidden = new HiddenStatements(index, identifierCase, dialect);
    }

    /**
     * Whether tokens {@code first..last} must be analyzed: they name a window table, or hide one in a string body
     * or an unusual spelling ({@link HiddenStatements#mustLook}).
     */
    boolean needsAnalysis(Tokens t, int first, int last) {
        return touchesWindowTable(t, first, last) || hidden.mustLook(t, first, last);
    }

    /** Whether the analysis of {@code t} depends on its strings' contents, so that it cannot be shared by shape. */
    boolean readsStrings(Tokens t) {
        return hidden.readsStrings(t);
    }

    /** Whether tokens {@code first..last} name a window table (quoted or not, as the database folds names). */
    boolean touchesWindowTable(Tokens t, int first, int last) {
        for (int i = first; i <= last; i++) {
            if (!t.isIdentifier(i)) {
                continue;
            }
            boolean quoted = t.kind(i) == Tokens.QUOTED_IDENT;
            int length = t.end(i) - t.start(i) - (quoted ? 2 : 0);
            // A quoted name with a doubled quote inside is shorter than it looks: check those always.
            int inner = quoted ? t.sql().indexOf(t.sql().charAt(t.start(i)), t.start(i) + 1) : -1;
            boolean doubled = inner >= 0 && inner < t.end(i) - 1;
            boolean escaped = quoted && (t.sql().charAt(t.start(i)) | 0x20) == 'u'; // U&"..." (QuotedNames)
            if (index.couldBeTableName(length) || doubled || escaped) {
                if (index.isWindowTableName(identifierCase.normalize(t.identifier(i), quoted))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Analyzes the whole text; never throws for any input. */
    Analysis analyze(Tokens t, Catalog catalog) {
        // Read before the rewriter asks for a column list: a list that changes during the analysis then moves the
        // catalog past the version this plan carries, and the plan is made again.
        long catalogVersion = catalog.version();
        StatementRewriter rw = new StatementRewriter(t, dialect, index, catalog);
        try {
            if (t.unterminated()) {
                throw new Unsupported(null, "the statement has an unterminated string, quoted name or comment",
                        Rejection.SYNTAX);
            }
            parts(rw, t);
            Set<Window> both = BothNames.of(rw.uses());
            if (!both.isEmpty()) {
                BothNames.requireBothColumns(both);
                rw = new StatementRewriter(t, dialect, index, catalog, both);
                parts(rw, t);
            }
        } catch (Unsupported u) {
            Window w = u.window;
            OnUnsupported choice = w != null ? config.onUnsupported(w) : config.onUnsupported();
            String reason = u.getMessage();
            long usedVersion = rw.usedCatalog() ? catalogVersion : -1;
            if (choice == OnUnsupported.PASS && !Rejection.TOO_COMPLEX.equals(u.sqlState)) {
                return Analysis.passed((w == null ? "" : "window " + w.describe() + ": ") + reason, usedVersion);
            }
            Analysis rejected = Analysis.rejected(new Rejection(w == null ? null : w.describe(), reason,
                    u.sqlState), usedVersion);
            rejected.momentary = u.momentary;
            return rejected;
        }
        List<Plan.WindowUse> uses = new ArrayList<>();
        for (Map.Entry<Window, int[]> e : rw.uses().entrySet()) {
            Window w = e.getKey();
            uses.add(new Plan.WindowUse(w, e.getValue()[0], e.getValue()[1],
                    usage.computeIfAbsent(w.key(), k -> new UsageCounters(k))));
        }
        return new Analysis(rw.edits(), List.copyOf(uses), List.copyOf(rw.labels()), null, null,
                rw.usedCatalog() ? catalogVersion : -1);
    }

    private void parts(StatementRewriter rw, Tokens t) {
        for (int start = 0; start <= t.size(); ) {
            int end = StatementParts.endOf(t, start);
            if (end > start && needsAnalysis(t, start, end - 1)) {
                part(rw, t, start, end - 1);
            }
            start = end + 1;
        }
    }

    /** Analyzes the statement in tokens {@code first..last} (no top-level semicolon inside). */
    private void part(StatementRewriter rw, Tokens t, int first, int last) {
        String keyword = StatementParts.word(t, first);
        int[] hiddenQuery = hidden.inner(t, first, last, keyword);
        if (hiddenQuery != null) {
            first = hiddenQuery[0];
            last = hiddenQuery[1];
            keyword = StatementParts.word(t, first);
        } else if (StatementParts.passesUnread(keyword)) {
            if (keyword.equals("load") && t.isKeyword(first + 1, "data")) {
                throw Unsupported.of(null, "LOAD DATA into a window table cannot be rewritten; load into a"
                        + " staging table and INSERT ... SELECT from it");
            }
            return;
        }
        if (keyword.equals("copy")) {
            rw.copy(first, last);
            int open = first + 1;
            if (open <= last && t.kind(open) == Tokens.LPAREN) {
                int close = t.matchingParen(open);
                if (close > open) {
                    part(rw, t, open + 1, close - 1);
                }
            }
            return;
        }
        if (keyword.equals("table")) {
            rw.tableStatement(first, last);
            return;
        }
        if (!mayNeedRewrite(t, first, last)) {
            return; // names a window table but no window column, no star, no write: nothing to change
        }
        int inner = first;
        switch (keyword) {
            case "explain":
                inner = StatementParts.innerStatement(t, first + 1, last, null);
                break;
            case "declare":
                inner = StatementParts.innerStatement(t, first + 1, last, "for");
                break;
            case "prepare":
                inner = StatementParts.innerStatement(t, first + 1, last, "as");
                if (inner < 0) {
                    return; // PREPARE TRANSACTION 'id'
                }
                break;
            default:
                if (!StatementParts.isDml(keyword)) {
                    throw Unsupported.of(null, "a statement starting with " + t.text(first)
                            + " names a window column and is not supported");
                }
        }
        if (inner < 0) {
            throw Unsupported.of(null, "could not find the statement inside "
                    + t.text(first).toUpperCase(Locale.ROOT));
        }
        if (!mayNeedRewrite(t, inner, last)) {
            return;
        }
        int depth = 0;
        int maxDepth = 0;
        for (int i = inner; i <= last; i++) {
            byte k = t.kind(i);
            depth += k == Tokens.LPAREN ? 1 : k == Tokens.RPAREN ? -1 : 0;
            maxDepth = Math.max(maxDepth, depth);
        }
        if (maxDepth > config.limits().maxNestingDepth()) {
            throw new Unsupported(null, "the statement nests parentheses " + maxDepth + " deep, over the limit"
                    + " of " + config.limits().maxNestingDepth() + " (limits.max-nesting-depth)",
                    Rejection.TOO_COMPLEX);
        }
        rewrite(rw, t, inner, last);
    }

    /**
     * Cheap check: without a window column name, a star, a NATURAL join (which compares columns it does not name) or
     * a write, a statement on a window table is fine.
     */
    private boolean mayNeedRewrite(Tokens t, int first, int last) {
        String keyword = StatementParts.word(t, first);
        if (keyword.equals("insert") || keyword.equals("replace") || keyword.equals("merge")
                || keyword.equals("upsert")) {
            return true;
        }
        if (dialect == Dialect.POSTGRESQL && WholeRows.mayNameRows(t, first, last, index, identifierCase)) {
            return true;
        }
        for (int i = first; i <= last; i++) {
            if (t.kind(i) == Tokens.STAR || t.isKeyword(i, "natural")) {
                return true;
            }
            if (t.isIdentifier(i) && index.isWindowColumnName(identifierCase.normalize(t.identifier(i),
                    t.kind(i) == Tokens.QUOTED_IDENT))) {
                return true;
            }
        }
        return false;
    }

    /** Parses tokens {@code first..last} and lets the rewriter walk the tree. */
    private void rewrite(StatementRewriter rw, Tokens t, int first, int last) {
        ParserInput input = ParserText.prepare(t, first, last, dialect, index, identifierCase);
        var statement = StatementParser.parse(input.text(), config.limits().parseBudgetMillis());
        rw.statement(statement, input, first, last);
    }
}
