package dev.dualwrite.jdbc;

import dev.dualwrite.jdbc.codegen.ForwardingLeaf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A result set whose {@link #getStatement()} is the dualwrite statement that produced it, as JDBC requires. */
@ForwardingLeaf(name = "DualWriteResultSet", of = ResultSet.class, to = "resultSet")
abstract class StatementResultSet implements ResultSet {
    /** The driver's result set. */
    final ResultSet resultSet;
    private final RewritingStatement statement;

    StatementResultSet(RewritingStatement statement, ResultSet resultSet) {
        this.statement = statement;
        this.resultSet = resultSet;
    }

    /** The error funnel of the forwarded methods: the connection's (a label not found may mean a column added). */
    SQLException failed(SQLException e) {
        return statement.connection.failed(e);
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
