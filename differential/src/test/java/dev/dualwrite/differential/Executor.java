package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.Outcome.Failure;
import dev.dualwrite.differential.Outcome.Result;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a case on an endpoint inside a transaction that is rolled back afterwards, so every run starts from the seed:
 * optionally fills the column the phase must not read with markers, sends the statements, collects their results and
 * the table contents, rolls back, and puts the identity columns back when the case inserts.
 */
final class Executor {
    private static final int MAX_ROWS = 5_000;

    /** How the statements are sent. */
    enum Mode {
        /** {@code java.sql.Statement}, parameters written into the text as literals. */
        STATEMENT,
        /** {@code PreparedStatement}, parameters bound. */
        PREPARED
    }

    private Executor() {
    }

    /**
     * @param markPhase when not null, the column this phase must not read is filled with {@code MARKER-<id>} first
     */
    static Outcome run(Endpoint e, Case c, Mode mode, Phase markPhase) throws SQLException {
        Connection app = e.app();
        try {
            if (markPhase != null) {
                mark(e, SchemaModel.unreadColumn(markPhase));
            }
            List<Result> results = new ArrayList<>();
            Failure failure = null;
            int param = 0;
            for (String sql : c.statements()) {
                int n = Literals.count(sql);
                try {
                    if (mode == Mode.PREPARED) {
                        prepared(app, sql, c.params().subList(param, param + n), c.keys(), results);
                    } else {
                        plain(app, Literals.inline(sql, c.params(), param), c.keys(), results);
                    }
                } catch (SQLException ex) {
                    failure = new Failure(ex.getSQLState(), ex.getMessage());
                    break;
                }
                param += n;
            }
            Snapshot snapshot = failure == null && !c.readOnly() ? snapshot(e) : null;
            return new Outcome(results, failure, snapshot);
        } finally {
            app.rollback();
            cleanup(app, c.cleanup());
            if (!c.committing().isEmpty() && e.family() != Family.POSTGRESQL) {
                restore(e, c.committing());
            } else if (c.inserts()) {
                e.family().resetIdentities(e.maintenance(), e.variant(), String.join(";", c.statements()));
            }
        }
    }

    private static void cleanup(Connection app, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        for (String sql : statements) {
            // Best effort: the case may have failed before it made what this undoes.
            try (Statement s = app.createStatement()) {
                s.execute(sql);
            } catch (SQLException ignored) {
                app.rollback();
            }
        }
        app.rollback();
    }

    private static void mark(Endpoint e, String column) throws SQLException {
        if (e.direct() != null) {
            try (Statement s = e.direct().createStatement()) {
                s.executeUpdate("UPDATE " + SchemaModel.TABLE + " SET " + column + " = CONCAT('"
                        + SchemaModel.MARKER_PREFIX + "', id)");
            }
        } else {
            try (PreparedStatement ps = e.app().prepareStatement(SidecarFunctions.MARK)) {
                ps.setString(1, column);
                ps.execute();
            }
        }
    }

    private static Snapshot snapshot(Endpoint e) throws SQLException {
        return e.direct() != null ? Snapshot.read(e.direct(), e.family(), e.variant())
                : Snapshot.readThroughFunctions(e.app(), e.variant());
    }

    /** After a statement that committed on its own (DDL on H2 and MariaDB): drop what it made, restore the seed. */
    private static void restore(Endpoint e, List<String> created) throws SQLException {
        Connection m = e.maintenance();
        m.rollback();
        try (Statement s = m.createStatement()) {
            for (String t : created) {
                s.execute("DROP TABLE IF EXISTS " + t);
            }
        }
        m.commit();
        e.family().seed(m, e.variant());
    }

    private static void prepared(Connection c, String sql, List<Object> params, List<String> keys,
            List<Result> results) throws SQLException {
        try (PreparedStatement ps = keys == null ? c.prepareStatement(sql)
                : keys.isEmpty() ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                : c.prepareStatement(sql, keys.toArray(String[]::new))) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            collect(ps, ps.execute(), keys != null, results);
        }
    }

    private static void plain(Connection c, String sql, List<String> keys, List<Result> results)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean rows = keys == null ? s.execute(sql)
                    : keys.isEmpty() ? s.execute(sql, Statement.RETURN_GENERATED_KEYS)
                    : s.execute(sql, keys.toArray(String[]::new));
            collect(s, rows, keys != null, results);
        }
    }

    private static void collect(Statement s, boolean rows, boolean keys, List<Result> results) throws SQLException {
        boolean isRows = rows;
        for (int guard = 0; guard < 100; guard++) {
            if (isRows) {
                try (ResultSet rs = s.getResultSet()) {
                    results.add(read("result", rs));
                }
            } else {
                long n = s.getUpdateCount();
                if (n == -1) {
                    break;
                }
                results.add(new Result("update count", n, null, null));
            }
            isRows = s.getMoreResults();
        }
        if (keys) {
            try (ResultSet rs = s.getGeneratedKeys()) {
                results.add(read("generated keys", rs));
            }
        }
    }

    static Result read(String what, ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> labels = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            labels.add(md.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next() && rows.size() < MAX_ROWS) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return new Result(what, -1, labels, rows);
    }
}
