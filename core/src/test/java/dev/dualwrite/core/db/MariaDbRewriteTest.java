package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;

/**
 * Rewritten statements executed on MariaDB (dialect MYSQL), plus its ON DUPLICATE KEY UPDATE, REPLACE, multi-table
 * UPDATE and RETURNING forms. MariaDB assigns left to right in a single-table UPDATE and in ON DUPLICATE KEY UPDATE.
 */
@Tag("database")
class MariaDbRewriteTest extends AbstractRewriteDatabaseTest {
    @Override
    Dialect dialect() {
        return Dialect.MYSQL;
    }

    @Override
    Connection open() {
        return TestDatabases.mariadb();
    }

    @Override
    String volatileValue() {
        return "UUID()";
    }

    @Override
    String concat(String a, String b) {
        return "CONCAT(" + a + ", " + b + ")";
    }

    @EveryPhaseAndName
    void onDuplicateKeyUpdateFromValues(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE email = VALUES(email), {n} = VALUES({n})");
    }

    @EveryPhaseAndName
    void onDuplicateKeyUpdateWithExpression(Phase phase, String name) throws SQLException {
        checkUpsertWithExpression(phase, name, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE {n} = CONCAT({n}, VALUES({n}))");
    }

    @EveryPhaseAndName
    void replaceInto(Phase phase, String name) throws SQLException {
        checkUpsert(phase, name, "REPLACE INTO {t} (id, email, {n}) VALUES (?, ?, ?)");
    }

    @EveryPhaseAndName
    void updateJoin(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Ada");
        t.put(2, "b@example.org", "Old", "New", null);
        t.put(9, "z@example.org", "Zed");
        Outcome o = t.app.run(sql(t, "UPDATE {t} p JOIN {src} s ON s.id = p.id SET p.{n} = s.nm WHERE s.id <= ?",
                name, src), 2);
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Src One", o);
        assertWritten(t, 2, "Src Two", o);
        assertWritten(t, 9, "Zed", o);
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

    /** MySQL's INSERT ... SET form is rewritten in every phase (edge.corpus and mysql.corpus promise it). */
    @EveryPhaseAndName
    void insertSetForm(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} SET id = ?, email = ?, {n} = ?", name), 1, "a@example.org",
                "Ada");
        assertFalse(o.rejected(), () -> "rewritten, not rejected" + o);
        assertWritten(t, 1, "Ada", o);
        assertNoDivergence(t, o);
    }

    /** MySQL and MariaDB assign left to right in ON DUPLICATE KEY UPDATE too: a later assignment sees the new value. */
    @EveryPhaseAndName
    void onDuplicateKeyUpdateAssignmentReadsTheColumnItWrote(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE {n} = CONCAT({n}, VALUES({n})), email = {n}", name), 1, "x@example.org",
                "+");
        String expected = t.authoritative("Old", "New") + "+";
        assertWritten(t, 1, expected, o);
        assertEquals(expected, t.physical(1, "email"), () -> "email after" + o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseWithAndWithoutPhone
    void onDuplicateKeyUpdateWritingTheDroppedColumn(Phase phase, boolean withPhone) throws SQLException {
        checkUpsertWritingTheDroppedColumn(phase, withPhone,
                "INSERT INTO {t} (id, email, phone_number, full_name) VALUES (?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE phone_number = VALUES(phone_number), full_name = VALUES(full_name)");
    }

    @EveryPhaseAndName
    void deleteJoin(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Src One", "Other", null);
        t.put(2, "b@example.org", "Other", "Src Two", null);
        Outcome o = t.app.run(sql(t, "DELETE p FROM {t} p JOIN {src} s ON s.id = p.id WHERE p.{n} = s.nm", name, src));
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertEquals(List.of(phase.readsNew() ? 1 : 2), t.ids(), () -> "remaining rows after" + o);
    }

    @EveryPhaseAndName
    void backtickQuotedNames(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome insert = t.app.run(sql(t, "INSERT INTO `{t}` (`id`, `{n}`) VALUES (?, ?)", name), 1, "Ada");
        assertWritten(t, 1, "Ada", insert);
        assertNoDivergence(t, insert);
        t.put(2, "b@example.org", "Old", "New", null);
        Outcome select = t.app.run(sql(t, "SELECT `p`.`{n}` FROM `{t}` `p` WHERE `p`.`id` = ?", name), 2);
        assertEquals(List.of(name), select.labels(), () -> "labels" + select);
        assertEquals(t.authoritative("Old", "New"), select.value(0, name), () -> "value" + select);
    }

    /**
     * Each row of a multi-row VALUES gets its own volatile value, copied within the row into the other column
     * (mysql.corpus, "multi-row values with a volatile value per row").
     */
    @MirroredPhaseAndName
    void multiRowInsertOfUuidIsCopiedPerRow(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, {n}, email) VALUES (?, UUID(), ?), (?, UUID(), ?)", name),
                1, "a@example.org", 2, "b@example.org");
        assertFalse(o.rejected(), () -> "copied, not rejected" + o);
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertNotNull(t.physical(1, PeopleTable.FROM));
        assertNotEquals(t.physical(1, PeopleTable.FROM), t.physical(2, PeopleTable.FROM), () -> "rows" + o);
        assertNoDivergence(t, o);
    }

    /**
     * A sequence value in VALUES is taken once and copied within the row (mysql.corpus, "a sequence value in the
     * renamed column is read back from the row"): the sequence advances by one.
     */
    @MirroredPhaseAndName
    void insertOfASequenceValueIsCopied(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String seq = sequence(t);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, CONCAT('n', NEXTVAL(" + seq
                + ")))", name), 1, "a@example.org");
        assertFalse(o.rejected(), () -> "copied, not rejected" + o);
        assertWritten(t, 1, "n1", o);
        assertEquals(2, t.count("SELECT NEXTVAL(" + seq + ")"), "the sequence advanced once");
        assertNoDivergence(t, o);
    }

    /** In INSERT ... SELECT no value can refer to another column of the new row: a volatile value is rejected. */
    @MirroredPhaseAndName
    void insertSelectOfASequenceValueIsRejected(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        String seq = sequence(t);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) SELECT id, email, CONCAT('n', NEXTVAL(" + seq
                + ")) FROM {src}", name, src));
        assertRejectedUnsupported(t, o);
        assertEquals(0, t.rowCount(), "nothing was written");
        assertEquals(1, t.count("SELECT NEXTVAL(" + seq + ")"), "the sequence was not advanced");
    }

    @MirroredPhaseAndName
    void insertSelectOfRandIsRejected(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) SELECT id, email, CONCAT('r', RAND())"
                + " FROM {src} WHERE id > ?", name, src), 0);
        assertRejectedUnsupported(t, o);
        assertEquals(0, t.rowCount(), "nothing was written");
    }

    private String sequence(PeopleTable t) throws SQLException {
        String seq = uniqueName("dwq_");
        t.execute("CREATE SEQUENCE " + seq);
        cleanUpAfterwards("DROP SEQUENCE IF EXISTS " + seq);
        return seq;
    }
}
