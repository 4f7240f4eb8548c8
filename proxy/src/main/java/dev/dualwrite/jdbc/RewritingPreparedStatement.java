package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.sql.SchemaChanges;
import dev.dualwrite.jdbc.codegen.ForwardingLeaf;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A prepared statement whose physical text is the plan's rewrite; its parameters reach the driver through
 * {@link Parameters}, which maps the application's indexes to the physical ones.
 *
 * <p>Every execution first checks that the plan is still current. After a configuration change (or, for a statement
 * whose rewrite used the catalog's column lists, a change of those) the statement is planned again and, when its text
 * or parameter map moved, prepared again with the new rewrite, set up again ({@link StatementSettings}) and bound
 * again, batched rows included, so that a statement prepared before a phase change never runs with the old rewrite.
 *
 * <p>The four executions are written out rather than passed through one helper taking the driver call as a function:
 * such a helper's call site would see every execution kind, and the JIT could not inline the driver's method into the
 * caller any more.
 */
@ForwardingLeaf(name = "DualWritePreparedStatement", of = PreparedStatement.class, to = "prepared",
        via = "parameters")
abstract class RewritingPreparedStatement extends RewritingStatement implements PreparedStatement {
    /** The driver's statement, prepared with the plan's text. */
    PreparedStatement prepared;
    /** The application's parameters, on their way to {@link #prepared}. */
    final Parameters parameters;
    private final String sql;
    private final Preparation preparation;
    private final boolean schemaChange;
    private Plan plan;
    /** What the application set on the statement, to set again on the statement prepared again. */
    private final StatementSettings settings = new StatementSettings();

    RewritingPreparedStatement(RewritingConnection connection, String sql, Plan plan, PreparedStatement delegate,
            Preparation preparation) {
        super(connection, delegate);
        this.prepared = delegate;
        this.parameters = new Parameters(delegate, plan);
        this.sql = sql;
        this.plan = plan;
        this.preparation = preparation;
        this.schemaChange = SchemaChanges.isSchemaChange(sql);
    }

    /** Replaces the driver statement; subclasses that keep a typed reference override and call this. */
    void delegate(PreparedStatement replacement) {
        this.statement = replacement;
        this.prepared = replacement;
    }

    // ------------------------------------------------------------------------------------------------ keeping current

    /**
     * Makes sure the driver statement carries the current rewrite: after a configuration change (or, for a statement
     * whose rewrite used the catalog, a schema change) it is planned again, and prepared again if the text or the
     * parameter map moved.
     */
    private void ensureCurrent() throws SQLException {
        if (!connection.database.engine.isCurrent(plan, connection.catalog)) {
            replan();
        }
    }

    /** The slow path of {@link #ensureCurrent()}, apart so that the check itself stays small enough to inline. */
    private void replan() throws SQLException {
        replan(connection.database.plan(sql, connection.catalog));
    }

    /** Takes {@code next} as the statement's plan, preparing the statement again if its text or parameters moved. */
    private void replan(Plan next) throws SQLException {
        if (plan.physicalSql(sql).equals(next.physicalSql(sql)) && plan.parameters().equals(next.parameters())) {
            this.plan = next;
            parameters.retarget(prepared, next);
            return;
        }
        beforeRebind(next.parameters().isIdentity() ? null : next.parameters());
        RewritingConnection.Prepared again = connection.prepare(sql, next, preparation);
        next = again.plan();
        PreparedStatement replacement = again.statement();
        settings.applyTo(replacement);
        PreparedStatement old = prepared;
        delegate(replacement);
        this.plan = next;
        parameters.retarget(replacement, next);
        try {
            old.close();
        } catch (SQLException ignored) {
            // The old statement is discarded; a failure to close it changes nothing for the application.
        }
        rebind(replacement);
    }

    /**
     * An execution failed: when the failure says the catalog's column lists were stale and the statement may run again
     * ({@link RewritingConnection#planAgainAfter}), prepares it again with fresh ones and returns; else throws it.
     */
    private void recover(SQLException failure) throws SQLException {
        Plan next = connection.planAgainAfter(failure, plan, sql);
        if (next == null) {
            throw failure;
        }
        try {
            replan(next);
        } catch (SQLException again) {
            again.addSuppressed(failure);
            throw again;
        }
    }

    /**
     * Called before the statement is prepared again with parameter map {@code nextMap} (null: the identity); throws
     * when what the application registered cannot be carried over to it.
     */
    void beforeRebind(ParameterMap nextMap) throws SQLException {
    }

    /** Binds everything the application bound again on the statement prepared again. */
    void rebind(PreparedStatement replacement) throws SQLException {
        parameters.rebind(replacement);
    }

    private void executed() {
        plan.recordExecution();
        if (schemaChange) {
            connection.schemaChanged();
        }
    }

    // ------------------------------------------------------------------------------------------------ execution

    @Override
    public ResultSet executeQuery() throws SQLException {
        ensureCurrent();
        ResultSet rs;
        try {
            rs = prepared.executeQuery();
        } catch (SQLException failure) {
            recover(failure);
            rs = prepared.executeQuery();
        }
        executed();
        return wrap(rs);
    }

    @Override
    public int executeUpdate() throws SQLException {
        ensureCurrent();
        int n;
        try {
            n = prepared.executeUpdate();
        } catch (SQLException failure) {
            recover(failure);
            n = prepared.executeUpdate();
        }
        executed();
        return n;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        ensureCurrent();
        long n;
        try {
            n = prepared.executeLargeUpdate();
        } catch (SQLException failure) {
            recover(failure);
            n = prepared.executeLargeUpdate();
        }
        executed();
        return n;
    }

    @Override
    public boolean execute() throws SQLException {
        ensureCurrent();
        boolean r;
        try {
            r = prepared.execute();
        } catch (SQLException failure) {
            recover(failure);
            r = prepared.execute();
        }
        executed();
        return r;
    }

    @Override
    public void addBatch() throws SQLException {
        ensureCurrent();
        try {
            prepared.addBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
        parameters.batched();
    }

    @Override
    public void clearBatch() throws SQLException {
        parameters.endBatch();
        try {
            prepared.clearBatch();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        ensureCurrent();
        try {
            return prepared.executeBatch();
        } catch (SQLException failure) {
            // Not run again (a part of the batch may have run); stale column lists are dropped for the next one.
            connection.staleCatalog(failure, plan);
            throw failure;
        } finally {
            batchExecuted();
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        ensureCurrent();
        try {
            return prepared.executeLargeBatch();
        } catch (SQLException failure) {
            connection.staleCatalog(failure, plan);
            throw failure;
        } finally {
            batchExecuted();
        }
    }

    private void batchExecuted() {
        for (int rows = parameters.endBatch(); rows > 0; rows--) {
            plan.recordExecution();
        }
        if (schemaChange) {
            connection.schemaChanged();
        }
    }

    // ------------------------------------------------------------------------------------------------ settings

    @Override
    public void setFetchSize(int rows) throws SQLException {
        prepared.setFetchSize(rows);
        settings.fetchSize = rows;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        prepared.setFetchDirection(direction);
        settings.fetchDirection = direction;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        prepared.setMaxRows(max);
        settings.maxRows = max;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        prepared.setLargeMaxRows(max);
        settings.largeMaxRows = max;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        prepared.setMaxFieldSize(max);
        settings.maxFieldSize = max;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        prepared.setQueryTimeout(seconds);
        settings.queryTimeout = seconds;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        prepared.setEscapeProcessing(enable);
        settings.escapeProcessing = enable;
    }

    @Override
    public void setPoolable(boolean value) throws SQLException {
        prepared.setPoolable(value);
        settings.poolable = value;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        prepared.closeOnCompletion();
        settings.closeOnCompletion = true;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        prepared.setCursorName(name);
        settings.cursorName = name;
    }
}
