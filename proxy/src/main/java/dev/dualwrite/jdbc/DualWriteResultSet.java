package dev.dualwrite.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A result set whose {@link #getStatement()} is the dualwrite statement that produced it, as JDBC requires. */
final class DualWriteResultSet extends DelegatingResultSet {
    private final Statement statement;

    DualWriteResultSet(Statement statement, ResultSet delegate) {
        super(delegate);
        this.statement = statement;
    }

    static ResultSet wrap(Statement statement, ResultSet rs) {
        return rs == null ? null : new DualWriteResultSet(statement, rs);
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : resultSet.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || resultSet.isWrapperFor(iface);
    }
}
