package dev.dualwrite.core.rewrite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Limits;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
 * The work of a first sight is done by an {@link Analyzer} (splitting, parser input, parse, rewrite); this class holds
 * the caches and the counters around it. One engine serves one dialect and one configuration source; it is
 * thread-safe. When the source publishes a new configuration all cached plans are dropped at once, and
 * {@link #version()} moves, which tells doors holding plans of prepared statements to ask again.
 */
public final class RewriteEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RewriteEngine.class);

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
    private final ConcurrentHashMap<String, UsageCounters> usage = new ConcurrentHashMap<>();
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
        out.sort(Comparator.comparing(UsageCounters.Snapshot::window));
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
        final Analyzer analyzer;
        final Prefilter prefilter;
        final Plan unchanged;
        final Cache<String, Plan> plans;
        final Cache<String, Analysis> shapes;

        Generation(Configuration config) {
            this.config = config;
            WindowIndex index = new WindowIndex(config, identifierCase);
            this.analyzer = new Analyzer(dialect, identifierCase, config, index, usage);
            this.prefilter = new Prefilter(index.tableNames());
            this.unchanged = Plan.unchanged(config.version(), StatementFacts.UNREAD);
            // Maintenance on the calling thread: no background tasks in the application's common pool.
            this.plans = Caffeine.newBuilder().maximumSize(planCacheSize).executor(Runnable::run)
                    .recordStats(() -> planCacheStats).build();
            this.shapes = Caffeine.newBuilder().maximumSize(shapeCacheSize).executor(Runnable::run)
                    .recordStats(() -> shapeCacheStats).build();
        }

        Plan planSlowly(String sql, Catalog catalog) {
            Tokens t = lexer.tokenize(sql);
            StatementFacts facts = StatementFacts.of(t);
            if (!analyzer.touchesWindowTable(t, 0, t.size() - 1)) {
                Plan p = Plan.unchanged(config.version(), facts);
                plans.put(sql, p);
                return p;
            }
            Limits limits = config.limits();
            Analysis a;
            String shape = null;
            if (sql.length() > limits.maxStatementLength()) {
                a = Analysis.rejected(new Rejection(null, "the statement is " + sql.length() + " characters long,"
                        + " over the limit of " + limits.maxStatementLength() + " for statements on window tables"
                        + " (limits.max-statement-length)", Rejection.TOO_COMPLEX));
            } else {
                shape = facts.hasLiterals() ? Analysis.shapeKey(t) : null;
                Analysis cached = shape == null ? null : shapes.getIfPresent(shape);
                if (cached != null && (cached.catalogVersion < 0 || cached.catalogVersion == catalog.version())) {
                    // Statements with inlined literals rarely repeat: caching each text would only churn the cache.
                    return cached.apply(t, facts, lexer, config.version());
                } else {
                    a = analyzer.analyze(t, catalog);
                    LogRedaction.report(a, t);
                }
            }
            Plan p = a.apply(t, facts, lexer, config.version());
            if (a.momentary) {
                return p; // the next attempt may well succeed: nothing is cached
            }
            if (shape != null) {
                shapes.put(shape, a);
            }
            plans.put(sql, p);
            return p;
        }
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
