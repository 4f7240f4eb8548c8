package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.sql.Dialect;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Executes rewritten statements on a real database and checks the database state, for every phase of a rename window
 * ({@code full_name -> display_name}) and a drop window ({@code phone_number}) on one table. Each test creates its own
 * uniquely named tables, with the physical columns its phase implies, and drops them afterwards; statements the
 * application sends go through {@link RewritingExecutor}, while setup and checks use direct, un-rewritten SQL.
 *
 * <p>Subclasses supply the database and its dialect's spellings, and add the dialect's own statement forms (upserts,
 * MERGE, multi-table UPDATE, RETURNING).
 */
abstract class AbstractRewriteDatabaseTest {
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
            36L * 36 * 36 * 36 * 36 * 36), 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Every phase, with the application using the old name and then the new one. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}, application uses {1}")
    @CsvSource({"OLD_ONLY, full_name", "OLD_ONLY, display_name", "MIRROR, full_name", "MIRROR, display_name",
            "READ_NEW, full_name", "READ_NEW, display_name", "NEW_ONLY, full_name", "NEW_ONLY, display_name"})
    @interface EveryPhaseAndName {
    }

    /** The phases in which both columns exist and writes reach both, with either name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}, application uses {1}")
    @CsvSource({"MIRROR, full_name", "MIRROR, display_name", "READ_NEW, full_name", "READ_NEW, display_name"})
    @interface MirroredPhaseAndName {
    }

    /** The phases in which only one column exists, with either name. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}, application uses {1}")
    @CsvSource({"OLD_ONLY, full_name", "OLD_ONLY, display_name", "NEW_ONLY, full_name", "NEW_ONLY, display_name"})
    @interface SingleColumnPhaseAndName {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}")
    @EnumSource(Phase.class)
    @interface EveryPhase {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Phase.class, names = {"MIRROR", "READ_NEW"})
    @interface MirroredPhase {
    }

    /** Every phase, with phone_number still physically present and after its physical drop. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ParameterizedTest(name = "{0}, phone_number physically present: {1}")
    @CsvSource({"OLD_ONLY, true", "OLD_ONLY, false", "MIRROR, true", "MIRROR, false", "READ_NEW, true",
            "READ_NEW, false", "NEW_ONLY, true", "NEW_ONLY, false"})
    @interface EveryPhaseWithAndWithoutPhone {
    }

    protected Connection connection;
    private final List<String> cleanup = new ArrayList<>();

    /** The dialect the engine is built for. */
    abstract Dialect dialect();

    /** A connection to the database under test (skips or fails the test when it is unreachable). */
    abstract Connection open() throws SQLException;

    /** An expression of a character type that gives another value each time it is evaluated. */
    abstract String volatileValue();

    /** {@code a} followed by {@code b}, as a string expression. */
    String concat(String a, String b) {
        return a + " || " + b;
    }

    @BeforeEach
    void connect() throws SQLException {
        connection = open();
    }

    @AfterEach
    void dropTablesAndDisconnect() throws SQLException {
        if (connection == null) {
            return;
        }
        try {
            for (String statement : cleanup) {
                try (var st = connection.createStatement()) {
                    st.execute(statement);
                }
            }
        } finally {
            connection.close();
        }
    }

    // ------------------------------------------------------------------------------------------------- fixtures

    PeopleTable people(Phase phase) throws SQLException {
        return people(phase, true);
    }

    PeopleTable people(Phase phase, boolean withPhone) throws SQLException {
        String name = uniqueName("dw_");
        cleanup.add("DROP TABLE IF EXISTS " + name);
        return new PeopleTable(connection, dialect(), phase, name, withPhone);
    }

    /** Creates a source table {@code (id, email, nm)} with rows 1..3 ('Src One', 'Src Two', NULL) and names it. */
    String sourceTable() throws SQLException {
        String name = uniqueName("dws_");
        cleanup.add("DROP TABLE IF EXISTS " + name);
        try (var st = connection.createStatement()) {
            st.execute("CREATE TABLE " + name + " (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(100),"
                    + " nm VARCHAR(100))");
            st.execute("INSERT INTO " + name + " (id, email, nm) VALUES (1, 's1@example.org', 'Src One'),"
                    + " (2, 's2@example.org', 'Src Two'), (3, 's3@example.org', NULL)");
        }
        return name;
    }

    /** Creates a table {@code (id, full_name)} that is not a window table, with rows 1 and 2, and names it. */
    String otherTableWithFullName() throws SQLException {
        String name = uniqueName("dwo_");
        cleanup.add("DROP TABLE IF EXISTS " + name);
        try (var st = connection.createStatement()) {
            st.execute("CREATE TABLE " + name + " (id INTEGER NOT NULL PRIMARY KEY, full_name VARCHAR(100))");
            st.execute("INSERT INTO " + name + " (id, full_name) VALUES (1, 'Other One'), (2, 'Other Two')");
        }
        return name;
    }

    /** A name no other test, and no concurrent run of this suite, uses. */
    String uniqueName(String prefix) {
        return prefix + RUN + "_" + COUNTER.incrementAndGet();
    }

    /** Registers a statement (DROP SEQUENCE ...) to run after the test, before the tables are dropped. */
    void cleanUpAfterwards(String statement) {
        cleanup.add(0, statement);
    }

    /** Replaces {t} with the people table, {n} with the name the application uses, {src} with {@code src}. */
    static String sql(PeopleTable t, String template, String name, String src) {
        String s = template.replace("{t}", t.name);
        if (name != null) {
            s = s.replace("{n}", name);
        }
        if (src != null) {
            s = s.replace("{src}", src);
        }
        return s;
    }

    static String sql(PeopleTable t, String template, String name) {
        return sql(t, template, name, null);
    }

    /** The result label the database reports for a name the application wrote without quotes. */
    String label(String name) {
        switch (dialect()) {
            case H2:
                return name.toUpperCase(Locale.ROOT);
            case POSTGRESQL:
                return name.toLowerCase(Locale.ROOT);
            default:
                return name;
        }
    }

    /** {@code name} quoted as the database stores it when written without quotes. */
    String quoted(String name) {
        return dialect().quote(dialect() == Dialect.H2 ? name.toUpperCase(Locale.ROOT)
                : dialect() == Dialect.POSTGRESQL ? name.toLowerCase(Locale.ROOT) : name);
    }

    /** Asserts the statement ran, and that every physical rename column of row {@code id} holds {@code expected}. */
    static void assertWritten(PeopleTable t, int id, String expected, Outcome o) throws SQLException {
        assertFalse(o.rejected(), () -> "unexpected rejection" + o);
        for (String column : t.nameColumns()) {
            assertEquals(expected, t.physical(id, column), () -> "physical " + column + " of row " + id + " in "
                    + t + " after" + o);
        }
    }

    /** Asserts no row has full_name and display_name differ. */
    static void assertNoDivergence(PeopleTable t, Outcome o) throws SQLException {
        assertEquals(0, t.divergent(), () -> "rows where full_name and display_name differ in " + t + " after" + o);
    }

    /** Like {@link #assertRejectedUnsupported(Outcome)}, and the message names the window's table. */
    static void assertRejectedUnsupported(PeopleTable t, Outcome o) {
        assertRejectedUnsupported(o);
        assertTrue(o.rejection().message().toLowerCase(Locale.ROOT).contains(t.name.toLowerCase(Locale.ROOT)),
                () -> "the message names the window" + o);
    }

    static void assertRejectedUnsupported(Outcome o) {
        assertTrue(o.rejected(), () -> "expected a rejection" + o);
        assertEquals(Rejection.UNSUPPORTED, o.rejection().sqlState(), () -> "SQLSTATE of" + o);
        assertNotNull(o.rejection().message());
        assertNull(o.physicalSql(), "a rejected statement must not be executed");
    }

    // ------------------------------------------------------------------------------------------------- writes

    @EveryPhaseAndName
    void insertSingleRowWithParameters(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, ?)", name), 1, "a@example.org",
                "Ada");
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada", o);
        assertEquals("a@example.org", t.physical(1, "email"));
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertSingleRowWithLiterals(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, {n}, email) VALUES (7, 'Grace', 'g@example.org')", name));
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 7, "Grace", o);
        assertEquals("g@example.org", t.physical(7, "email"));
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertMultiRow(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, {n}, email) VALUES (?, ?, ?), (2, 'Bo', 'b@example.org'),"
                + " (?, ?, ?)", name), 1, "Ann", "a@example.org", 3, null, "c@example.org");
        assertEquals(3, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ann", o);
        assertWritten(t, 2, "Bo", o);
        assertWritten(t, 3, null, o);
        assertEquals("c@example.org", t.physical(3, "email"));
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertDefault(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, DEFAULT)", name), 1,
                "a@example.org");
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, null, o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void insertSelect(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) SELECT s.id, s.email, s.nm FROM {src} s"
                + " WHERE s.id <= ?", name, src), 3);
        assertEquals(3, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Src One", o);
        assertWritten(t, 2, "Src Two", o);
        assertWritten(t, 3, null, o);
        assertNoDivergence(t, o);
    }

    /** The SELECT reads the column of the table it inserts into: the authoritative value goes to every column. */
    @EveryPhaseAndName
    void insertSelectFromTheSameTable(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "Same", "Same", null);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) SELECT id + 100, email, {n} FROM {t}"
                + " WHERE id <= ?", name), 2);
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 101, t.authoritative("Old", "New"), o);
        assertWritten(t, 102, "Same", o);
        assertEquals(t.hasFrom && t.hasTo ? 1 : 0, t.divergent(), () -> "only the seeded row 1 differs after" + o);
    }

    @EveryPhaseAndName
    void updateSingleColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        t.put(2, "b@example.org", "Bo");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = ? WHERE id = ?", name), "Ada Lovelace", 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada Lovelace", o);
        assertWritten(t, 2, "Bo", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateSeveralColumns(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET email = ?, {n} = ?, id = ? WHERE id = ?", name),
                "ada@example.org", "Ada L.", 11, 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 11, "Ada L.", o);
        assertEquals("ada@example.org", t.physical(11, "email"));
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateEveryRow(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        t.put(2, "b@example.org", "Old", "New", null);
        t.put(3, "c@example.org", null);
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = 'Anon'", name));
        assertEquals(3, o.updateCount(), () -> "update count" + o);
        for (int id = 1; id <= 3; id++) {
            assertWritten(t, id, "Anon", o);
        }
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateWithExpressionOnTheColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        t.put(2, "b@example.org", "Bo");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = " + concat("{n}", "'!'") + " WHERE id = ?", name), 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada!", o);
        assertWritten(t, 2, "Bo", o);
        assertNoDivergence(t, o);
    }

    /** A row written before the backfill (or drifted): the expression reads the authoritative column. */
    @EveryPhaseAndName
    void updateWithExpressionOnADivergedRow(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = " + concat("{n}", "'!'") + " WHERE id = ?", name), 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, t.authoritative("Old", "New") + "!", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateFromAnotherColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = email WHERE id = ?", name), 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "a@example.org", o);
        assertNoDivergence(t, o);
    }

    /**
     * A later assignment reads the column an earlier one writes: PostgreSQL and H2 give it the old value, MySQL and
     * MariaDB the new one. Either way the application must see what its database would give without the rewrite.
     */
    @EveryPhaseAndName
    void laterAssignmentReadsTheColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = ?, email = {n} WHERE id = ?", name), "Fresh", 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Fresh", o);
        String expectedEmail = dialect().assignsLeftToRight() ? "Fresh" : t.authoritative("Old", "New");
        assertEquals(expectedEmail, t.physical(1, "email"), () -> "email after" + o);
        assertNoDivergence(t, o);
    }

    /** An assignment before the one that writes the column reads the stored, authoritative value. */
    @EveryPhaseAndName
    void earlierAssignmentReadsTheColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET email = {n}, {n} = ? WHERE id = ?", name), "Fresh", 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Fresh", o);
        assertEquals(t.authoritative("Old", "New"), t.physical(1, "email"), () -> "email after" + o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void updateWhereOnTheColumnUsesTheAuthoritativeValue(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "New", "Old", null);
        String authoritativeOfRow1 = t.authoritative("Old", "New");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET email = ? WHERE {n} = ?", name), "hit@example.org",
                authoritativeOfRow1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertEquals("hit@example.org", t.physical(1, "email"), () -> "row 1 after" + o);
        assertEquals("b@example.org", t.physical(2, "email"), () -> "row 2 after" + o);
    }

    @EveryPhaseAndName
    void deleteWhereOnTheColumnUsesTheAuthoritativeValue(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "New", "Old", null);
        Outcome o = t.app.run(sql(t, "DELETE FROM {t} WHERE {n} = ?", name), t.authoritative("Old", "New"));
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertEquals(List.of(2), t.ids(), () -> "remaining rows after" + o);
    }

    /** Two assignments read the column after one wrote it; the database's own evaluation order must hold. */
    @EveryPhaseAndName
    void assignmentsReadingTheColumnTheyWrite(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = " + concat("{n}", "'!'") + ", email = "
                + concat("{n}", "'?'") + " WHERE id = ?", name), 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        String before = t.authoritative("Old", "New");
        assertWritten(t, 1, before + "!", o);
        String expectedEmail = dialect().assignsLeftToRight() ? before + "!?" : before + "?";
        assertEquals(expectedEmail, t.physical(1, "email"), () -> "email after" + o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseAndName
    void quotedIdentifiers(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String table = quoted(t.name);
        Outcome insert = t.app.run("INSERT INTO " + table + " (" + quoted("id") + ", " + quoted(name) + ") VALUES (?, ?)",
                1, "Ada");
        assertWritten(t, 1, "Ada", insert);
        assertNoDivergence(t, insert);
        Outcome update = t.app.run("UPDATE " + table + " SET " + quoted(name) + " = ? WHERE " + quoted(name) + " = ?",
                "Bo", "Ada");
        assertEquals(1, update.updateCount(), () -> "update count" + update);
        assertWritten(t, 1, "Bo", update);
        assertNoDivergence(t, update);
        t.put(2, "b@example.org", "Old", "New", null);
        Outcome select = t.app.run("SELECT p." + quoted(name) + " FROM " + table + " p WHERE p." + quoted("id")
                + " = ?", 2);
        assertEquals(List.of(label(name)), select.labels(), () -> "labels" + select);
        assertEquals(t.authoritative("Old", "New"), select.value(0, label(name)), () -> "value" + select);
    }

    @EveryPhaseAndName
    void mixedCaseUnquotedNames(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String mixed = Character.toUpperCase(name.charAt(0)) + name.substring(1, name.indexOf('_') + 1)
                + Character.toUpperCase(name.charAt(name.indexOf('_') + 1)) + name.substring(name.indexOf('_') + 2);
        Outcome insert = t.app.run(sql(t, "insert into {t} (ID, " + mixed + ") values (?, ?)", null), 1, "Ada");
        assertWritten(t, 1, "Ada", insert);
        assertNoDivergence(t, insert);
        t.put(2, "b@example.org", "Old", "New", null);
        Outcome select = t.app.run(sql(t, "select " + mixed + " from {t} where Id = ?", null), 2);
        assertEquals(List.of(label(mixed)), select.labels(), () -> "labels" + select);
        assertEquals(t.authoritative("Old", "New"), select.value(0, label(mixed)), () -> "value" + select);
    }

    @MirroredPhase
    void insertWritingBothNamesIsLeftAlone(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        String text = sql(t, "INSERT INTO {t} (id, email, full_name, display_name) VALUES (?, ?, ?, ?)", null);
        Outcome o = t.app.run(text, 1, "a@example.org", "Ada", "Ada");
        assertEquals(text, o.physicalSql(), () -> "physical SQL" + o);
        assertWritten(t, 1, "Ada", o);
        assertNoDivergence(t, o);
    }

    @MirroredPhase
    void updateWritingBothNamesIsLeftAlone(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        String text = sql(t, "UPDATE {t} SET full_name = ?, display_name = ? WHERE id = ?", null);
        Outcome o = t.app.run(text, "Bo", "Bo", 1);
        assertEquals(text, o.physicalSql(), () -> "physical SQL" + o);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Bo", o);
        assertNoDivergence(t, o);
    }

    // ------------------------------------------------------------------------------------------------- reads

    @EveryPhaseAndName
    void selectedColumnIsAuthoritativeAndLabelledAsWritten(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT id, {n} FROM {t} WHERE id = ?", name), 1);
        assertEquals(List.of(label("id"), label(name)), o.labels(), () -> "labels" + o);
        assertEquals(1, o.rows().size(), () -> "rows" + o);
        assertEquals(t.authoritative("Old", "New"), o.value(0, label(name)), () -> "value" + o);
    }

    @EveryPhaseAndName
    void qualifiedColumnThroughTableAlias(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT p.{n}, p.email FROM {t} p WHERE p.id = ?", name), 1);
        assertEquals(List.of(label(name), label("email")), o.labels(), () -> "labels" + o);
        assertEquals(t.authoritative("Old", "New"), o.value(0, label(name)), () -> "value" + o);
    }

    @EveryPhaseAndName
    void explicitAliasIsKept(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT {n} AS shown FROM {t} WHERE id = ?", name), 1);
        assertEquals(List.of(label("shown")), o.labels(), () -> "labels" + o);
        assertEquals(t.authoritative("Old", "New"), o.value(0, label("shown")), () -> "value" + o);
    }

    @EveryPhaseAndName
    void expressionOverTheColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT UPPER({n}) AS up, COALESCE({n}, 'none') AS co FROM {t} WHERE id = ?",
                name), 1);
        String expected = t.authoritative("Old", "New");
        assertEquals(expected.toUpperCase(Locale.ROOT), o.value(0, label("up")), () -> "value" + o);
        assertEquals(expected, o.value(0, label("co")), () -> "value" + o);
    }

    @EveryPhaseAndName
    void whereOnTheColumnUsesTheAuthoritativeValue(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "New", "Old", null);
        Outcome o = t.app.run(sql(t, "SELECT id FROM {t} WHERE {n} = ? ORDER BY id", name), "New");
        assertEquals(List.of(phase.readsNew() ? 1 : 2), o.firstColumn(), () -> "rows" + o);
    }

    @EveryPhaseAndName
    void orderByTheColumnUsesTheAuthoritativeValue(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "a", "z", null);
        t.put(2, "b@example.org", "z", "a", null);
        t.put(3, "c@example.org", "m", "m", null);
        Outcome o = t.app.run(sql(t, "SELECT id FROM {t} ORDER BY {n}, id", name));
        assertEquals(phase.readsNew() ? List.of(2, 3, 1) : List.of(1, 3, 2), o.firstColumn(), () -> "rows" + o);
    }

    @EveryPhaseAndName
    void groupByTheColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "x", "p", null);
        t.put(2, "b@example.org", "x", "q", null);
        t.put(3, "c@example.org", "y", "q", null);
        Outcome o = t.app.run(sql(t, "SELECT {n}, COUNT(*) AS c FROM {t} GROUP BY {n} HAVING COUNT(*) > ?"
                + " ORDER BY {n}", name), 1);
        assertEquals(List.of(label(name), label("c")), o.labels(), () -> "labels" + o);
        assertEquals(1, o.rows().size(), () -> "rows" + o);
        assertEquals(phase.readsNew() ? "q" : "x", o.value(0, label(name)), () -> "value" + o);
        assertEquals(2L, ((Number) o.value(0, label("c"))).longValue(), () -> "count" + o);
    }

    @EveryPhaseAndName
    void subqueryOnTheColumn(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "New", "Old", null);
        Outcome o = t.app.run(sql(t, "SELECT email FROM {t} WHERE id IN (SELECT id FROM {t} WHERE {n} = ?)", name),
                "Old");
        assertEquals(List.of(phase.readsNew() ? "b@example.org" : "a@example.org"), o.firstColumn(),
                () -> "rows" + o);
    }

    @EveryPhaseAndName
    void joinWithAnotherTable(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "Src Two", "Src Two", null);
        Outcome o = t.app.run(sql(t, "SELECT s.nm, p.{n} FROM {src} s JOIN {t} p ON p.id = s.id ORDER BY s.id",
                name, src));
        assertEquals(List.of(label("nm"), label(name)), o.labels(), () -> "labels" + o);
        assertEquals(2, o.rows().size(), () -> "rows" + o);
        assertEquals(t.authoritative("Old", "New"), o.value(0, label(name)), () -> "value" + o);
        assertEquals("Src Two", o.value(1, label(name)), () -> "value" + o);

        Outcome on = t.app.run(sql(t, "SELECT s.id FROM {src} s JOIN {t} p ON p.{n} = s.nm", name, src));
        assertEquals(List.of(2), on.firstColumn(), () -> "join on the column" + on);
    }

    @EveryPhase
    void selectBothNames(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT display_name, full_name FROM {t} WHERE id = ?", null), 1);
        if (!(t.hasFrom && t.hasTo)) {
            // No application version knows both names: an operator's statement, and one column does not exist.
            assertRejectedUnsupported(t, o);
            return;
        }
        // An operator's statement (a comparison of the two columns) sees each physical column as it is.
        assertEquals(List.of(label("display_name"), label("full_name")), o.labels(), () -> "labels" + o);
        assertEquals("New", o.value(0, label("display_name")), () -> "value" + o);
        assertEquals("Old", o.value(0, label("full_name")), () -> "value" + o);
    }

    @EveryPhase
    void selectStarGivesBothNamesWithTheAuthoritativeValue(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", "555-0100");
        Outcome o = t.app.run(sql(t, "SELECT * FROM {t} WHERE id = ?", null), 1);
        assertStar(t, o, t.authoritative("Old", "New"));
    }

    @EveryPhase
    void selectQualifiedStar(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Old", "New", "555-0100");
        Outcome o = t.app.run(sql(t, "SELECT p.* FROM {t} p JOIN {src} s ON s.id = p.id WHERE p.id = ?", null, src),
                1);
        assertStar(t, o, t.authoritative("Old", "New"));
    }

    private void assertStar(PeopleTable t, Outcome o, String expected) {
        assertFalse(o.rejected(), () -> "unexpected rejection" + o);
        assertEquals(o.labels().size(), new HashSet<>(o.labels()).size(), () -> "duplicate labels" + o);
        for (String column : List.of("id", "email", "full_name", "display_name")) {
            assertTrue(o.labels().contains(label(column)), () -> "label " + label(column) + " missing" + o);
        }
        assertEquals(1, o.rows().size(), () -> "rows" + o);
        assertEquals(1, ((Number) o.value(0, label("id"))).intValue(), () -> "id" + o);
        assertEquals("a@example.org", o.value(0, label("email")), () -> "email" + o);
        assertEquals(expected, o.value(0, label("full_name")), () -> "full_name" + o);
        assertEquals(expected, o.value(0, label("display_name")), () -> "display_name" + o);
        if (t.hasPhone) {
            assertTrue(o.labels().contains(label("phone_number")), () -> "label phone_number missing" + o);
        }
        if (o.labels().contains(label("phone_number"))) {
            assertNull(o.value(0, label("phone_number")), () -> "a dropped column reads as NULL" + o);
        }
    }

    @EveryPhase
    void selectStarJoinedWithAnotherTable(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Old", "New", "555-0100");
        Outcome o = t.app.run(sql(t, "SELECT * FROM {t} p JOIN {src} s ON s.id = p.id WHERE p.id = ?", null, src), 1);
        assertFalse(o.rejected(), () -> "unexpected rejection" + o);
        assertEquals(1, o.rows().size(), () -> "rows" + o);
        String expected = t.authoritative("Old", "New");
        assertEquals(expected, o.value(0, label("full_name")), () -> "full_name" + o);
        assertEquals(expected, o.value(0, label("display_name")), () -> "display_name" + o);
        assertEquals("Src One", o.value(0, label("nm")), () -> "nm" + o);
        assertEquals("a@example.org", o.value(0, label("email")), () -> "the people table's email comes first" + o);
    }

    @EveryPhase
    void starOverADerivedTable(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", "555-0100");
        Outcome o = t.app.run(sql(t, "SELECT x.* FROM (SELECT * FROM {t} WHERE id = ?) x", null), 1);
        assertStar(t, o, t.authoritative("Old", "New"));
    }

    @EveryPhaseAndName
    void columnOfADerivedTable(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT x.{n} FROM (SELECT id, {n} FROM {t}) x WHERE x.id = ?", name), 1);
        assertEquals(List.of(label(name)), o.labels(), () -> "labels" + o);
        assertEquals(t.authoritative("Old", "New"), o.value(0, label(name)), () -> "value" + o);
    }

    /** Unqualified, with two tables in scope: the catalog says which one has the column. */
    @EveryPhaseAndName
    void unqualifiedColumnWithTwoTablesInScope(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT {n}, nm FROM {t} p JOIN {src} s ON s.id = p.id WHERE {n} IS NOT NULL",
                name, src));
        assertEquals(List.of(label(name), label("nm")), o.labels(), () -> "labels" + o);
        assertEquals(1, o.rows().size(), () -> "rows" + o);
        assertEquals(t.authoritative("Old", "New"), o.value(0, label(name)), () -> "value" + o);
    }

    @EveryPhaseAndName
    void countStarIsNotExpanded(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", null, null);
        t.put(2, "b@example.org", null, "New", null);
        t.put(3, "c@example.org", "Both", "Both", null);
        Outcome o = t.app.run(sql(t, "SELECT COUNT(*) AS c, COUNT({n}) AS n FROM {t}", name));
        assertEquals(3L, ((Number) o.value(0, label("c"))).longValue(), () -> "count" + o);
        assertEquals(2L, ((Number) o.value(0, label("n"))).longValue(), () -> "count" + o);
    }

    @EveryPhaseAndName
    void unionOfTwoSelects(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        t.put(2, "b@example.org", "Old2", "New2", null);
        Outcome o = t.app.run(sql(t, "SELECT {n} FROM {t} WHERE id = ? UNION ALL SELECT {n} FROM {t} WHERE id = ?",
                name), 1, 2);
        assertEquals(List.of(label(name)), o.labels(), () -> "labels" + o);
        assertEquals(List.of(t.authoritative("Old", "New"), t.authoritative("Old2", "New2")), o.firstColumn(),
                () -> "rows" + o);
    }

    @EveryPhaseAndName
    void correlatedAndExistsSubqueries(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        t.put(1, "a@example.org", "Src One", "Other", null);
        t.put(2, "b@example.org", "Other", "Src Two", null);
        Outcome o = t.app.run(sql(t, "SELECT p.id, (SELECT q.{n} FROM {t} q WHERE q.id = p.id) AS x FROM {t} p"
                + " ORDER BY p.id", name));
        assertEquals(List.of(label("id"), label("x")), o.labels(), () -> "labels" + o);
        assertEquals(t.authoritative("Src One", "Other"), o.value(0, label("x")), () -> "value" + o);
        assertEquals(t.authoritative("Other", "Src Two"), o.value(1, label("x")), () -> "value" + o);

        Outcome e = t.app.run(sql(t, "SELECT s.id FROM {src} s WHERE EXISTS (SELECT 1 FROM {t} p WHERE p.{n} = s.nm)"
                + " ORDER BY s.id", name, src));
        assertEquals(List.of(phase.readsNew() ? 2 : 1), e.firstColumn(), () -> "rows" + e);
    }

    @EveryPhaseAndName
    void distinctOrderAndLimit(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "b", "y", null);
        t.put(2, "b@example.org", "b", "y", null);
        t.put(3, "c@example.org", "a", "z", null);
        t.put(4, "d@example.org", "c", "x", null);
        Outcome o = t.app.run(sql(t, "SELECT DISTINCT {n} FROM {t} ORDER BY {n} DESC LIMIT 2", name));
        assertEquals(List.of(label(name)), o.labels(), () -> "labels" + o);
        assertEquals(phase.readsNew() ? List.of("z", "y") : List.of("c", "b"), o.firstColumn(), () -> "rows" + o);
    }

    /** Another table's column that happens to be called full_name is neither renamed nor mirrored. */
    @EveryPhaseAndName
    void sameNamedColumnOfAnotherTableIsNotTouched(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String other = otherTableWithFullName();
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome join = t.app.run(sql(t, "SELECT o.full_name AS theirs, p.{n} FROM " + other + " o JOIN {t} p"
                + " ON p.id = o.id", name));
        assertEquals(List.of(label("theirs"), label(name)), join.labels(), () -> "labels" + join);
        assertEquals("Other One", join.value(0, label("theirs")), () -> "value" + join);
        assertEquals(t.authoritative("Old", "New"), join.value(0, label(name)), () -> "value" + join);

        Outcome copy = t.app.run(sql(t, "INSERT INTO " + other + " (id, full_name) SELECT id + 10, {n} FROM {t}",
                name));
        assertEquals(1, copy.updateCount(), () -> "update count" + copy);
        Outcome check = t.app.run("SELECT full_name FROM " + other + " WHERE id = 11");
        assertEquals(List.of(t.authoritative("Old", "New")), check.firstColumn(), () -> "copied value" + copy);

        Outcome update = t.app.run(sql(t, "UPDATE " + other + " SET full_name = ? WHERE id IN (SELECT p.id FROM {t} p"
                + " WHERE p.{n} = ?)", name), "Changed", t.authoritative("Old", "New"));
        assertEquals(1, update.updateCount(), () -> "update count" + update);

        // Unqualified in the subquery, full_name is the window table's for the old version and the outer table's for
        // the new one, whose schema has no full_name there: which one is meant cannot be told.
        Outcome unqualified = t.app.run(sql(t, "UPDATE " + other + " SET full_name = ? WHERE id IN (SELECT id FROM {t}"
                + " WHERE {n} = ?)", name), "Changed", t.authoritative("Old", "New"));
        if (name.equals("full_name")) {
            assertTrue(unqualified.rejected(), () -> "expected a rejection" + unqualified);
            assertEquals(Rejection.AMBIGUOUS, unqualified.rejection().sqlState(), () -> "SQLSTATE" + unqualified);
        } else {
            assertEquals(1, unqualified.updateCount(), () -> "update count" + unqualified);
        }
    }

    @EveryPhase
    void outputOfACteSharingTheNameIsNotTheColumn(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "WITH c AS (SELECT id, 'from the CTE' AS display_name FROM {t})"
                + " SELECT c.display_name FROM c WHERE c.id = ?", null), 1);
        assertEquals(List.of(label("display_name")), o.labels(), () -> "labels" + o);
        assertEquals("from the CTE", o.value(0, label("display_name")), () -> "value" + o);
    }

    @EveryPhase
    void namesInsideStringLiteralsAreNotTouched(Phase phase) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "full_name", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT id, 'display_name' AS lit FROM {t} WHERE email = 'full_name'", null));
        assertEquals(List.of(List.of(1, "display_name")), o.rows(), () -> "rows" + o);
    }

    // ------------------------------------------------------------------------------------------------- drop window

    @EveryPhaseWithAndWithoutPhone
    void insertWritingTheDroppedColumn(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)",
                null), 1, "a@example.org", "Ada", "555-0100");
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada", o);
        if (withPhone) {
            assertNull(t.physical(1, "phone_number"), () -> "the write of the dropped column is removed" + o);
        }
        assertNoDivergence(t, o);
    }

    @EveryPhaseWithAndWithoutPhone
    void multiRowInsertWritingTheDroppedColumnFirst(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (phone_number, id, display_name) VALUES (?, ?, ?),"
                + " ('555-0101', 2, 'Bo')", null), "555-0100", 1, "Ann");
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ann", o);
        assertWritten(t, 2, "Bo", o);
        assertNoDivergence(t, o);
    }

    @EveryPhaseWithAndWithoutPhone
    void updateOfOnlyTheDroppedColumn(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET phone_number = ? WHERE id = ?", null), "555-0100", 1);
        assertFalse(o.rejected(), () -> "unexpected rejection" + o);
        assertEquals(1, o.updateCount(), () -> "update count (the row matched)" + o);
        if (withPhone) {
            assertNull(t.physical(1, "phone_number"), () -> "the write of the dropped column is removed" + o);
        }
        assertWritten(t, 1, "Ada", o);
    }

    @EveryPhaseWithAndWithoutPhone
    void updateOfTheDroppedColumnAndOthers(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET phone_number = ?, email = ?, full_name = ? WHERE id = ?",
                null), "555-0100", "ada@example.org", "Ada L.", 1);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Ada L.", o);
        assertEquals("ada@example.org", t.physical(1, "email"));
        assertNoDivergence(t, o);
    }

    @EveryPhaseWithAndWithoutPhone
    void readOfTheDroppedColumnIsNullUnderItsName(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        t.put(1, "a@example.org", "Ada", "Ada", "555-0100");
        Outcome o = t.app.run(sql(t, "SELECT id, phone_number, p.phone_number AS phone FROM {t} p WHERE id = ?",
                null), 1);
        assertEquals(List.of(label("id"), label("phone_number"), label("phone")), o.labels(), () -> "labels" + o);
        assertEquals(1, o.rows().size(), () -> "rows" + o);
        assertNull(o.value(0, label("phone_number")), () -> "value" + o);
        assertNull(o.value(0, label("phone")), () -> "value" + o);
    }

    @EveryPhaseWithAndWithoutPhone
    void insertSelectWritingTheDroppedColumn(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        String src = sourceTable();
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, phone_number, email, full_name) SELECT id, '555-0100',"
                + " email, nm FROM {src} WHERE id < ?", null, src), 3);
        assertEquals(2, o.updateCount(), () -> "update count" + o);
        assertWritten(t, 1, "Src One", o);
        assertWritten(t, 2, "Src Two", o);
        if (withPhone) {
            assertNull(t.physical(1, "phone_number"), () -> "the write of the dropped column is removed" + o);
        }
        assertNoDivergence(t, o);
    }

    /**
     * Reads of the dropped column give NULL everywhere, the WHERE clause of a query included; in a condition that
     * decides which rows a statement writes it is rejected, as NULL there would write other rows.
     */
    @EveryPhaseWithAndWithoutPhone
    void whereOnTheDroppedColumnSeesNull(Phase phase, boolean withPhone) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        t.put(1, "a@example.org", "Ada", "Ada", "555-0100");
        t.put(2, "b@example.org", "Bo", "Bo", null);
        Outcome isNull = t.app.run(sql(t, "SELECT id FROM {t} WHERE phone_number IS NULL ORDER BY id", null));
        assertEquals(List.of(1, 2), isNull.firstColumn(), () -> "rows" + isNull);
        Outcome equal = t.app.run(sql(t, "SELECT id FROM {t} WHERE phone_number = ?", null), "555-0100");
        assertEquals(List.of(), equal.firstColumn(), () -> "rows" + equal);
        Outcome update = t.app.run(sql(t, "UPDATE {t} SET email = ? WHERE phone_number IS NULL AND id = ?", null),
                "x@example.org", 1);
        assertRejectedUnsupported(t, update);
        assertEquals("a@example.org", t.physical(1, "email"));
    }

    /** After the physical drop, old code's SELECT * still finds the dropped column, as NULL. */
    @EveryPhase
    void selectStarAfterThePhysicalDropStillNamesTheDroppedColumn(Phase phase) throws SQLException {
        PeopleTable t = people(phase, false);
        t.put(1, "a@example.org", "Old", "New", null);
        Outcome o = t.app.run(sql(t, "SELECT * FROM {t} WHERE id = ?", null), 1);
        assertStar(t, o, t.authoritative("Old", "New"));
        assertTrue(o.labels().contains(label("phone_number")), () -> "label phone_number missing" + o);
    }

    // ------------------------------------------------------------------------------------------------- rejections

    /**
     * An INSERT of a volatile value into a mirrored column. PostgreSQL and H2 cannot name the value twice without
     * evaluating it twice, so the statement is rejected and not executed. MySQL and MariaDB let a later value of the
     * row refer to a column set earlier in it, so there the engine copies the value instead (mysql.corpus, "uuid() in
     * the renamed column is read back from the row"); both columns must hold the one value.
     */
    @MirroredPhaseAndName
    void insertOfAVolatileValueIntoTheMirroredColumnIsRejectedOrCopied(Phase phase, String name)
            throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, " + volatileValue() + ")", name),
                1, "a@example.org");
        if (dialect() == Dialect.MYSQL) {
            assertFalse(o.rejected(), () -> "copied, not rejected" + o);
            assertEquals(1, o.updateCount(), () -> "update count" + o);
            assertNotNull(t.physical(1, PeopleTable.FROM), () -> "value after" + o);
        } else {
            assertRejectedUnsupported(t, o);
            assertEquals(0, t.rowCount(), "nothing was written");
        }
        assertNoDivergence(t, o);
    }

    /**
     * An UPDATE of a volatile value: rejected on PostgreSQL and H2 (reject.corpus, h2.corpus); on MySQL and MariaDB,
     * whose later assignments see the earlier ones, rewritten so that both columns get the one value (mysql.corpus,
     * "update with uuid() is read back from the row").
     */
    @MirroredPhaseAndName
    void updateToAVolatileValueIsRejectedOrMirroredExactly(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        Outcome o = t.app.run(sql(t, "UPDATE {t} SET {n} = " + volatileValue() + " WHERE id = ?", name), 1);
        assertEquals(dialect() != Dialect.MYSQL, o.rejected(), () -> "rejected exactly where the corpus says" + o);
        if (o.rejected()) {
            assertRejectedUnsupported(t, o);
            for (String column : t.nameColumns()) {
                assertEquals("Ada", t.physical(1, column), "a rejected statement changes nothing");
            }
        } else {
            assertEquals(1, o.updateCount(), () -> "update count" + o);
            assertNotNull(t.physical(1, t.nameColumns().get(0)));
            assertFalse("Ada".equals(t.physical(1, t.nameColumns().get(0))), () -> "not updated" + o);
        }
        assertNoDivergence(t, o);
    }

    /**
     * In INSERT ... SELECT no value can refer to another column of the new row, so a volatile value is rejected in
     * every dialect (reject.corpus, h2.corpus, mysql.corpus "insert select with uuid()").
     */
    @MirroredPhaseAndName
    void insertSelectOfAVolatileValueIsRejected(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        String src = sourceTable();
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) SELECT id, email, " + volatileValue()
                + " FROM {src}", name, src));
        assertRejectedUnsupported(t, o);
        assertEquals(0, t.rowCount(), "nothing was written");
        assertNoDivergence(t, o);
    }

    /** With one physical column there is nothing to mirror: a volatile value is written once, as the SQL says. */
    @SingleColumnPhaseAndName
    void volatileValueIsFineWhenOnlyOneColumnIsWritten(Phase phase, String name) throws SQLException {
        PeopleTable t = people(phase);
        Outcome o = t.app.run(sql(t, "INSERT INTO {t} (id, email, {n}) VALUES (?, ?, " + volatileValue() + ")", name),
                1, "a@example.org");
        assertFalse(o.rejected(), () -> "unexpected rejection" + o);
        assertEquals(1, o.updateCount(), () -> "update count" + o);
        assertNotNull(t.physical(1, t.nameColumns().get(0)), () -> "value after" + o);
    }

    // ------------------------------------------------------------------------------------------------- upserts

    /**
     * Runs an upsert whose parameters are (id, email, name) and that updates email and the name on conflict: first
     * for a new row, then for the same row, then for a row whose two columns differed before.
     */
    void checkUpsert(Phase phase, String name, String template) throws SQLException {
        PeopleTable t = people(phase);
        t.put(2, "b@example.org", "Old", "New", null);
        String text = sql(t, template, name);
        Outcome insert = t.app.run(text, 1, "a@example.org", "First");
        assertWritten(t, 1, "First", insert);
        Outcome update = t.app.run(text, 1, "a2@example.org", "Second");
        assertWritten(t, 1, "Second", update);
        assertEquals("a2@example.org", t.physical(1, "email"), () -> "email after" + update);
        Outcome converge = t.app.run(text, 2, "b2@example.org", "Third");
        assertWritten(t, 2, "Third", converge);
        assertNoDivergence(t, converge);
        assertEquals(List.of(1, 2), t.ids());
    }

    /**
     * Runs an upsert with parameters (id, email, suffix) whose conflict branch appends the suffix to the name, against
     * a row written after the backfill and one whose columns differ.
     */
    void checkUpsertWithExpression(Phase phase, String name, String template) throws SQLException {
        PeopleTable t = people(phase);
        t.put(1, "a@example.org", "Ada");
        t.put(2, "b@example.org", "Old", "New", null);
        String text = sql(t, template, name);
        Outcome first = t.app.run(text, 1, "a@example.org", "+");
        assertWritten(t, 1, "Ada+", first);
        Outcome fresh = t.app.run(text, 3, "c@example.org", "Cy");
        assertWritten(t, 3, "Cy", fresh);
        Outcome second = t.app.run(text, 2, "b@example.org", "+");
        assertWritten(t, 2, t.authoritative("Old", "New") + "+", second);
        assertNoDivergence(t, second);
    }

    /**
     * Runs an upsert with parameters (id, email, phone_number, full_name) that also writes the dropped phone_number on
     * conflict, first for a new row, then for the same row: both take effect on the name, and the dropped column is
     * never written where it still exists.
     */
    void checkUpsertWritingTheDroppedColumn(Phase phase, boolean withPhone, String template) throws SQLException {
        PeopleTable t = people(phase, withPhone);
        String text = sql(t, template, null);
        Outcome insert = t.app.run(text, 1, "a@example.org", "555-0100", "Ada");
        assertWritten(t, 1, "Ada", insert);
        Outcome update = t.app.run(text, 1, "a@example.org", "555-0101", "Bo");
        assertWritten(t, 1, "Bo", update);
        if (withPhone) {
            assertNull(t.physical(1, "phone_number"), () -> "the write of the dropped column is removed" + update);
        }
        assertNoDivergence(t, update);
    }
}
