package dev.dualwrite.agent;

import java.sql.Connection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into every {@code java.sql.Driver#connect}: a call to {@link AgentRuntime} on the way in and out. Any
 * failure inside the advice is suppressed, so the driver behaves exactly as without the agent.
 */
final class DriverConnectAdvice {
    private DriverConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object driver) {
        AgentRuntime.enterConnect(driver);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object driver,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Connection connection) {
        connection = AgentRuntime.exitConnect(driver, connection);
    }
}
