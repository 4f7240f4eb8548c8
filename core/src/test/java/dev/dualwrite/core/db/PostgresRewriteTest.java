package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;

/** Rewritten statements executed on PostgreSQL, plus its upsert, MERGE, UPDATE ... FROM and RETURNING forms. */
@Tag("database")
class PostgresRewriteTest extends AbstractRewriteDatabaseTest {
    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    Connection open() {
        return TestDatabases.postgres();
    }

    @Override
    String volatileValue() {
        return "md5(random()::text)";
    }

    @EveryPhaseAndName
    void onConflictDoUpdateFromExcluded(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, {n} = EXCLUDED.{n}");
    }

    @EveryPhaseAndName
    void onConflictDoUpdateWithExpression(Phase phase, String name) throws SQLException {
        checkUpsertWithExpression(phase, name, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET {n} = {t}.{n} || EXCLUDED.{n}");
    }

    @EveryPhaseAndName
    void onConflictDoUpdateThroughTargetAlias(Phase phase, String name) throws SQLException {
        checkUpsertWithExpression(phase, name, "INSERT INTO {t} AS p (id, email, {n}) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET {n} = p.{n} || EXCLUDED.{n} WHERE p.id = EXCLUDED.id");
    }

    @EveryPhaseAndName
    void onConflictDoNothing(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        String text = sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", name);
        Outcome skipped = t.app.run(text, 1, "x@example.org", "Other");
        assertEquals(0, skipped.updateCount(), () -> "update count" + skipped);
        assertWritten(t, 1, "Ada", skipped);
        Outcome inserted = t.app.run(text, 2, "b@example.org", "Bo");
        assertEquals(1, inserted.updateCount(), () -> "update count" + inserted);
        assertWritten(t, 2, "Bo", inserted);
        assertNoDivergence(t, inserted);
    }

    @EveryPhaseAndName
    void standardMerge(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "MERGE INTO {t} p USING (SELECT CAST(? AS INTEGER) AS id,"
                + " CAST(? AS VARCHAR(100)) AS email, CAST(? AS VARCHAR(100)) AS nm) s ON p.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET email = s.email, {n} = s.nm"
                + " WHEN NOT MATCHED THEN INSERT (id, email, {n}) VALUES (s.id, s.email, s.nm)");
    }

    @EveryPhaseAndName
    void standardMergeWithExpression(Phase phase, String name) throws SQLException {
        checkUpsertWithExpression(phase, name, "MERGE INTO {t} p USING (SELECT CAST(? AS INTEGER) AS id,"
                + " CAST(? AS VARCHAR(100)) AS email, CAST(? AS VARCHAR(100)) AS nm) s ON p.id = s.id"
                + " WHEN MATCHED THEN UPDATE SET {n} = p.{n} || s.nm"
                + " WHEN NOT MATCHED THEN INSERT (id, email, {n}) VALUES (s.id, s.email, s.nm)");
    }

