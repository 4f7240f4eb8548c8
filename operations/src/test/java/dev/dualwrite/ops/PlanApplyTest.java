package dev.dualwrite.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.ops.data.BackfillOptions;
import dev.dualwrite.ops.data.Progress;
import dev.dualwrite.ops.plan.Plan;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies the whole plan of rename windows over columns of every kind (collated text with a default and a check,
 * exact numerics, time stamps with time zone, JSON, arrays, enums, a foreign key, a unique and an expression or prefix
 * index) and of a drop window, then asserts the catalog (types, defaults, nullability, collation) through JDBC's own
 * metadata, and the copies' effect by writing rows that each copied constraint must refuse.
 */
abstract class PlanApplyTest {
    TestDb db;
    String org;
    String people;

    abstract TestDb open() throws Exception;

    /** Creates {@link #org} (code PK) and {@link #people}; the column names of {@link #renames()} and phone. */
    abstract void createTables() throws SQLException;

    /** Old column to new column of the rename windows; the first is the collated, checked, NOT NULL text. */
    abstract Map<String, String> renames();

    /** The collation of a column as the database reports it, or null. */
    abstract String collation(String column) throws SQLException;

    /** A row for {@link #people} with the given id, name, org and phone, the other columns left to their default. */
    String insert(String nameColumn, long id, String name, String orgCode) {
        return insert(nameColumn, "org", id, name, orgCode);
    }

    String insert(String nameColumn, String orgColumn, long id, String name, String orgCode) {
        return "INSERT INTO " + people + " (id, " + nameColumn + ", " + orgColumn + ", phone) VALUES (" + id + ", "
                + (name == null ? "NULL" : "'" + name + "'") + ", " + (orgCode == null ? "NULL" : "'" + orgCode + "'")
                + ", '555')";
    }

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        org = db.table("org");
        people = db.table("people");
        createTables();
        db.exec("INSERT INTO " + org + " (code) VALUES ('acme')", "INSERT INTO " + org + " (code) VALUES ('init')");
        for (int i = 1; i <= 50; i++) {
            db.exec(insert("name", i, "person " + i, i % 2 == 0 ? "acme" : null));
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        db.close();
    }

    String yaml(String phase) {
        StringBuilder y = new StringBuilder("windows:\n");
        for (Map.Entry<String, String> r : renames().entrySet()) {
            y.append("  - table: ").append(people).append("\n    from: ").append(r.getKey()).append("\n    to: ")
                    .append(r.getValue()).append("\n    phase: ").append(phase).append('\n');
        }
        return y.append("  - table: ").append(people).append("\n    drop: phone\n").toString();
    }

    Operations ops(String phase) throws Exception {
        return new Operations(db.target(), TestDb.windows(yaml(phase)), null);
    }

