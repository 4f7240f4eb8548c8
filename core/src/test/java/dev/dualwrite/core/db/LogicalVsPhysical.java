package dev.dualwrite.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.RewritingExecutor.Outcome;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The correctness oracle for one application version in one phase: every table exists twice, once as that version
 * expects it (the logical schema: the window table {@code users} has only the name the version knows) and once as the
 * phase has it physically (old-only: {@code full_name}; mirror and read-new: both; new-only: {@code display_name}).
 * A statement runs through the bare driver on the logical tables and through the rewrite engine on the physical ones;
 * {@link #assertSameOutcome} compares update counts, labels, rows and the final contents of every table, and in
 * mirror and read-new that both physical columns agree on every row.
 *
 * <p>Templates name the tables by placeholders: {@code {users}} and those given to {@link #table}; {@code {n}} is the
 * name the version uses and {@code {m}} the other name of the window, which another table may have.
 */
final class LogicalVsPhysical {
    static final String FROM = "full_name";
    static final String TO = "display_name";
    static final String DROPPED = "phone_number";

    final Connection connection;
    final Dialect dialect;
    final Phase phase;
    /** The name the application version uses: {@link #FROM} (old version) or {@link #TO} (new version). */
    final String name;
    final boolean hasFrom;
    final boolean hasTo;
    /** Whether a drop window on {@code users.phone_number} is configured (the column exists on both sides). */
    final boolean drop;
    private final Map<String, String[]> tables = new LinkedHashMap<>();
    private final RewritingExecutor app;

    /**
     * Creates both {@code users} tables: {@code (id, email, <name>, phone_number)} logically, the phase's columns
     * physically; {@code cleanup} receives each table name to drop afterwards.
     */
    LogicalVsPhysical(Connection connection, Dialect dialect, Phase phase, String name, boolean drop,
            Function<String, String> uniqueName, List<String> cleanup) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.phase = phase;
        this.name = name;
        this.drop = drop;
        this.hasFrom = phase != Phase.NEW_ONLY;
        this.hasTo = phase != Phase.OLD_ONLY;
        String logical = uniqueName.apply("dwl_");
        String physical = uniqueName.apply("dwp_");
        cleanup.add("DROP TABLE IF EXISTS " + logical);
        cleanup.add("DROP TABLE IF EXISTS " + physical);
        tables.put("users", new String[] {logical, physical});
        String phone = drop ? ", " + DROPPED + " VARCHAR(40)" : "";
        execute("CREATE TABLE " + logical + " (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(100), " + name
                + " VARCHAR(100), age INTEGER" + phone + ")");
        // The new column comes last, as ADD COLUMN puts it: a rename keeps the old column's place in the logical
        // schema, so only a correct expansion of * gives every column its logical position.
        execute("CREATE TABLE " + physical + " (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(100)"
                + (hasFrom ? ", " + FROM + " VARCHAR(100)" : "") + ", age INTEGER" + phone
                + (hasTo ? ", " + TO + " VARCHAR(100)" : "") + ")");
        Configuration.Builder config = Configuration.builder().rename(physical, FROM, TO, phase);
        if (drop) {
            config.drop(physical, DROPPED);
        }
        RewriteEngine engine = RewriteEngine.builder(dialect).config(config.build())
                .catalog(new MetaDataCatalog(connection, dialect)).build();
        this.app = new RewritingExecutor(connection, engine);
        this.uniqueName = uniqueName;
        this.cleanup = cleanup;
    }

    private final Function<String, String> uniqueName;
    private final List<String> cleanup;

    /**
     * Creates a table that is not a window table, identically on both sides: {@code columns} is the column list of
     * CREATE TABLE, {@code rows} are VALUES rows inserted into it.
     */
    LogicalVsPhysical table(String placeholder, String columns, String... rows) throws SQLException {
        String[] names = {uniqueName.apply("dwl_"), uniqueName.apply("dwp_")};
        tables.put(placeholder, names);
        for (String t : names) {
            cleanup.add(0, "DROP TABLE IF EXISTS " + t);
            execute("CREATE TABLE " + t + " (" + sql(columns, 0) + ")");
            for (String row : rows) {
                execute("INSERT INTO " + t + " VALUES " + sql(row, 0));
            }
        }
        return this;
    }

    /** Inserts a user on both sides: the name into the version's column, and into every physical name column. */
    LogicalVsPhysical user(int id, String email, String value) throws SQLException {
        return user(id, email, value, null);
    }

    LogicalVsPhysical user(int id, String email, String value, String phone) throws SQLException {
        String[] t = tables.get("users");
        insert(t[0], List.of("id", "email", "age", name), List.of(id, email, (4 - id) * 10), value, phone);
        List<String> physical = new ArrayList<>(List.of("id", "email", "age"));
        if (hasFrom) {
            physical.add(FROM);
        }
        if (hasTo) {
            physical.add(TO);
        }
        insert(t[1], physical, List.of(id, email, (4 - id) * 10), value, phone);
        return this;
    }

    private void insert(String table, List<String> cols, List<Object> head, String value, String phone)
            throws SQLException {
        List<String> c = new ArrayList<>(cols);
        List<Object> v = new ArrayList<>(head);
        while (v.size() < c.size()) {
            v.add(value);
        }
        if (drop) {
            c.add(DROPPED);
            v.add(phone);
        }
        String sql = "INSERT INTO " + table + " (" + String.join(", ", c) + ") VALUES (" + "?, ".repeat(c.size() - 1)
                + "?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < v.size(); i++) {
                set(ps, i + 1, v.get(i));
            }
            ps.executeUpdate();
        }
    }

    /** The name of the window the application version does not know. */
    String other() {
        return name.equals(FROM) ? TO : FROM;
    }

    /** The template with {@code {n}}, {@code {m}} (the other name) and the table placeholders of one side (0 logical, 1 physical). */
    String sql(String template, int side) {
        String s = template.replace("{n}", name).replace("{m}", other());
        for (Map.Entry<String, String[]> e : tables.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue()[side]);
        }
        return s;
    }

    /** Runs the statement both ways and asserts the same outcome; returns the physical one. */
    Outcome assertSameOutcome(String template, Object... params) throws SQLException {
        Outcome logical = bare(sql(template, 0), params);
        Outcome physical = app.run(sql(template, 1), params);
        String where = "\n  " + this + "\n  logical:" + logical + "\n  physical:" + physical;
        assertFalse(physical.rejected(), () -> "rejected a statement that is correct on the logical schema" + where);
        assertEquals(logical.updateCount(), physical.updateCount(), () -> "update count" + where);
        assertEquals(logical.labels(), physical.labels(), () -> "labels" + where);
        boolean ordered = template.toUpperCase(java.util.Locale.ROOT).contains("ORDER BY");
        List<List<Object>> l = ResultRows.byValue(logical.rows());
        List<List<Object>> p = ResultRows.byValue(physical.rows());
        assertEquals(ordered ? l : ResultRows.sorted(l), ordered ? p : ResultRows.sorted(p), () -> "rows" + where);
        assertSameContents(where);
        return physical;
    }

    /**
     * Like {@link #assertSameOutcome} for a statement whose result has {@code *} over the window table: the physical
     * result may carry the name the version does not know as extra columns after the logical ones, and the label at
     * the window column's position may be the other name. What the application reads must agree: every logical
     * position (while the old column exists, so that its position is known), and the first column under every
     * logical label.
     */
    Outcome assertSameOutcomeAsRead(String template, Object... params) throws SQLException {
        Outcome logical = bare(sql(template, 0), params);
        Outcome physical = app.run(sql(template, 1), params);
        String where = "\n  " + this + "\n  logical:" + logical + "\n  physical:" + physical;
        assertFalse(physical.rejected(), () -> "rejected a statement that is correct on the logical schema" + where);
        assertEquals(logical.updateCount(), physical.updateCount(), () -> "update count" + where);
        List<List<Object>> l = ResultRows.byValue(logical.rows());
        List<List<Object>> p = ResultRows.byValue(physical.rows());
        assertEquals(l.size(), p.size(), () -> "row count" + where);
        assertTrue(p.isEmpty() || p.get(0).size() >= l.get(0).size(), () -> "fewer columns" + where);
        for (int r = 0; r < l.size(); r++) {
            int row = r;
            if (hasFrom) {
                assertEquals(l.get(r), p.get(r).subList(0, l.get(r).size()), () -> "row " + row + " by position"
                        + where);
            }
            for (String label : logical.labels()) {
                int li = indexOf(logical.labels(), label);
                int pi = indexOf(physical.labels(), label);
                assertTrue(pi >= 0, () -> "no column labelled " + label + where);
                assertEquals(l.get(r).get(li), p.get(r).get(pi), () -> "row " + row + " by label " + label + where);
            }
        }
        assertSameContents(where);
        return physical;
    }

    /** The first index of a label, compared as JDBC's findColumn does (ignoring case). */
    private static int indexOf(List<String> labels, String label) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        return -1;
    }

    /** Runs a statement through the engine on the physical tables only (an operator's statement has no logical twin). */
    Outcome physical(String template, Object... params) throws SQLException {
        return app.run(sql(template, 1), params);
    }

    /** Executes SQL on the physical tables directly, bypassing the engine (to set up a state). */
    void executePhysically(String template) throws SQLException {
        execute(sql(template, 1));
    }

    /** Asserts the engine rejects the statement with this SQLSTATE, without running it. */
    Outcome assertRejected(String template, String sqlState, Object... params) throws SQLException {
        Outcome physical = app.run(sql(template, 1), params);
        assertTrue(physical.rejected(), () -> "expected a rejection" + physical);
        assertEquals(sqlState, physical.rejection().sqlState(), () -> "SQLSTATE of" + physical);
        assertNotNull(physical.rejection().reason());
        return physical;
    }

    /** The final contents agree: users projected on the authoritative column, the other tables as they are. */
    void assertSameContents(String where) throws SQLException {
        String[] users = tables.get("users");
        String read = phase.readsNew() ? TO : FROM;
        String phone = drop ? ", " + DROPPED : "";
        assertEquals(ResultRows.byValue(rows("SELECT id, email, age, " + name + phone + " FROM " + users[0] + " ORDER BY id")),
                ResultRows.byValue(rows("SELECT id, email, age, " + read + phone + " FROM " + users[1] + " ORDER BY id")),
                () -> "final contents of users" + where);
        if (hasFrom && hasTo) {
            for (List<Object> r : rows("SELECT id, " + FROM + ", " + TO + " FROM " + users[1])) {
                assertEquals(r.get(1), r.get(2), () -> "full_name and display_name differ in row " + r.get(0)
                        + where);
            }
        }
        for (Map.Entry<String, String[]> e : tables.entrySet()) {
            if (!e.getKey().equals("users")) {
                assertEquals(ResultRows.byValue(rows("SELECT * FROM " + e.getValue()[0] + " ORDER BY 1")),
                        ResultRows.byValue(rows("SELECT * FROM " + e.getValue()[1] + " ORDER BY 1")),
                        () -> "final contents of " + e.getKey() + where);
            }
        }
    }

    private Outcome bare(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                set(ps, i + 1, params[i]);
            }
            if (!ps.execute()) {
                return new Outcome(sql, sql, null, null, ps.getUpdateCount(), List.of(), List.of());
            }
            try (ResultSet rs = ps.getResultSet()) {
                return new Outcome(sql, sql, null, null, -1, ResultRows.labels(rs), ResultRows.read(rs));
            }
        } catch (SQLException e) {
            fail("the statement fails on the logical schema, so it is no test of the rewrite: " + sql, e);
            return null;
        }
    }

    private List<List<Object>> rows(String sql) throws SQLException {
        return ResultRows.query(connection, sql);
    }

    private static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setObject(index, value);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public String toString() {
        return phase + ", application uses " + name + (drop ? ", drop window on " + DROPPED : "");
    }
}
