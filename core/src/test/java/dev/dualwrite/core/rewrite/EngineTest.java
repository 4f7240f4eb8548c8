package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine's caches, versions and usage counters, beyond what the corpus checks per statement. */
class EngineTest {
    private static Configuration mirror() {
        return Configuration.builder().rename("people", "full_name", "display_name", Phase.MIRROR).build();
    }

    @Test
    void statementsOnOtherTablesShareOneUnchangedPlan() {
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(mirror()).build();
        Plan a = e.plan("SELECT * FROM orders");
        Plan b = e.plan("UPDATE orders SET total = 1");
        assertSame(a, b);
        assertFalse(a.isRewritten());
        assertEquals("SELECT * FROM orders", a.physicalSql("SELECT * FROM orders"));
    }

    @Test
    void theShapeCacheReplaysEditsOnOtherLiterals() {
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(mirror()).build();
        Plan first = e.plan("INSERT INTO people (id, full_name) VALUES (1, 'Ann')");
        assertEquals("INSERT INTO people (id, full_name, display_name) VALUES (1, 'Ann', 'Ann')",
                first.physicalSql(null));
        Plan second = e.plan("INSERT INTO people (id, full_name) VALUES (22, 'Bo''s')");
        assertEquals("INSERT INTO people (id, full_name, display_name) VALUES (22, 'Bo''s', 'Bo''s')",
                second.physicalSql(null));
        Plan third = e.plan("INSERT INTO people (id, full_name) VALUES (333, E'C\\'d')");
        assertEquals("INSERT INTO people (id, full_name, display_name) VALUES (333, E'C\\'d', E'C\\'d')",
                third.physicalSql(null));
    }

    @Test
    void aNewConfigurationVersionMakesOldPlansStale() {
        ManualConfigSource source = new ManualConfigSource(mirror());
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(source).build();
        String sql = "SELECT p.display_name FROM people p";
        Plan before = e.plan(sql);
        assertEquals("SELECT p.full_name AS display_name FROM people p", before.physicalSql(sql));
        assertTrue(e.isCurrent(before));
        source.set(Configuration.builder().rename("people", "full_name", "display_name", Phase.READ_NEW).build());
        assertFalse(e.isCurrent(before));
        Plan after = e.plan(sql);
        assertTrue(e.isCurrent(after));
        assertEquals(sql, after.physicalSql(sql));
        assertEquals(before.version() + 1, after.version());
    }

    @Test
    void plansThatUsedTheCatalogAreRemadeWhenItMoves() {
        AtomicLong version = new AtomicLong(1);
        AtomicReference<List<String>> columns = new AtomicReference<>(null);
        Catalog catalog = new Catalog() {
            @Override
            public List<String> columns(String schema, String table) {
                return columns.get();
            }

            @Override
            public long version() {
                return version.get();
            }
        };
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(mirror()).catalog(catalog).build();
        String sql = "SELECT * FROM people";
        assertTrue(e.plan(sql).isRejected(), "no column list yet");
        columns.set(List.of("id", "full_name", "display_name"));
        assertTrue(e.plan(sql).isRejected(), "the rejection is cached for this catalog version");
        version.incrementAndGet();
        Plan p = e.plan(sql);
        assertFalse(p.isRejected());
        assertEquals("SELECT people.\"id\", people.\"full_name\", people.\"full_name\" AS \"display_name\" FROM people",
                p.physicalSql(sql));
        columns.set(List.of("id", "full_name", "display_name", "age"));
        version.incrementAndGet();
        assertFalse(e.isCurrent(p));
        assertTrue(e.plan(sql).physicalSql(sql).contains("people.\"age\""));
    }

    @Test
    void executionsCountTheNamesEachStatementUsed() {
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(mirror()).build();
        Plan old = e.plan("UPDATE people SET full_name = ? WHERE id = ?");
        Plan both = e.plan("SELECT full_name, display_name FROM people");
        old.recordExecution();
        old.recordExecution();
        both.recordExecution();
        e.plan("SELECT id FROM orders").recordExecution();
        List<UsageCounters.Snapshot> usage = e.usage();
        assertEquals(1, usage.size());
        UsageCounters.Snapshot s = usage.get(0);
        assertEquals("people.full_name -> display_name", s.window());
        assertEquals(3, s.oldNameStatements());
        assertEquals(1, s.newNameStatements());
        assertNotNull(s.oldNameLastUsed());
        assertNotNull(s.newNameLastUsed());
    }

    @Test
    void aParseOverItsTimeBudgetIsNotRememberedAsRejected() {
        Configuration c = Configuration.builder().rename("people", "full_name", "display_name", Phase.MIRROR)
                .limits(new dev.dualwrite.core.config.Limits(8 * 1024 * 1024, 100, 1)).build();
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(c).build();
        StringBuilder sql = new StringBuilder("SELECT full_name FROM people WHERE id = -1");
        for (int i = 0; i < 4000; i++) {
            sql.append(" OR full_name = 'n").append(i).append('\'');
        }
        Plan first = e.plan(sql.toString());
        assertTrue(first.isRejected());
        assertEquals(Rejection.TOO_COMPLEX, first.rejection().sqlState());
        Plan second = e.plan(sql.toString());
        assertTrue(second.isRejected());
        assertFalse(first == second, "a momentary rejection is planned again, not served from the cache");
    }

    @Test
    void parameterMapsDescribeDuplicatedAndDroppedValues() {
        RewriteEngine e = RewriteEngine.builder(Dialect.POSTGRESQL).config(Configuration.builder()
                .rename("people", "full_name", "display_name", Phase.MIRROR).drop("people", "fax").build()).build();
        ParameterMap m = e.plan("INSERT INTO people (fax, full_name, id) VALUES (?, ?, ?)").parameters();
        assertEquals(3, m.applicationCount());
        assertEquals(3, m.physicalCount());
        assertEquals(0, m.physical(1).length);
        assertEquals(List.of(1, 3), List.of(m.physical(2)[0], m.physical(2)[1]));
        assertEquals(2, m.physical(3)[0]);
    }
}
