package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One uniquely named {@code people(id, email, full_name, display_name, phone_number)} table with the physical columns
 * a phase implies (old-only: no display_name; mirror and read-new: both; new-only: no full_name), optionally without
 * phone_number (after the drop window's physical drop), plus a rewrite engine whose windows name it. Direct reads and
 * writes here bypass the engine: they are how a test prepares and inspects the database state.
 */
final class PeopleTable {
    static final String FROM = "full_name";
    static final String TO = "display_name";
    static final String DROPPED = "phone_number";

    final Connection connection;
    final Dialect dialect;
    final Phase phase;
    final String name;
    final boolean hasFrom;
    final boolean hasTo;
    final boolean hasPhone;
    final RewritingExecutor app;

    PeopleTable(Connection connection, Dialect dialect, Phase phase, String name, boolean hasPhone)
            throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.phase = phase;
        this.name = name;
        this.hasFrom = phase != Phase.NEW_ONLY;
        this.hasTo = phase != Phase.OLD_ONLY;
        this.hasPhone = hasPhone;
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name)
                .append(" (id INTEGER NOT NULL PRIMARY KEY, email VARCHAR(100)");
        if (hasFrom) {
            ddl.append(", full_name VARCHAR(100)");
        }
        if (hasTo) {
            ddl.append(", display_name VARCHAR(100)");
        }
        if (hasPhone) {
            ddl.append(", phone_number VARCHAR(40)");
        }
        ddl.append(')');
        execute(ddl.toString());
        Configuration config = Configuration.builder()
                .rename(name, FROM, TO, phase)
                .drop(name, DROPPED)
                .build();
        RewriteEngine engine = RewriteEngine.builder(dialect)
                .config(config)
                .catalog(new MetaDataCatalog(connection, dialect))
                .build();
        this.app = new RewritingExecutor(connection, engine);
    }

    /** The value reads of either name must return, given a row seeded with {@code oldValue} and {@code newValue}. */
    String authoritative(String oldValue, String newValue) {
        return phase.readsNew() ? newValue : oldValue;
    }

    /** The physical rename columns of this phase. */
    List<String> nameColumns() {
        List<String> out = new ArrayList<>(2);
        if (hasFrom) {
            out.add(FROM);
        }
        if (hasTo) {
            out.add(TO);
        }
        return out;
    }

    /**
     * Inserts a row directly: {@code fullName} into full_name and {@code displayName} into display_name, each where
     * the column exists; {@code phone} into phone_number where it exists.
     */
    void put(int id, String email, String fullName, String displayName, String phone) throws SQLException {
        List<String> cols = new ArrayList<>(List.of("id", "email"));
        List<Object> values = new ArrayList<>(List.of(id, email));
        if (hasFrom) {
            cols.add(FROM);
            values.add(fullName);
        }
        if (hasTo) {
            cols.add(TO);
            values.add(displayName);
        }
        if (hasPhone) {
            cols.add(DROPPED);
            values.add(phone);
        }
        String sql = "INSERT INTO " + name + " (" + String.join(", ", cols) + ") VALUES ("
                + "?, ".repeat(cols.size() - 1) + "?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.executeUpdate();
        }
    }

    /** Inserts a row whose two rename columns hold the same value (as after a backfill). */
    void put(int id, String email, String both) throws SQLException {
        put(id, email, both, both, null);
    }

    /** The physical row {@code id}, keyed by lower-case column name, or null when there is none. */
    Map<String, Object> row(int id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM " + name + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                return row;
            }
        }
    }

    /** The physical value of {@code column} in row {@code id}. */
    Object physical(int id, String column) throws SQLException {
        Map<String, Object> row = row(id);
        if (row == null) {
            throw new AssertionError("row " + id + " of " + name + " does not exist");
        }
        if (!row.containsKey(column)) {
            throw new AssertionError(name + " has no physical column " + column + ": " + row.keySet());
        }
        return row.get(column);
    }

    /** How many rows have full_name and display_name differ (NULL-aware); 0 when only one of them exists. */
    long divergent() throws SQLException {
        if (!(hasFrom && hasTo)) {
            return 0;
        }
        String differ = dialect == Dialect.MYSQL ? "NOT (full_name <=> display_name)"
                : "full_name IS DISTINCT FROM display_name";
        return count("SELECT COUNT(*) FROM " + name + " WHERE " + differ);
    }

    long rowCount() throws SQLException {
        return count("SELECT COUNT(*) FROM " + name);
    }

    /** The ids in the table, in order. */
    List<Integer> ids() throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM " + name + " ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    void drop() throws SQLException {
        execute("DROP TABLE IF EXISTS " + name);
    }

    @Override
    public String toString() {
        return name + " (" + phase + ", columns: id, email" + (hasFrom ? ", full_name" : "")
                + (hasTo ? ", display_name" : "") + (hasPhone ? ", phone_number" : "") + ")";
    }
}
