package dev.dualwrite.core.db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Rows of a result as lists of values, in the forms the outcome oracles compare them. */
final class ResultRows {
    private ResultRows() {
    }

    /** Every row of {@code sql}. */
    static List<List<Object>> query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return read(rs);
        }
    }

    /** The column labels of {@code rs}, as an application reads them. */
    static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> labels = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            labels.add(md.getColumnLabel(i));
        }
        return List.copyOf(labels);
    }

    /** The remaining rows of {@code rs}, each unmodifiable. */
    static List<List<Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<List<Object>> out = new ArrayList<>();
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getObject(i));
            }
            out.add(Collections.unmodifiableList(row));
        }
        return out;
    }

    /**
     * Exact numbers compared by value whatever their JDBC class: a bare column and an expression over it differ in
     * width ({@code INTEGER} against {@code BIGINT}), and {@code COUNT} is {@code BIGINT} in one database and
     * {@code DECIMAL} in another. Floating-point values stay as they are.
     */
    static List<List<Object>> byValue(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            List<Object> row = new ArrayList<>(r.size());
            for (Object v : r) {
                row.add(v instanceof Number n && !(v instanceof Double || v instanceof Float)
                        ? new BigDecimal(n.toString()).stripTrailingZeros() : v);
            }
            out.add(row);
        }
        return out;
    }

    /** The rows in a fixed order, for results whose order the statement leaves open. */
    static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> s = new ArrayList<>(rows);
        s.sort(Comparator.comparing(Objects::toString));
        return s;
    }
}
