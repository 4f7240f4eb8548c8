package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.jdbc.codegen.ForwardingLeaf;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A callable statement: positional IN parameters are mapped like a prepared statement's; those set by name and the OUT
 * parameters are {@link CallParameters}. Everything else (the OUT values read back) is the driver's call.
 */
@ForwardingLeaf(name = "DualWriteCallableStatement", of = CallableStatement.class, to = "callable",
        via = {"parameters", "call"})
abstract class RewritingCallableStatement extends RewritingPreparedStatement implements CallableStatement {
    /** The driver's call, prepared with the plan's text. */
    CallableStatement callable;
    /** The parameters set by name and the OUT parameters, on their way to {@link #callable}. */
    final CallParameters call;

    RewritingCallableStatement(RewritingConnection connection, String sql, Plan plan, CallableStatement delegate,
            Preparation preparation) {
        super(connection, sql, plan, delegate, preparation);
        this.callable = delegate;
        this.call = new CallParameters(delegate, parameters);
    }

    @Override
    void delegate(PreparedStatement replacement) {
        super.delegate(replacement);
        this.callable = (CallableStatement) replacement;
        call.retarget(callable);
    }

    @Override
    void beforeRebind(ParameterMap nextMap) throws SQLException {
        call.checkCarriedOver(nextMap);
    }

    @Override
    void rebind(PreparedStatement replacement) throws SQLException {
        call.rebindOut((CallableStatement) replacement);
        super.rebind(replacement);
    }
}
