package dev.dualwrite.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.rewrite.Catalog;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rewrite engine's four cost levels, each beside a baseline measured in the same run:
 * <ul>
 *   <li>{@code noWindow}: a 200-character statement on another table, against a {@code ConcurrentHashMap} lookup of
 *       the same text (the least any statement cache costs);</li>
 *   <li>{@code cacheHit}: a statement on a window table seen before, against a bare Caffeine lookup;</li>
 *   <li>{@code firstSight}: an ORM statement never seen before (tokenize, parse, analyze, render), against
 *       JSqlParser parsing the same text alone;</li>
 *   <li>{@code shapeHit}: a statement with inlined literals whose shape was seen before (tokenize, replay), against
 *       the same JSqlParser parse it avoids.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class EngineBenchmark {

    /** 200 characters, no window table. */
    static final String NO_WINDOW = "SELECT o.id, o.customer_id, o.total_amount, o.currency, o.status, o.created_at "
            + "FROM orders o WHERE o.customer_id = ? AND o.status IN (?, ?, ?) AND o.created_at >= ? "
            + "ORDER BY o.created_at DESC LIMIT 50";

    /** 200 characters, no window table, but full of the letter the prefilter anchors "people" on. */
    static final String NO_WINDOW_MANY_ANCHORS = "SELECT p.id, p.product_name, p.price, p.supplier_id, p.updated_at "
            + "FROM products p JOIN suppliers s ON s.id = p.supplier_id WHERE p.price > ? AND s.postal_code = ? "
            + "ORDER BY p.product_name LIMIT 100";

    static final String CACHED = "select p1_0.id,p1_0.email,p1_0.full_name,p1_0.phone_number from people p1_0 "
            + "where p1_0.id=?";

    /** ORM statements on the window table, by name (JMH splits -p values at commas, so names, not SQL). */
    static final java.util.Map<String, String> ORM = java.util.Map.of(
            "hibernateSelect",
            "select p1_0.id,p1_0.email,p1_0.full_name,p1_0.phone_number from people p1_0 where p1_0.id=?",
            "hibernateInsert", "insert into people (email,full_name,phone_number,id) values (?,?,?,?)",
            "hibernateUpdate", "update people set email=?,full_name=?,phone_number=? where id=?",
            "djangoSearch", "SELECT \"people\".\"id\", \"people\".\"email\", \"people\".\"full_name\" FROM"
                    + " \"people\" WHERE UPPER(\"people\".\"full_name\"::text) LIKE UPPER('%ann%') ORDER BY"
                    + " \"people\".\"id\" ASC LIMIT 21");

    @Param({"hibernateSelect", "hibernateInsert", "hibernateUpdate", "djangoSearch"})
    public String statement;

    private String ormStatement;

    private RewriteEngine cached;
    private RewriteEngine uncached;
    private RewriteEngine shapes;
    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    /** Held in fields, not constants, so that the JIT cannot fold the baselines away. */
    private String noWindowSql = NO_WINDOW;
    private String noWindowManyAnchorsSql = NO_WINDOW_MANY_ANCHORS;
    private String cachedSql = CACHED;
    private int variant;
    private final Cache<String, String> caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
    private String[] literalVariants;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        ormStatement = ORM.get(statement);
        Configuration config = Configuration.builder()
                .rename("people", "full_name", "display_name", Phase.MIRROR)
                .drop("people", "phone_number")
                .build();
        Catalog catalog = new Catalog() {
            @Override
            public List<String> columns(String schema, String table) {
                return table.equals("people") ? List.of("id", "email", "full_name", "display_name", "phone_number")
                        : null;
            }

            @Override
            public long version() {
                return 1;
            }
        };
        cached = RewriteEngine.builder(Dialect.POSTGRESQL).config(config).catalog(catalog).build();
        uncached = RewriteEngine.builder(Dialect.POSTGRESQL).config(config).catalog(catalog)
                .planCacheSize(0).shapeCacheSize(0).build();
        shapes = RewriteEngine.builder(Dialect.POSTGRESQL).config(config).catalog(catalog).planCacheSize(0).build();
        map.put(NO_WINDOW, NO_WINDOW);
        caffeine.put(CACHED, CACHED);
        check(cached.plan(CACHED));
        check(cached.plan(CACHED));
        literalVariants = new String[1024];
        for (int i = 0; i < literalVariants.length; i++) {
            literalVariants[i] = "INSERT INTO \"people\" (\"email\", \"full_name\", \"phone_number\") VALUES ('user" + i
                    + "@example.com', 'Person " + i + "', '+1 555 " + (1000 + i) + "') RETURNING \"people\".\"id\"";
        }
        check(shapes.plan(literalVariants[0]));
        if (uncached.plan(ormStatement).isRejected()) {
            throw new IllegalStateException("benchmark statement rejected: " + ormStatement);
        }
    }

    private static void check(Plan p) {
        if (p.isRejected() || !p.isRewritten()) {
            throw new IllegalStateException("benchmark statement not rewritten: " + p);
        }
    }

    @Benchmark
    public Plan noWindow() {
        return cached.plan(noWindowSql);
    }

    @Benchmark
    public Plan noWindowManyAnchors() {
        return cached.plan(noWindowManyAnchorsSql);
    }

    @Benchmark
    public String noWindowBaselineHashMap() {
        return map.get(noWindowSql);
    }

    @Benchmark
    public Plan cacheHit() {
        return cached.plan(cachedSql);
    }

    @Benchmark
    public String cacheHitBaselineCaffeine() {
        return caffeine.getIfPresent(cachedSql);
    }

    /** A new text on every call (a numbered comment), so that neither cache can answer. */
    @Benchmark
    public Plan firstSight() {
        return uncached.plan(ormStatement + " -- " + (variant++));
    }

    @Benchmark
    public Statement firstSightBaselineParseOnly() throws Exception {
        return new CCJSqlParser(new StringProvider(ormStatement)).withAllowComplexParsing(false).Statement();
    }

    @Benchmark
    public Plan shapeHit() {
        String sql = literalVariants[next++ & 1023];
        return shapes.plan(sql);
    }

    @Benchmark
    public Statement shapeHitBaselineParseOnly() throws Exception {
        String sql = literalVariants[next++ & 1023];
        return new CCJSqlParser(new StringProvider(sql)).withAllowComplexParsing(false).Statement();
    }
}
