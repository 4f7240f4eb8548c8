package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Catalog;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.rewrite.StatementKind;
import dev.dualwrite.core.rewrite.UsageCounters;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.jdbc.codegen.ForwardingLeaf;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A connection whose statements are rewritten for the configured windows. Everything else is the driver's own
 * connection; {@link #unwrap} reaches it.
 */
@ForwardingLeaf(name = "DualWriteConnection", of = Connection.class, to = "physical", isPublic = true)
abstract class RewritingConnection implements Connection {
    /** The driver's connection. */
    final Connection physical;
    final Database database;
    /** The database's catalog cache, reading through this connection when it must. */
    final Catalog catalog;

    RewritingConnection(Connection physical, Database database) {
        this.physical = physical;
        this.database = database;
        this.catalog = database.catalog.bind(physical);
    }

    /**
     * The statements' usage of each window's old and new names, for this connection's database.
     *
     * @return one entry per window key
     */
    public List<UsageCounters.Snapshot> usage() {
        return database.engine.usage();
    }

    /** Plans a statement, or throws its rejection. */
    Plan plan(String sql) throws SQLException {
        return database.plan(sql, catalog);
    }

    /** A statement of this connection ran DDL: what the catalog said may no longer hold. */
    void schemaChanged() {
        database.catalog.invalidate();
    }

    // ------------------------------------------------------------------------------------------------ failures

    /**
     * The error funnel: every exception the driver throws through one of dualwrite's objects passes here before the
     * application gets it, unchanged. An unknown column (a result's label, a statement's column) may mean that a
     * column was added or dropped elsewhere, so the catalog's lists are checked again at the next statement that
     * depends on them.
     */
    SQLException failed(SQLException e) {
        if (isUnknownColumn(e)) {
            database.catalog.checkSoon();
        }
        return e;
    }

    /**
     * SQLSTATE 42703 (PostgreSQL) or 42S22 (H2, MariaDB, MySQL) for a statement's column or a result's label, S0022
     * (MySQL Connector/J) for a label; MariaDB Connector/J reports a label it lacks with no SQLSTATE.
     */
    private static boolean isUnknownColumn(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            String message = e.getMessage();
            return message != null && message.startsWith("Unknown label '");
        }
        return state.equals("42703") || state.equals("42S22") || state.equals("S0022");
    }

    /**
     * A statement's execution failed: when the database reports an unknown column and the plan was built on the
     * catalog's column lists, the lists may be stale (DDL in a rolling deploy runs elsewhere), and they are dropped so
     * that the next plan reads them again.
     *
     * @return whether the lists were dropped
     */
    boolean staleCatalog(SQLException failure, Plan plan) {
        failed(failure);
        if (plan.usedCatalog() && isUnknownColumn(failure)) {
            schemaChanged();
            return true;
        }
        return false;
    }

    /**
     * After {@link #staleCatalog}: the plan made with fresh column lists, when the statement may run again with it
     * once (its text changed, it is a single statement as the engine read it, and the failure left the transaction
     * usable: anywhere but in a PostgreSQL transaction, which the failure aborted); else null, and the caller throws
     * the failure.
     */
    Plan planAgainAfter(SQLException failure, Plan plan, String sql) throws SQLException {
        if (!staleCatalog(failure, plan) || plan.kind() == StatementKind.MULTIPLE
                || (database.dialect == Dialect.POSTGRESQL && !physical.getAutoCommit())) {
            return null;
        }
        Plan next;
        try {
            next = plan(sql);
        } catch (SQLException rejected) {
            failure.addSuppressed(rejected);
            return null;
        }
        return next.physicalSql(sql).equals(plan.physicalSql(sql)) ? null : next;
    }

    // ------------------------------------------------------------------------------------------------ statements

    /** A driver statement and the plan whose text it was prepared with. */
    record Prepared(Plan plan, PreparedStatement statement) {
    }

    /**
     * Prepares the plan's text the way the application asked; where the driver prepares at once and meets a column
     * dropped elsewhere, prepares once more with fresh column lists.
     */
    Prepared prepare(String sql, Plan plan, Preparation preparation) throws SQLException {
        try {
            return new Prepared(plan, preparation.prepare(physical, plan.physicalSql(sql)));
        } catch (SQLException failure) {
            Plan next = planAgainAfter(failure, plan, sql);
            if (next == null) {
                throw failure;
            }
            return new Prepared(next, preparation.prepare(physical, next.physicalSql(sql)));
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        return new DualWriteStatement(this, physical.createStatement());
    }

    @Override
    public Statement createStatement(int resultSetType, int concurrency) throws SQLException {
        return new DualWriteStatement(this, physical.createStatement(resultSetType, concurrency));
    }

    @Override
    public Statement createStatement(int resultSetType, int concurrency, int holdability) throws SQLException {
        return new DualWriteStatement(this, physical.createStatement(resultSetType, concurrency, holdability));
    }

    private PreparedStatement prepare(String sql, Preparation preparation) throws SQLException {
        Prepared p = prepare(sql, plan(sql), preparation);
        return new DualWritePreparedStatement(this, sql, p.plan(), p.statement(), preparation);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepare(sql, Preparation.PLAIN);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepare(sql, Preparation.keys(autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepare(sql, Preparation.indexes(columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepare(sql, Preparation.names(columnNames));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int concurrency) throws SQLException {
        return prepare(sql, Preparation.type(resultSetType, concurrency));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int concurrency, int holdability)
            throws SQLException {
        return prepare(sql, Preparation.holdability(resultSetType, concurrency, holdability));
    }

    private CallableStatement call(String sql, Preparation preparation) throws SQLException {
        Prepared p = prepare(sql, plan(sql), preparation);
        return new DualWriteCallableStatement(this, sql, p.plan(), (CallableStatement) p.statement(), preparation);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return call(sql, Preparation.CALL);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int concurrency) throws SQLException {
        return call(sql, Preparation.callType(resultSetType, concurrency));
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int concurrency, int holdability)
            throws SQLException {
        return call(sql, Preparation.callHoldability(resultSetType, concurrency, holdability));
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return physical.nativeSQL(plan(sql).physicalSql(sql));
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : physical.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || physical.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "dualwrite(" + physical + ")";
    }
}