    /** JDBC's description of a column: type name, size, digits, nullable, default. */
    Map<String, String> describe(String column) throws SQLException {
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            String catalog = db.dialect() == dev.dualwrite.core.sql.Dialect.MYSQL ? c.getCatalog() : null;
            try (ResultSet rs = md.getColumns(catalog, null, db.stored(people), db.stored(column))) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, String> d = new LinkedHashMap<>();
                d.put("type", rs.getString("TYPE_NAME"));
                d.put("size", rs.getString("COLUMN_SIZE"));
                d.put("digits", rs.getString("DECIMAL_DIGITS"));
                d.put("nullable", rs.getString("IS_NULLABLE"));
                d.put("default", rs.getString("COLUMN_DEF"));
                d.put("collation", collation(column));
                return d;
            }
        }
    }

    /** The names of the indexes (JDBC's view, constraints' own included) on a column or an expression of it. */
    java.util.Set<String> indexesOn(String column) throws SQLException {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Pattern word = java.util.regex.Pattern.compile("(?i)(^|[^a-z0-9_])" + column + "([^a-z0-9_]|$)");
        try (Connection c = db.connect()) {
            String catalog = db.dialect() == dev.dualwrite.core.sql.Dialect.MYSQL ? c.getCatalog() : null;
            try (ResultSet rs = c.getMetaData().getIndexInfo(catalog, null, db.stored(people), false, false)) {
                while (rs.next()) {
                    String col = rs.getString("COLUMN_NAME");
                    if (col != null && word.matcher(col).find()) {
                        names.add(rs.getString("INDEX_NAME"));
                    }
                }
            }
        }
        return names;
    }

    List<String> out = new ArrayList<>();

    void apply(Operations ops, String window, String step) throws OpsException {
        ops.apply(people + "." + window, step, out::add);
    }

    @Test
    void wholePlanCopiesTypesConstraintsAndIndexesThenDrops() throws Exception {
        Map<String, Map<String, String>> before = new LinkedHashMap<>();
        Map<String, Integer> indexesBefore = new LinkedHashMap<>();
        for (String from : renames().keySet()) {
            before.put(from, describe(from));
            indexesBefore.put(from, indexesOn(from).size());
        }
        assertTrue(indexesBefore.get(renames().keySet().iterator().next()) >= 2, indexesBefore.toString());
        Operations mirror = ops("mirror");
        String first = renames().keySet().iterator().next();
        // Refused before its column exists, and before the backfill.
        OpsException early = assertThrows(OpsException.class, () -> apply(mirror, first, "not-null"));
        assertEquals(1, early.exitCode(), early.getMessage());
        for (String from : renames().keySet()) {
            apply(mirror, from, "add-column");
            out.clear();
            apply(mirror, from, "add-column");
            assertTrue(out.get(0).contains("already done"), out.toString());
        }
        OpsException notBackfilled = assertThrows(OpsException.class, () -> apply(mirror, first, "not-null"));
        assertEquals(1, notBackfilled.exitCode());
        assertTrue(notBackfilled.getMessage().contains("backfill"), notBackfilled.getMessage());
        for (String from : renames().keySet()) {
            mirror.backfill(people + "." + from, BackfillOptions.defaults(), Progress.SILENT);
            Plan plan = mirror.plan(people + "." + from);
            for (String step : List.of("not-null", "indexes", "constraints")) {
                if (plan.step(step) != null) {
                    apply(mirror, from, step);
                    out.clear();
                    apply(mirror, from, step); // idempotent: everything is skipped
                    assertTrue(out.get(out.size() - 1).contains("already done"), out.toString());
                }
            }
            assertEquals(0, mirror.verify(people + "." + from, 5, Progress.SILENT).differing());
        }
        OpsException dropTooEarly = assertThrows(OpsException.class, () -> apply(mirror, first, "drop"));
        assertEquals(1, dropTooEarly.exitCode());
        assertTrue(dropTooEarly.getMessage().contains("new-only"), dropTooEarly.getMessage());

        Operations newOnly = ops("new-only");
        for (String from : renames().keySet()) {
            apply(newOnly, from, "drop");
        }
        for (Map.Entry<String, String> r : renames().entrySet()) {
            assertNull(describe(r.getKey()), r.getKey() + " is dropped");
            Map<String, String> after = describe(r.getValue());
            assertNotNull(after, r.getValue());
            assertEquals(before.get(r.getKey()), after, "the catalog of " + r.getValue() + " equals that of "
                    + r.getKey() + " before");
            assertEquals(indexesBefore.get(r.getKey()), indexesOn(r.getValue()).size(), "as many indexes on "
                    + r.getValue() + " (" + indexesOn(r.getValue()) + ") as there were on " + r.getKey());
            assertEquals(0, indexesOn(r.getKey()).size(), "none left on the dropped " + r.getKey());
        }
        String name = renames().get(first);
        String orgColumn = renames().get("org");
        // NOT NULL in force, the check, the unique and the foreign key copied onto the new columns.
        assertRefused(insert(name, orgColumn, 1001, null, null), "NOT NULL of " + name);
        assertRefused(insert(name, orgColumn, 1002, "", null), "the check on " + name);
        db.exec(insert(name, orgColumn, 1003, "twin", "acme"));
        assertRefused(insert(name, orgColumn, 1004, "twin", "acme"), "the unique (" + orgColumn + ", " + name + ")");
        assertRefused(insert(name, orgColumn, 1005, "x", "nowhere"), "the foreign key on " + orgColumn);
        assertEquals(50, db.count("SELECT COUNT(*) FROM " + people + " WHERE " + name + " LIKE 'person %'"));
    }

    void assertRefused(String sql, String what) {
        assertThrows(SQLException.class, () -> db.exec(sql), what + " must refuse: " + sql);
    }

    @Test
    void dropWindowMakesTheColumnNullableThenDropsIt() throws Exception {
        Operations ops = ops("mirror");
        Plan plan = ops.plan(people + ".phone");
        assertEquals(List.of("drop-not-null", "drop"), plan.stepNames());
        apply(ops, "phone", "drop-not-null");
        assertEquals("YES", describe("phone").get("nullable"));
        // The old version's INSERT stripped of phone by the doors now works.
        db.exec("INSERT INTO " + people + " (id, name) VALUES (2001, 'no phone')");
        apply(ops, "phone", "drop");
        assertNull(describe("phone"));
        out.clear();
        apply(ops, "phone", "drop");
        assertTrue(out.get(0).contains("already done"), out.toString());
    }

    @Test
    void addColumnRefusedWhenTheNewColumnExistsWithAnotherType() throws Exception {
        String first = renames().keySet().iterator().next();
        db.exec("ALTER TABLE " + people + " ADD " + renames().get(first) + " INTEGER");
        OpsException e = assertThrows(OpsException.class, () -> apply(ops("mirror"), first, "add-column"));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("exists already"), e.getMessage());
    }

    @Test
    void planJsonHasTheDocumentedShape() throws Exception {
        String json = ops("mirror").plan(people + ".name").toJson();
        assertTrue(json.matches("\\{\"window\":\"[^\"]+\",\"steps\":\\[\\{\"name\":\"add-column\",\"when\":\"before"
                + " mirror\",\"sql\":\\[\"ALTER TABLE .*\\]\\}.*\\]\\}"), json);
        assertFalse(json.contains("\n"));
    }
}
