package dev.dualwrite.agent;

import java.sql.Connection;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into {@code DataSource#getConnection}: same as {@link DriverConnectAdvice}, for data sources. */
final class DataSourceConnectionAdvice {
    private DataSourceConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object dataSource) {
        AgentRuntime.enterConnect(dataSource);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object dataSource,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Connection connection) {
        connection = AgentRuntime.exitConnect(dataSource, connection);
    }
}
