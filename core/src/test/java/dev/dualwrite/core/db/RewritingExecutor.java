package dev.dualwrite.core.db;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.rewrite.Rejection;
import dev.dualwrite.core.rewrite.RewriteEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Runs application statements the way a JDBC door does: plans the statement, refuses it when the plan is rejected,
 * otherwise prepares the physical SQL and binds every application parameter at each physical index the parameter map
 * gives it (none when the value was dropped), then executes and collects the update count or the rows with their
 * labels.
 */
final class RewritingExecutor {
    private final Connection connection;
    private final RewriteEngine engine;

    RewritingExecutor(Connection connection, RewriteEngine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    RewriteEngine engine() {
        return engine;
    }

    /** Plans and, unless rejected, executes {@code sql} with {@code params} as the application would bind them. */
    Outcome run(String sql, Object... params) throws SQLException {
        Plan plan = engine.plan(sql);
        if (plan.isRejected()) {
            return new Outcome(sql, null, plan, plan.rejection(), -1, List.of(), List.of());
        }
        String physical = plan.physicalSql(sql);
        ParameterMap map = plan.parameters();
        try (PreparedStatement ps = connection.prepareStatement(physical)) {
            bind(ps, map, params, sql, physical);
            boolean rows = ps.execute();
            if (!rows) {
                return new Outcome(sql, physical, plan, null, ps.getUpdateCount(), List.of(), List.of());
            }
            try (ResultSet rs = ps.getResultSet()) {
                return new Outcome(sql, physical, plan, null, -1, ResultRows.labels(rs),
                        List.copyOf(ResultRows.read(rs)));
            }
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  application SQL: " + sql + "\n  physical SQL:    " + physical
                    + "\n  parameters: " + map, e.getSQLState(), e.getErrorCode(), e);
        }
    }

    private static void bind(PreparedStatement ps, ParameterMap map, Object[] params, String sql, String physical)
            throws SQLException {
        if (map.isIdentity()) {
            for (int a = 1; a <= params.length; a++) {
                set(ps, a, params[a - 1]);
            }
            return;
        }
        if (map.applicationCount() != params.length) {
            throw new IllegalArgumentException("the statement has " + map.applicationCount() + " parameters, the test"
                    + " gave " + params.length + ": " + sql);
        }
        BitSet bound = new BitSet();
        for (int a = 1; a <= params.length; a++) {
            for (int p : map.physical(a)) {
                set(ps, p, params[a - 1]);
                bound.set(p);
            }
        }
        if (bound.cardinality() != map.physicalCount() || bound.nextClearBit(1) <= map.physicalCount()) {
            throw new AssertionError("the parameter map " + map + " does not bind every placeholder of the physical"
                    + " statement exactly: " + physical);
        }
    }

    private static void set(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else if (value instanceof Integer) {
            ps.setInt(index, (Integer) value);
        } else if (value instanceof String) {
            ps.setString(index, (String) value);
        } else {
            ps.setObject(index, value);
        }
    }

    /**
     * What happened to one application statement.
     *
     * @param applicationSql the statement as the application wrote it
     * @param physicalSql    what was sent to the database, or null when the statement was rejected
     * @param plan           the engine's plan
     * @param rejection      why the statement was refused (and not executed), or null
     * @param updateCount    the update count, or -1 for a query or a rejected statement
     * @param labels         the result set's column labels as the driver reports them
     * @param rows           the result rows
     */
    record Outcome(String applicationSql, String physicalSql, Plan plan, Rejection rejection, int updateCount,
            List<String> labels, List<List<Object>> rows) {

        boolean rejected() {
            return rejection != null;
        }

        /** The value of the column labelled exactly {@code label} in row {@code row} (0-based). */
        Object value(int row, String label) {
            int i = labels.indexOf(label);
            if (i < 0) {
                throw new AssertionError("no column labelled " + label + " in " + labels + "; " + this);
            }
            return rows.get(row).get(i);
        }

        /** The first column of every row. */
        List<Object> firstColumn() {
            List<Object> out = new ArrayList<>();
            for (List<Object> r : rows) {
                out.add(r.get(0));
            }
            return out;
        }

        @Override
        public String toString() {
            if (rejection != null) {
                return "\n  application SQL: " + applicationSql + "\n  rejected: " + rejection.sqlState() + " "
                        + rejection.message();
            }
            return "\n  application SQL: " + applicationSql + "\n  physical SQL:    " + physicalSql
                    + (plan == null ? "" : "\n  parameters: " + plan.parameters())
                    + (updateCount >= 0 ? "\n  update count: " + updateCount
                    : "\n  labels: " + labels + "\n  rows: " + Arrays.deepToString(rows.toArray()));
        }
    }
}
