package dev.dualwrite.agent;

import java.sql.Connection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into every {@code java.sql.Driver#connect} and {@code javax.sql.DataSource#getConnection}: a call to
 * {@link AgentRuntime} on the way in and out. Any failure inside the advice is suppressed, so the driver or data
 * source behaves exactly as without the agent.
 */
final class ConnectionAdvice {
    private ConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object source) {
        AgentRuntime.enterConnect(source);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object source, @Advice.AllArguments Object[] arguments,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Connection connection) {
        connection = AgentRuntime.exitConnect(source, arguments, connection);
    }
}