    @EveryPhaseAndName
    void updateFrom(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Ada");
        t.put(2, "b@example.org", "Old", "New", null);
        t.put(9, "z@example.org", "Zed");
        Outcome o = t.app.run(sql(t, "UPDATE {t} p SET {n} = s.nm FROM {src} s WHERE s.id = p.id", name, src));
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Src One", o);
        assertWritten(t, 2, "Src Two", o);
        assertWritten(t, 9, "Zed", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateRowAssignment(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET (email, {n}) = (?, ?) WHERE id = ?", name), "ada@example.org",
                "Ada L.", 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada L.", o);
        assertEquals("ada@example.org", t.physical(1, "email"));
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertReturning(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?) RETURNING id, {n}", name), 1,
                "a@example.org", "Ada");
        assertEquals(List.of(label("id"), label(name)), o.labels(), () -> "labels" + o);
        assertEquals("Ada", o.value(0, label(name)), () -> "value" + o);
        assertWritten(t, 1, "Ada", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateReturningTheOtherName(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        String other = name.equals(PeopleTable.FROM) ? PeopleTable.TO : PeopleTable.FROM;
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = ? WHERE id = ? RETURNING " + other + ", phone_number",
                name), "Bo", 1);
        if (!(t.hasFrom && t.hasTo)) {
            // Both names: an operator's statement, and one of the columns does not exist in this phase.
            assertRejectedUnsupported(t, o);
            return;
        }
        assertEquals(List.of(label(other), label("phone_number")), o.labels(), () -> "labels" + o);
        assertEquals("Bo", o.value(0, label(other)), () -> "value" + o);
        assertNull(o.value(0, label("phone_number")), () -> "value" + o);
        assertWritten(t, 1, "Bo", o);
        assertNoDivergence(t, o);
    }

    @EveryPhase
    void deleteReturningStar(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", "555-0100");
        Outcome o = t.app.run(sql(t, "DELETE FROM {t} WHERE id = ? RETURNING *", null), 1);
        String expected = t.authoritative("Old", "New");
        assertEquals(expected, o.value(0, label("full_name")), () -> "value" + o);
        assertEquals(expected, o.value(0, label("display_name")), () -> "value" + o);
        assertEquals(List.of(), t.ids());
    }

    @EveryPhaseAndName
    void onConflictDoUpdateRowAssignment(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET (email, {n}) = (EXCLUDED.email, EXCLUDED.{n})");
    }

    /** The conflict branch's WHERE reads the stored row: the authoritative column decides. */
    @EveryPhaseAndName
    void onConflictDoUpdateWhere(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        String text = sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
                + " SET email = EXCLUDED.email, {n} = EXCLUDED.{n} WHERE {t}.{n} IS DISTINCT FROM EXCLUDED.{n}", name);
        Outcome same = t.app.run(text, 1, "same@example.org", t.authoritative("Old", "New"));
        assertEquals(0, same.updateCount(), () -> "the stored value equals the new one: no update" + same);
        assertEquals("a@example.org", t.physical(1, "email"));
        Outcome changed = t.app.run(text, 1, "changed@example.org", "Changed");
        assertEquals(1, changed.updateCount(), () -> "update count" + changed);
        assertWritten(t, 1, "Changed", changed);
        assertNoDivergence(t, changed);
    }

    @EveryPhaseWithAndWithoutPhone
    void onConflictWritingTheDroppedColumn(Phase phase, boolean withPhone) throws SQLException {
        checkUpsertWritingTheDroppedColumn(phase, withPhone,
                "INSERT INTO {t} (id, email, phone_number, full_name) VALUES (?, ?, ?, ?) ON CONFLICT (id)"
                + " DO UPDATE SET phone_number = EXCLUDED.phone_number, full_name = EXCLUDED.full_name");
    }

    /** A data-modifying CTE is rewritten like the statement inside it (edge.corpus promises it in every phase). */
    @EveryPhaseAndName
    void updateInsideAWithClause(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "WITH u AS (UPDATE {t} SET {n} = ? WHERE id = ? RETURNING id, {n})"
                + " SELECT id, {n} FROM u", name), "Bo", 1);
        assertFalse(o.rejected(), () -> "rewritten, not rejected" + o);
        assertEquals(List.of(label("id"), label(name)), o.labels(), () -> "labels" + o);
        assertEquals("Bo", o.value(0, label(name)), () -> "value" + o);
        assertWritten(t, 1, "Bo", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertInsideAWithClause(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "WITH i AS (INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?) RETURNING id)"
                + " SELECT COUNT(*) AS c FROM i", name), 1, "a@example.org", "Ada");
        assertFalse(o.rejected(), () -> "rewritten, not rejected" + o);
        assertEquals(1L, ((Number) o.value(0, label("c"))).longValue(), () -> "count" + o);
        assertWritten(t, 1, "Ada", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertSelectFromAWithClause(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "WITH s AS (SELECT CAST(? AS INTEGER) AS id, CAST(? AS VARCHAR(100)) AS nm)"
                + " INSERT INTO {t} (id, {n}) SELECT id, nm FROM s", name), 1, "Ada");
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void deleteUsing(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Src One", "Other", null);
        t.put(2, "b@example.org", "Other", "Src Two", null);
        Outcome o = t.app.run(sql(t, "DELETE FROM {t} p USING {src} s WHERE s.id = p.id AND p.{n} = s.nm", name, src));
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertEquals(List.of(phase.readsNew() ? 1 : 2), t.ids(), () -> "remaining rows after" + o);
    }

    @MirroredPhaseAndName
    void insertOfASequenceValueIntoTheMirroredColumnIsRejected(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String seq = uniqueName("dwq_");
        t.execute("CREATE SEQUENCE " + seq);
        cleanUpAfterwards("DROP SEQUENCE IF EXISTS " + seq);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, 'n' || nextval('" + seq
                + "'))", name), 1, "a@example.org");
        assertRejectedUnsupported(t, o);
        assertEquals(0, t.rowCount(), "nothing was written");
        assertEquals(1, t.count("SELECT nextval('" + seq + "')"), "the sequence was not advanced");
    }
}
