package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.OnUnsupported;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import org.junit.jupiter.api.Test;

/** The counters behind {@link RewriteEngine#statistics()}: what a metrics exporter shows. */
class EngineStatisticsTest {
    private static Configuration rename(Phase phase) {
        return Configuration.builder().rename("people", "full_name", "display_name", phase).build();
    }

    @Test
    void countsRewrittenAndRejectedPlansButNotOtherTables() {
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(rename(Phase.MIRROR)).build();
        e.plan("SELECT * FROM orders");
        e.plan("SELECT id FROM orders WHERE id = 1");
        assertEquals(new RewriteEngine.Statistics(0, 0, 0, new RewriteEngine.CacheCounts(0, 0, 0),
                new RewriteEngine.CacheCounts(0, 0, 0)), e.statistics(), "tables without a window cost nothing");

        String insert = "INSERT INTO people (id, full_name) VALUES (?, ?)";
        assertTrue(e.plan(insert).isRewritten());
        e.plan(insert);
        e.plan("SELECT id FROM people WHERE id = ?"); // a window table, but nothing to change
        assertTrue(e.plan("INSERT INTO people (display_name) VALUES (random())").isRejected());

        RewriteEngine.Statistics s = e.statistics();
        assertEquals(2, s.rewritten());
        assertEquals(1, s.rejected());
        assertEquals(0, s.passedUnsupported());
        assertEquals(1, s.planCache().hits(), "the second INSERT");
        assertEquals(3, s.planCache().misses());
        assertEquals(0, s.shapeCache().hits() + s.shapeCache().misses(), "no statement had literals");
    }

    @Test
    void countsShapeCacheHitsForInlinedLiterals() {
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(rename(Phase.MIRROR)).build();
        e.plan("UPDATE people SET full_name = 'Ann' WHERE id = 1");
        e.plan("UPDATE people SET full_name = 'Bob' WHERE id = 2");
        e.plan("UPDATE people SET full_name = 'Cy' WHERE id = 3");
        RewriteEngine.Statistics s = e.statistics();
        assertEquals(3, s.rewritten());
        assertEquals(3, s.planCache().misses());
        assertEquals(1, s.shapeCache().misses());
        assertEquals(2, s.shapeCache().hits());
    }

    @Test
    void countsStatementsPassedUnderOnUnsupportedPass() {
        Configuration pass = Configuration.builder().rename("people", "full_name", "display_name", Phase.MIRROR)
                .onUnsupported(OnUnsupported.PASS).build();
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(pass).build();
        Plan p = e.plan("INSERT INTO people (display_name) VALUES (random())");
        assertTrue(!p.isRejected() && !p.isRewritten() && p.warning() != null, p.toString());
        assertEquals(1, e.statistics().passedUnsupported());
        assertEquals(0, e.statistics().rejected());
    }

    @Test
    void countsSurviveAConfigurationChangeAndEvictionsAreCounted() {
        ManualConfigSource source = new ManualConfigSource(rename(Phase.MIRROR));
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(source).planCacheSize(1).build();
        for (int i = 0; i < 50; i++) {
            e.plan("SELECT display_name FROM people WHERE id = ? /* " + i + " */");
        }
        source.set(rename(Phase.READ_NEW));
        e.plan("SELECT full_name FROM people");
        RewriteEngine.Statistics s = e.statistics();
        assertEquals(51, s.rewritten(), "counted before and after the change");
        assertEquals(51, s.planCache().misses());
        assertTrue(s.planCache().evictions() > 0, "a one-entry cache evicts: " + s.planCache());
    }
}
