package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Plan;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;

/**
 * A callable statement: positional IN parameters are mapped like a prepared statement's. OUT parameters are
 * registered by the application's index, which is only meaningful while the text keeps its parameters where they
 * were; for a call whose text the rewrite changed that way, registering one is refused rather than misrouted.
 */
final class DualWriteCallableStatement extends DelegatingCallableStatement {

    DualWriteCallableStatement(DualWriteConnection connection, String sql, Plan plan, CallableStatement delegate,
            Preparation preparation) throws SQLException {
        super(connection, sql, plan, delegate, preparation);
    }

    @Override
    void delegate(PreparedStatement replacement) {
        super.delegate(replacement);
        this.callableStatement = (CallableStatement) replacement;
    }

    private void requireIdentity() throws SQLException {
        if (!hasIdentityMap()) {
            throw new SQLFeatureNotSupportedException("dualwrite moved the parameters of this call while rewriting"
                    + " it, so OUT parameters cannot be registered by index; call it without OUT parameters or"
                    + " through a procedure that does not name a window column", "0A000");
        }
    }

    @Override
    public void registerOutParameter(int i, int sqlType) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(i, sqlType);
    }

    @Override
    public void registerOutParameter(int i, int sqlType, int scale) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(i, sqlType, scale);
    }

    @Override
    public void registerOutParameter(int i, int sqlType, String typeName) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(i, sqlType, typeName);
    }

    @Override
    public void registerOutParameter(int i, SQLType sqlType) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(i, sqlType);
    }

    @Override
    public void registerOutParameter(int i, SQLType sqlType, int scale) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(i, sqlType, scale);
    }

    @Override
    public void registerOutParameter(int i, SQLType sqlType, String typeName) throws SQLException {
        requireIdentity();
        callableStatement.registerOutParameter(i, sqlType, typeName);
    }
}
