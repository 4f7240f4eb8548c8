package dev.dualwrite.core.rewrite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Limits;
import dev.dualwrite.core.config.OnUnsupported;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rewrite engine: turns an application statement into a {@link Plan} for the windows currently configured.
 *
 * <p>Cost model, cheapest first:
 * <ol>
 *   <li>a statement whose text does not contain any window table's name: a {@link Prefilter} scan, no allocation;</li>
 *   <li>a statement seen before (same text, same configuration version): a plan-cache lookup;</li>
 *   <li>a statement whose shape was seen before (same tokens, other literal values, as psycopg2 and many Ruby and
 *       PHP drivers produce): tokenizing plus replaying the cached edits;</li>
 *   <li>first sight: tokenize, parse with JSqlParser under a time budget, analyze, render.</li>
 * </ol>
 * One engine serves one dialect and one configuration source; it is thread-safe. When the source publishes a new
 * configuration all cached plans are dropped at once, and {@link #version()} moves, which tells doors holding plans of
 * prepared statements to ask again.
 */
public final class RewriteEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RewriteEngine.class);

    /** Statements the engine does not rewrite: DDL (a migration must run as written), session and transaction control. */
    private static final Set<String> PASS_KEYWORDS = Set.of("create", "alter", "drop", "truncate", "comment", "grant",
            "revoke", "vacuum", "analyze", "analyse", "reindex", "cluster", "lock", "refresh", "set", "show", "reset",
            "begin", "start", "commit", "rollback", "savepoint", "release", "discard", "listen", "notify", "unlisten",
            "deallocate", "checkpoint", "use", "describe", "desc", "rename", "optimize", "repair", "check",
            "checksum", "flush", "kill", "call", "do", "execute", "fetch", "close", "move", "end", "abort",
            "security", "load" /* LOAD 'library' in PostgreSQL; MySQL LOAD DATA is rejected below */);
    private static final Set<String> DML_KEYWORDS = Set.of("select", "with", "insert", "update", "delete", "merge",
            "replace", "upsert", "values", "table", "explain", "(");
    private static final Set<String> INNER_STARTS = Set.of("select", "with", "insert", "update", "delete", "merge",
            "values", "table", "replace", "(");

    private final Dialect dialect;
    private final IdentifierCase identifierCase;
    private final boolean jdbcParameters;
    private final Catalog catalog;
    private final SqlLexer lexer;
    private final ConfigSource source;
    private final AutoCloseable subscription;
    private final long planCacheSize;
    private final long shapeCacheSize;
    private volatile Generation generation;
    private final java.util.concurrent.ConcurrentHashMap<String, UsageCounters> usage =
            new java.util.concurrent.ConcurrentHashMap<>();
    // Shared by the caches of every generation, so that the counts survive configuration changes.
    private final ConcurrentStatsCounter planCacheStats = new ConcurrentStatsCounter();
    private final ConcurrentStatsCounter shapeCacheStats = new ConcurrentStatsCounter();
    private final LongAdder rewritten = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder passedUnsupported = new LongAdder();

    private RewriteEngine(Builder b) {
        this.dialect = b.dialect;
        this.identifierCase = b.identifierCase != null ? b.identifierCase : b.dialect.defaultIdentifierCase();
        this.jdbcParameters = b.jdbcParameters;
        this.catalog = b.catalog != null ? b.catalog : Catalog.NONE;
        this.lexer = new SqlLexer(dialect, jdbcParameters);
        this.source = b.source;
        this.planCacheSize = b.planCacheSize;
        this.shapeCacheSize = b.shapeCacheSize;
        this.generation = new Generation(source.current());
        this.subscription = source.subscribe(c -> this.generation = new Generation(c));
    }

    /** Starts building an engine for {@code dialect}. */
    public static Builder builder(Dialect dialect) {
        return new Builder(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    public IdentifierCase identifierCase() {
        return identifierCase;
    }

    /** The configuration in force. */
    public Configuration configuration() {
        return generation.config;
    }

    /** The version of the configuration in force; a plan of another version must be re-made. */
    public long version() {
        return generation.config.version();
    }

    /**
     * Plans one application statement. Never throws for any input text: a statement that cannot be rewritten with
     * certainty gets a plan that {@link Plan#isRejected() is rejected}.
     */
    public Plan plan(String sql) {
        return plan(sql, catalog);
    }

    /**
     * Plans one statement with a catalog for this call only, e.g. one bound to the connection the statement will run
     * on. The catalog's answers must not depend on the connection beyond which database it reaches.
     */
    public Plan plan(String sql, Catalog catalog) {
        Generation g = generation;
        if (!g.prefilter.mayTouch(sql)) {
            return g.unchanged;
        }
        Plan p = g.plans.getIfPresent(sql);
        if (p != null && (p.catalogVersion < 0 || p.catalogVersion == catalog.version())) {
            return counted(p);
        }
        return counted(g.planSlowly(sql, catalog));
    }

    /** Counts a plan handed out for a statement on a window table; statements on other tables are not counted. */
    private Plan counted(Plan p) {
        if (p.isRewritten()) {
            rewritten.increment();
        } else if (p.isRejected()) {
            rejected.increment();
        } else if (p.warning() != null) {
            passedUnsupported.increment();
        }
        return p;
    }

    /** Whether the plan was made for the configuration in force now (and the catalog as it is now, if it used it). */
    public boolean isCurrent(Plan plan) {
        return isCurrent(plan, catalog);
    }

    /** {@link #isCurrent(Plan)} for a plan made with a per-call catalog. */
    public boolean isCurrent(Plan plan, Catalog catalog) {
        return plan.version() == generation.config.version()
                && (plan.catalogVersion < 0 || plan.catalogVersion == catalog.version());
    }

    /**
     * How often, and how recently, statements executed through this engine used each window's old and new names:
     * what tells an operator that old code is gone. Counts survive configuration changes.
     */
    public List<UsageCounters.Snapshot> usage() {
        List<UsageCounters.Snapshot> out = new ArrayList<>();
        for (UsageCounters c : usage.values()) {
            out.add(c.snapshot());
        }
        out.sort(java.util.Comparator.comparing(UsageCounters.Snapshot::window));
        return out;
    }

    /**
     * What the engine has done since it was built, across configuration changes. Each count is of plans handed out,
     * that is of {@link #plan} calls: a door that prepares a statement once and executes it many times counts it
     * once (and again when a phase change makes it prepare it again). Statements on tables without a window are not
     * counted. Reading the counters sums a few {@link LongAdder}s: cheap, but not meant for every statement.
     */
    public Statistics statistics() {
        return new Statistics(rewritten.sum(), rejected.sum(), passedUnsupported.sum(),
                CacheCounts.of(planCacheStats.snapshot()), CacheCounts.of(shapeCacheStats.snapshot()));
    }

    /**
     * A snapshot of {@link #statistics()}.
     *
     * @param rewritten         plans that send a rewritten statement
     * @param rejected          plans that refuse the statement
     * @param passedUnsupported statements that could not be rewritten with certainty and were let through unchanged
     *                          because of {@code on-unsupported: pass}
     * @param planCache         the cache of plans by statement text: a hit is a statement seen before under the same
     *                          configuration, a miss one that had to be tokenized (and perhaps parsed)
     * @param shapeCache        the cache of analyses by statement shape (literals stripped), asked on a plan-cache
     *                          miss of a statement with literals: a hit replays the edits without parsing
     */
    public record Statistics(long rewritten, long rejected, long passedUnsupported, CacheCounts planCache,
            CacheCounts shapeCache) {
    }

    /** Lookups of one of the engine's caches that found an entry, that did not, and entries evicted for room. */
    public record CacheCounts(long hits, long misses, long evictions) {
        static CacheCounts of(CacheStats stats) {
            return new CacheCounts(stats.hitCount(), stats.missCount(), stats.evictionCount());
        }
    }

    /** Stops following the configuration source. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("closing the configuration subscription failed", e);
        }
    }

    /** Everything derived from one configuration version; replaced whole when the configuration changes. */
    private final class Generation {
        final Configuration config;
        final WindowIndex index;
        final Prefilter prefilter;
        final Plan unchanged;
        final Cache<String, Plan> plans;
        final Cache<String, Analysis> shapes;
        final HiddenStatements hidden;

        Generation(Configuration config) {
            this.config = config;
            this.index = new WindowIndex(config, identifierCase);
            this.prefilter = new Prefilter(index.tableNames());
            this.hidden = new HiddenStatements(index, identifierCase, dialect);
            this.unchanged = Plan.unchanged(config.version());
            // Maintenance on the calling thread: no background tasks in the application's common pool.
            this.plans = Caffeine.newBuilder().maximumSize(planCacheSize).executor(Runnable::run)
                    .recordStats(() -> planCacheStats).build();
            this.shapes = Caffeine.newBuilder().maximumSize(shapeCacheSize).executor(Runnable::run)
                    .recordStats(() -> shapeCacheStats).build();
        }

        Plan planSlowly(String sql, Catalog catalog) {
            Tokens t = lexer.tokenize(sql);
            if (!touchesWindowTable(t, 0, t.size() - 1) && !hidden.mustLook(t, 0, t.size() - 1)) {
                plans.put(sql, unchanged);
                return unchanged;
            }
            Limits limits = config.limits();
            Analysis a;
            String shape = null;
            if (sql.length() > limits.maxStatementLength()) {
                a = Analysis.rejected(new Rejection(null, "the statement is " + sql.length() + " characters long,"
                        + " over the limit of " + limits.maxStatementLength() + " for statements on window tables"
                        + " (limits.max-statement-length)", Rejection.TOO_COMPLEX));
            } else {
                shape = hasLiterals(t) && !hidden.readsStrings(t) ? shapeKey(t) : null;
                Analysis cached = shape == null ? null : shapes.getIfPresent(shape);
                if (cached != null && (cached.catalogVersion < 0 || cached.catalogVersion == catalog.version())) {
                    // Statements with inlined literals rarely repeat: caching each text would only churn the cache.
                    return ParameterLimit.check(cached.apply(t, lexer, config.version()), dialect, jdbcParameters);
                } else {
                    a = analyze(t, catalog);
                    report(a, t);
                }
            }
            Plan p = ParameterLimit.check(a.apply(t, lexer, config.version()), dialect, jdbcParameters);
            if (a.momentary) {
                return p; // the next attempt may well succeed: nothing is cached
            }
            if (shape != null) {
                shapes.put(shape, a);
            }
            plans.put(sql, p);
            return p;
        }

        /** Logs a rejection or a pass-through once, when the statement is first planned: never its literals. */
        private void report(Analysis a, Tokens t) {
            if (a.rejection != null) {
                log.warn("{} Statement: {}", a.rejection.message(), abbreviate(redacted(t)));
            } else if (a.warning != null) {
                log.warn("dualwrite passed a statement through unchanged (on-unsupported: pass): {} Statement: {}",
                        a.warning, abbreviate(redacted(t)));
            }
        }

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
                int start = 0;
                for (int i = 0; i <= t.size(); i++) {
                    if (i == t.size() || t.kind(i) == Tokens.SEMICOLON) {
                        if (i > start && (touchesWindowTable(t, start, i - 1) || hidden.mustLook(t, start, i - 1))) {
                            part(rw, t, start, i - 1);
                        }
                        start = i + 1;
                    }
                }
            } catch (Unsupported u) {
                Window w = u.window;
                OnUnsupported choice = w != null ? config.onUnsupported(w) : config.onUnsupported();
                String reason = u.getMessage();
                long usedVersion = rw.usedCatalog ? catalogVersion : -1;
                if (choice == OnUnsupported.PASS && !Rejection.TOO_COMPLEX.equals(u.sqlState)) {
                    return Analysis.passed((w == null ? "" : "window " + w.describe() + ": ") + reason,
                            usedVersion);
                }
                Analysis rejected = Analysis.rejected(new Rejection(w == null ? null : w.describe(), reason,
                        u.sqlState), usedVersion);
                rejected.momentary = u.momentary;
                return rejected;
            }
            List<Plan.WindowUse> uses = new ArrayList<>();
            for (Map.Entry<Window, int[]> e : rw.uses.entrySet()) {
                Window w = e.getKey();
                uses.add(new Plan.WindowUse(w, e.getValue()[0], e.getValue()[1],
                        usage.computeIfAbsent(w.key(), k -> new UsageCounters(k))));
            }
            return new Analysis(rw.edits, List.copyOf(uses), List.copyOf(rw.labels), null, null,
                    rw.usedCatalog ? catalogVersion : -1);
        }

        /** Analyzes the statement in tokens {@code first..last} (no top-level semicolon inside). */
        private void part(StatementRewriter rw, Tokens t, int first, int last) {
            String keyword = word(t, first);
            int[] hiddenQuery = hidden.inner(t, first, last, keyword);
            if (hiddenQuery != null) {
                first = hiddenQuery[0];
                last = hiddenQuery[1];
                keyword = word(t, first);
            } else if (PASS_KEYWORDS.contains(keyword)) {
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
                    inner = innerStatement(t, first + 1, last, null);
                    break;
                case "declare":
                    inner = innerStatement(t, first + 1, last, "for");
                    break;
                case "prepare":
                    inner = innerStatement(t, first + 1, last, "as");
                    if (inner < 0) {
                        return; // PREPARE TRANSACTION 'id'
                    }
                    break;
                default:
                    if (!DML_KEYWORDS.contains(keyword)) {
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
            parseAndRewrite(rw, t, inner, last);
        }

        /** Cheap check: without a window column name, a star or a write, a statement on a window table is fine. */
        private boolean mayNeedRewrite(Tokens t, int first, int last) {
            String keyword = word(t, first);
            if (keyword.equals("insert") || keyword.equals("replace") || keyword.equals("merge")
                    || keyword.equals("upsert")) {
                return true;
            }
            for (int i = first; i <= last; i++) {
                if (t.kind(i) == Tokens.STAR) {
                    return true;
                }
                if (t.isIdentifier(i) && index.isWindowColumnName(identifierCase.normalize(t.identifier(i),
                        t.kind(i) == Tokens.QUOTED_IDENT))) {
                    return true;
                }
            }
            return false;
        }

        private void parseAndRewrite(StatementRewriter rw, Tokens t, int first, int last) {
            int base = t.start(first);
            char[] text = mask(t, first, last, dialect);
            int shiftFrom = Integer.MAX_VALUE;
            int shift = 0;
            rw.h2MergeKey = null;
            if (t.isKeyword(first, "merge") && t.isKeyword(first + 1, "into")) {
                // H2's MERGE INTO t (cols) [KEY (k)] VALUES|SELECT ...: JSqlParser reads it as UPSERT once the KEY
                // clause is hidden. "UPSERT" is one character longer than "MERGE", so parser offsets from 6 on are
                // one more than the original's.
                int name = first + 2;
                while (name + 2 <= last && t.kind(name + 1) == Tokens.DOT) {
                    name += 2;
                }
                int next = name + 1;
                int key = -1;
                if (next <= last && t.kind(next) == Tokens.LPAREN) {
                    int close = t.matchingParen(next);
                    key = close > 0 && t.isKeyword(close + 1, "key") ? close + 1 : -1;
                } else if (t.isKeyword(next, "key")) {
                    key = next;
                }
                if (key > 0 || (next <= last && t.kind(next) == Tokens.LPAREN)) {
                    if (key > 0 && t.kind(key + 1) == Tokens.LPAREN) {
                        int keyClose = t.matchingParen(key + 1);
                        if (keyClose < 0) {
                            throw new Unsupported(null, "unclosed KEY (...) in MERGE", Rejection.SYNTAX);
                        }
                        for (int c = t.start(key) - base; c < t.end(keyClose) - base; c++) {
                            text[c] = ' ';
                        }
                        rw.h2MergeKey = new int[] {key + 2, keyClose - 1};
                    }
                    text = ("UPSERT" + new String(text, 5, text.length - 5)).toCharArray();
                    shiftFrom = 6;
                    shift = 1;
                }
            }
            hideExtraRows(t, first, last, base, text);
            hideRowKeyword(t, first, last, base, text);
            Statement st = parse(new String(text));
            rw.position(base, shiftFrom, shift);
            rw.statementTokens(first, last);
            rw.statement(st);
            rw.checkAccounted(first, last);
        }

        /**
         * A multi-row INSERT (Django's bulk_create sends thousands of rows) is parsed with its first row only: the
         * other rows are blanked out of the parser's text and handled from the tokens, which the rewriter does for
         * every row anyway. Only rows made of plain values qualify: no window column name and no subquery.
         */
        private void hideExtraRows(Tokens t, int first, int last, int base, char[] text) {
            String keyword = word(t, first);
            if (!keyword.equals("insert") && !keyword.equals("replace") && !keyword.equals("upsert")
                    && !keyword.equals("merge")) {
                return;
            }
            int depth = 0;
            int values = -1;
            for (int i = first; i <= last && values < 0; i++) {
                byte k = t.kind(i);
                if (k == Tokens.LPAREN) {
                    depth++;
                } else if (k == Tokens.RPAREN) {
                    depth--;
                } else if (depth == 0 && (t.isKeyword(i, "values") || t.isKeyword(i, "value"))
                        && i + 1 <= last && t.kind(i + 1) == Tokens.LPAREN) {
                    values = i;
                }
            }
            if (values < 0) {
                return;
            }
            int firstClose = t.matchingParen(values + 1);
            if (firstClose < 0) {
                return;
            }
            int end = firstClose;
            while (end + 2 <= last && t.kind(end + 1) == Tokens.COMMA && t.kind(end + 2) == Tokens.LPAREN) {
                int close = t.matchingParen(end + 2);
                if (close < 0) {
                    return;
                }
                end = close;
            }
            if (end == firstClose) {
                return;
            }
            for (int i = firstClose + 1; i <= end; i++) {
                if (t.isKeyword(i, "select") || (t.isIdentifier(i) && index.isWindowColumnName(
                        identifierCase.normalize(t.identifier(i), t.kind(i) == Tokens.QUOTED_IDENT)))) {
                    return;
                }
            }
            for (int c = t.end(firstClose) - base; c < t.end(end) - base; c++) {
                text[c] = ' ';
            }
        }

        /**
         * {@code SET (a, b) = ROW (x, y)}, as jOOQ writes it (and as a one-column row must be written in PostgreSQL):
         * JSqlParser does not accept ROW there, and the analysis does not need it, so the parser does not see it.
         */
        private void hideRowKeyword(Tokens t, int first, int last, int base, char[] text) {
            for (int i = first + 1; i < last; i++) {
                if (t.isKeyword(i, "row") && t.isOperator(i - 1, '=') && t.kind(i + 1) == Tokens.LPAREN) {
                    for (int c = t.start(i) - base; c < t.end(i) - base; c++) {
                        text[c] = ' ';
                    }
                }
            }
        }

        private Statement parse(String text) {
            CCJSqlParser parser = new CCJSqlParser(new StringProvider(text)).withAllowComplexParsing(false);
            try (ParseGuard.Armed armed = ParseGuard.arm(parser, config.limits().parseBudgetMillis())) {
                Statement st;
                try {
                    st = parser.Statement();
                } catch (Exception | StackOverflowError e) {
                    if (armed.expired()) {
                        throw tooSlow();
                    }
                    String msg = e instanceof StackOverflowError ? "it is nested too deeply"
                            : firstLine(e.getMessage());
                    throw new Unsupported(null, "could not parse the statement: " + msg, Rejection.SYNTAX);
                }
                if (armed.expired()) {
                    throw tooSlow();
                }
                if (st == null || st instanceof UnsupportedStatement) {
                    throw new Unsupported(null, "could not parse the statement", Rejection.SYNTAX);
                }
                return st;
            }
        }

        private Unsupported tooSlow() {
            return new Unsupported(null, "parsing took longer than " + config.limits().parseBudgetMillis()
                    + " ms (limits.parse-budget-ms); the statement is not remembered as rejected and is parsed"
                    + " again on its next use", Rejection.TOO_COMPLEX, true);
        }
    }

    /**
     * Finds where a wrapped statement starts: the first DML keyword at depth 0 after {@code from}, after the keyword
     * {@code after} when given.
     */
    private static int innerStatement(Tokens t, int from, int last, String after) {
        int depth = 0;
        boolean seen = after == null;
        for (int i = from; i <= last; i++) {
            byte k = t.kind(i);
            if (k == Tokens.LPAREN) {
                if (depth == 0 && seen && i > from && t.kind(i + 1) == Tokens.IDENT
                        && INNER_STARTS.contains(word(t, i + 1)) && after != null) {
                    return i;
                }
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            } else if (depth == 0 && k == Tokens.IDENT) {
                String w = word(t, i);
                if (!seen && w.equals(after)) {
                    seen = true;
                } else if (seen && INNER_STARTS.contains(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String word(Tokens t, int i) {
        if (i >= t.size()) {
            return "";
        }
        if (t.kind(i) == Tokens.LPAREN) {
            return "(";
        }
        return t.kind(i) == Tokens.IDENT ? t.text(i).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * The statement text handed to the parser: literals replaced by plain literals of the same length and comments
     * by spaces, so that every offset is the original's and no dialect-specific literal syntax can trip the parser.
     */
    static char[] mask(Tokens t, int first, int last, Dialect dialect) {
        int base = t.start(first);
        int end = t.end(last);
        char[] out = new char[end - base];
        java.util.Arrays.fill(out, ' ');
        String sql = t.sql();
        for (int i = first; i <= last; i++) {
            int s = t.start(i) - base;
            int e = t.end(i) - base;
            byte kind = t.kind(i);
            if (kind == Tokens.STRING) {
                out[s] = '\'';
                for (int k = s + 1; k < e - 1; k++) {
                    out[k] = 'x';
                }
                out[e - 1] = '\'';
            } else if (kind == Tokens.NUMBERED_PARAM && sql.charAt(t.start(i)) == '?') {
                out[s] = '?'; // H2's ?1: the parser knows only the plain placeholder
            } else if (kind == Tokens.OPERATOR && sql.charAt(t.start(i)) == '?') {
                // PostgreSQL's jsonb operators ? ?| ?& (?? in JDBC): the parser knows none; a comparison stands in.
                out[s] = '=';
                if (i + 1 <= last && t.start(i + 1) == t.end(i) && (t.isOperator(i + 1, '|')
                        || t.isOperator(i + 1, '&'))) {
                    i++;
                }
            } else if (t.isOperator(i, '@') && t.isOperator(i + 1, '@') && t.start(i + 1) == t.end(i)
                    && dialect == Dialect.POSTGRESQL) {
                // Text search's @@ is a binary operator JSqlParser does not always accept; || has its shape.
                out[s] = '|';
                out[s + 1] = '|';
                i++;
            } else if (dialect == Dialect.MYSQL && t.isOperator(i, '-') && t.isOperator(i + 1, '-')
                    && t.start(i + 1) == t.end(i)) {
                // MySQL's "5--1" is five minus minus one; the parser would read a comment.
                out[s] = '+';
                i++;
            } else {
                sql.getChars(t.start(i), t.end(i), out, s);
            }
        }
        if (dialect == Dialect.MYSQL) {
            // MySQL's old "LOCK IN SHARE MODE" (Hibernate still writes it) means FOR SHARE.
            for (int i = first; i + 3 <= last; i++) {
                if (t.isKeyword(i, "lock") && t.isKeyword(i + 1, "in") && t.isKeyword(i + 2, "share")
                        && t.isKeyword(i + 3, "mode")) {
                    int s = t.start(i) - base;
                    int e = t.end(i + 3) - base;
                    java.util.Arrays.fill(out, s, e, ' ');
                    "FOR SHARE".getChars(0, 9, out, s);
                }
            }
        }
        return out;
    }

    static boolean hasLiterals(Tokens t) {
        for (int i = 0; i < t.size(); i++) {
            byte k = t.kind(i);
            if (k == Tokens.STRING || k == Tokens.NUMBER) {
                return true;
            }
        }
        return false;
    }

    /** The statement with every literal replaced by a placeholder of its kind: statements of one shape share it. */
    static String shapeKey(Tokens t) {
        StringBuilder b = new StringBuilder(t.sql().length());
        for (int i = 0; i < t.size(); i++) {
            byte k = t.kind(i);
            if (k == Tokens.STRING) {
                b.append("''");
            } else if (k == Tokens.NUMBER) {
                b.append('0');
            } else {
                b.append(t.sql(), t.start(i), t.end(i));
            }
            b.append(' ');
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /**
     * The statement with every literal replaced by {@code ?}: clients that inline values (psycopg2) would otherwise
     * put passwords and personal data in the log.
     */
    static String redacted(Tokens t) {
        StringBuilder b = new StringBuilder(t.sql().length());
        int pos = 0;
        for (int i = 0; i < t.size(); i++) {
            byte k = t.kind(i);
            if (k == Tokens.STRING || k == Tokens.NUMBER) {
                b.append(t.sql(), pos, t.start(i)).append('?');
                pos = t.end(i);
            }
        }
        return b.append(t.sql(), pos, t.sql().length()).toString();
    }

    static String abbreviate(String sql) {
        return sql.length() <= 500 ? sql : sql.substring(0, 500) + "... (" + sql.length() + " characters)";
    }

    /** Configures an engine. */
    public static final class Builder {
        private final Dialect dialect;
        private IdentifierCase identifierCase;
        private boolean jdbcParameters = true;
        private Catalog catalog;
        private ConfigSource source = ConfigSource.of(Configuration.empty());
        private long planCacheSize = 10_000;
        private long shapeCacheSize = 10_000;

        private Builder(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
        }

        /** Where the windows come from; a changing source makes the engine follow it. */
        public Builder config(ConfigSource value) {
            this.source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** A fixed configuration. */
        public Builder config(Configuration value) {
            return config(ConfigSource.of(value));
        }

        /** How the database folds unquoted identifiers, when it differs from the dialect's default. */
        public Builder identifierCase(IdentifierCase value) {
            this.identifierCase = value;
            return this;
        }

        /**
         * Whether {@code ?} is a JDBC placeholder (true, the default) or an operator ({@code $n} placeholders only, as
         * on the PostgreSQL wire protocol).
         */
        public Builder jdbcParameters(boolean value) {
            this.jdbcParameters = value;
            return this;
        }

        public Builder catalog(Catalog value) {
            this.catalog = value;
            return this;
        }

        /** Most statements whose plans are kept by exact text. */
        public Builder planCacheSize(long value) {
            this.planCacheSize = value;
            return this;
        }

        /** Most statement shapes (text with literals stripped) whose analyses are kept. */
        public Builder shapeCacheSize(long value) {
            this.shapeCacheSize = value;
            return this;
        }

        public RewriteEngine build() {
            return new RewriteEngine(this);
        }
    }
}
