package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Rewritten statements executed on an in-memory H2 database, plus H2's MERGE forms. */
class H2RewriteTest extends AbstractRewriteDatabaseTest {
    private static final String URL = TestDatabases.newH2Url();

    @Override
    Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    Connection open() throws SQLException {
        return TestDatabases.h2(URL);
    }

    @Override
    String volatileValue() {
        return "CAST(RANDOM_UUID() AS VARCHAR(100))";
    }

    @EveryPhaseAndName
    void mergeIntoWithKey(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "MERGE INTO {t} (id, email, {n}) KEY (id) VALUES (?, ?, ?)");
    }

    @EveryPhaseAndName
    void mergeIntoOnThePrimaryKey(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "MERGE INTO {t} (id, email, {n}) VALUES (?, ?, ?)");
    }

    @EveryPhaseAndName
    void mergeIntoWithKeyFromSelect(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(2, "b@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "MERGE INTO {t} (id, email, {n}) KEY (id) SELECT id, email, nm FROM {src}"
                + " WHERE id >= ?", name, src), 2);
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 2, "Src Two", o);
        assertWritten(t, 3, null, o);
        assertNoDivergence(t, o);
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

    @EveryPhaseWithAndWithoutPhone
    void mergeIntoWritingTheDroppedColumn(Phase phase, boolean withPhone) throws SQLException {
        checkUpsertWritingTheDroppedColumn(phase, withPhone,
                "MERGE INTO {t} (id, email, phone_number, full_name) KEY (id) VALUES (?, ?, ?, ?)");
    }

    @MirroredPhaseAndName
    void insertOfASequenceValueIntoTheMirroredColumnIsRejected(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String seq = uniqueName("dwq_");
        t.execute("CREATE SEQUENCE " + seq);
        cleanUpAfterwards("DROP SEQUENCE IF EXISTS " + seq);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, CAST(NEXT VALUE FOR " + seq
                + " AS VARCHAR(100)))", name), 1, "a@example.org");
        assertRejectedUnsupported(t, o);
        assertEquals(0, t.rowCount(), "nothing was written");
        assertEquals(List.of(), t.ids());
    }
}
