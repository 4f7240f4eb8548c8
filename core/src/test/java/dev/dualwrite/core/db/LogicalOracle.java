package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The correctness oracle for one application version in one phase: a <em>logical</em> table with only the columns
 * that version knows ({@code id, email} and {@code full_name} or {@code display_name}) beside a <em>physical</em>
 * {@link PeopleTable} of the phase, both seeded with the same rows. A statement runs through the bare driver on the
 * logical table and through the rewrite engine on the physical one; the two outcomes must agree in update count,
 * labels and rows, and afterwards the logical table must equal the physical table read through the authoritative
 * column, with both columns equal in every row in mirror and read-new.
 *
 * <p>Templates name the table {@code {t}}, the name the application uses {@code {n}}, and a view over the table
 * {@code {v}} (see {@link #view()}); other names are substituted with {@link #with}. Seeded rows may hold a marker in
 * the column that must not be read ({@link #seedMarked}), so that a read from the wrong column shows.
 */
final class LogicalOracle {
    final Connection connection;
    final Dialect dialect;
    final Phase phase;
    final String name;
    final PeopleTable physical;
    final String logical;
    private final RewritingExecutor bare;
    private final Map<String, String[]> substitutions = new LinkedHashMap<>();
    /** Rows seeded with a marker in the column that must not be read: only their written rows must agree. */
    private final List<Integer> marked = new ArrayList<>();

    /**
     * @param cleanup receives the statements that drop what this creates, to run after the test in order
     */
    LogicalOracle(Connection connection, Dialect dialect, Phase phase, String name, String logicalName,
            String physicalName, List<String> cleanup) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.phase = phase;
        this.name = name;
        this.logical = logicalName;
        cleanup.add("DROP TABLE IF EXISTS " + logicalName);
        cleanup.add("DROP TABLE IF EXISTS " + physicalName);
        execute("CREATE TABLE " + logicalName + " (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(100), " + name
                + " VARCHAR(100))");
        this.physical = new PeopleTable(connection, dialect, phase, physicalName, false);
        this.bare = new RewritingExecutor(connection, RewriteEngine.builder(dialect)
                .config(Configuration.empty()).build());
        substitutions.put("{t}", new String[] {logicalName, physicalName});
        substitutions.put("{n}", new String[] {name, name});
    }

    /** Substitutes {@code placeholder} with {@code logicalText} on the bare side and {@code physicalText} in the other. */
    LogicalOracle with(String placeholder, String logicalText, String physicalText) {
        substitutions.put(placeholder, new String[] {logicalText, physicalText});
        return this;
    }

    /** Substitutes {@code placeholder} with {@code text} on both sides (a table both statements share). */
    LogicalOracle with(String placeholder, String text) {
        return with(placeholder, text, text);
    }

    /** Creates {@code {v}}: a view over each side's table, of all its columns. */
    LogicalOracle view(List<String> cleanup) throws SQLException {
        String lv = logical + "_lv";
        String pv = physical.name + "_pv";
        cleanup.add(0, "DROP VIEW IF EXISTS " + lv);
        cleanup.add(0, "DROP VIEW IF EXISTS " + pv);
        execute("CREATE VIEW " + lv + " AS SELECT * FROM " + logical);
        execute("CREATE VIEW " + pv + " AS SELECT * FROM " + physical.name);
        return with("{v}", lv, pv);
    }

    /** Seeds rows {@code {id, email, name}} into both tables; the physical table gets the name in both columns. */
    LogicalOracle seed(Object[]... rows) throws SQLException {
        for (Object[] r : rows) {
            insertLogical(r);
            physical.put((Integer) r[0], (String) r[1], (String) r[2]);
        }
        return this;
    }

    /**
     * Seeds rows whose physical column that must not be read holds a marker (in mirror and read-new; in the other
     * phases there is no such column and this is {@link #seed}).
     */
    LogicalOracle seedMarked(Object[]... rows) throws SQLException {
        for (Object[] r : rows) {
            insertLogical(r);
            String marker = "marker-" + r[0];
            String v = (String) r[2];
            if (physical.hasFrom && physical.hasTo) {
                physical.put((Integer) r[0], (String) r[1], phase.readsNew() ? marker : v,
                        phase.readsNew() ? v : marker, null);
                marked.add((Integer) r[0]);
            } else {
                physical.put((Integer) r[0], (String) r[1], v);
            }
        }
        return this;
    }

    private void insertLogical(Object[] r) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + logical + " (id, email, " + name
                + ") VALUES (?, ?, ?)")) {
            ps.setObject(1, r[0]);
            ps.setObject(2, r[1]);
            ps.setObject(3, r[2]);
            ps.executeUpdate();
        }
    }

    static Object[] row(int id, String email, String name) {
        return new Object[] {id, email, name};
    }

    /** The two outcomes of one statement. */
    record Result(LogicalOracle oracle, String logicalSql, Outcome bare, SQLException bareError, Outcome rewritten,
            SQLException rewrittenError) {

        /** The rewritten statement ran and gave exactly what the bare driver gave on the logical schema. */
        Result assertExact() throws SQLException {
            assertNull(bareError, () -> "the bare statement failed: " + logicalSql + ": " + bareError);
            assertNull(rewrittenError, () -> "the rewritten statement failed where the bare one ran: " + rewrittenError);
            assertFalse(rewritten.rejected(), () -> "rejected, though the bare driver ran it" + rewritten);
            compare();
            return this;
        }

        /** Rejected with {@code sqlState}, a reason containing {@code reasonPiece}, and nothing executed. */
        Result assertRejected(String sqlState, String reasonPiece) throws SQLException {
            assertTrue(rewritten != null && rewritten.rejected(), () -> "expected a rejection, got "
                    + (rewrittenError != null ? rewrittenError.toString() : String.valueOf(rewritten)));
            assertEquals(sqlState, rewritten.rejection().sqlState(), () -> "SQLSTATE of" + rewritten);
            assertTrue(rewritten.rejection().message().toLowerCase(Locale.ROOT)
                    .contains(reasonPiece.toLowerCase(Locale.ROOT)), () -> "reason of" + rewritten);
            assertNull(rewritten.physicalSql(), "a rejected statement must not be executed");
            return this;
        }

        /** Both failed (the statement is wrong for this database either way), or the rewritten one was rejected. */
        Result assertBothFail() {
            assertTrue(bareError != null, () -> "the bare statement ran: " + bare);
            assertTrue(rewrittenError != null || rewritten.rejected(), () -> "the rewritten statement ran" + rewritten);
            return this;
        }

        private void compare() throws SQLException {
            assertEquals(bare.updateCount(), rewritten.updateCount(), () -> "update count; bare" + bare
                    + "\nrewritten" + rewritten);
            assertEquals(bare.labels(), rewritten.labels(), () -> "labels; bare" + bare + "\nrewritten" + rewritten);
            assertEquals(ResultRows.byValue(bare.rows()), ResultRows.byValue(rewritten.rows()), () -> "rows; bare" + bare
                    + "\nrewritten" + rewritten);
            oracle.compareContents(this);
        }
    }

    /** Runs {@code template} through the bare driver on the logical table and through the engine on the physical one. */
    Result run(String template, Object... params) throws SQLException {
        String l = template;
        String p = template;
        for (Map.Entry<String, String[]> e : substitutions.entrySet()) {
            l = l.replace(e.getKey(), e.getValue()[0]);
            p = p.replace(e.getKey(), e.getValue()[1]);
        }
        Outcome b = null;
        SQLException be = null;
        boolean auto = connection.getAutoCommit();
        try {
            b = bare.run(l, params);
        } catch (SQLException e) {
            be = e;
            recover(auto);
        }
        Outcome r = null;
        SQLException re = null;
        try {
            r = physical.app.run(p, params);
        } catch (SQLException e) {
            re = e;
            recover(auto);
        }
        return new Result(this, l, b, be, r, re);
    }

    /** PostgreSQL aborts the transaction on an error; with autocommit off the test's transaction is rolled back. */
    private void recover(boolean autoCommit) throws SQLException {
        if (!autoCommit) {
            connection.rollback();
        }
    }

    /** The logical table equals the physical one read through its authoritative column; mirrored columns agree. */
    void compareContents(Result r) throws SQLException {
        List<List<Object>> expected = rows("SELECT id, email, " + name + " FROM " + logical + " ORDER BY id");
        String read = phase.readsNew() ? PeopleTable.TO : PeopleTable.FROM;
        List<List<Object>> actual = rows("SELECT id, email, " + read + " FROM " + physical.name + " ORDER BY id");
        assertEquals(expected, actual, () -> "table contents (logical, then physical through " + read + ") after"
                + r.rewritten);
        if (physical.hasFrom && physical.hasTo) {
            List<List<Object>> both = rows("SELECT id, " + PeopleTable.FROM + ", " + PeopleTable.TO + " FROM "
                    + physical.name + " ORDER BY id");
            for (List<Object> row : both) {
                int id = ((Number) row.get(0)).intValue();
                boolean untouchedMarker = marked.contains(id) && String.valueOf(row.get(1)).startsWith("marker-")
                        != String.valueOf(row.get(2)).startsWith("marker-");
                if (!untouchedMarker && !java.util.Objects.equals(row.get(1), row.get(2))) {
                    fail("full_name and display_name differ in row " + id + ": " + row + " after" + r.rewritten);
                }
            }
        }
    }

    private List<List<Object>> rows(String sql) throws SQLException {
        return ResultRows.byValue(ResultRows.query(connection, sql));
    }

    void execute(String sql) throws SQLException {
        try (var st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public String toString() {
        return "logical " + logical + " (" + name + ") vs " + physical;
    }
}
