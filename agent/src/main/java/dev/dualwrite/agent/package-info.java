/**
 * The Java agent: {@code -javaagent:dualwrite-agent.jar=config=...} wraps every JDBC connection the application opens
 * with the JDBC door, with no change to the application.
 *
 * <h2>How a connection comes to be wrapped</h2>
 * {@code premain} ({@link dev.dualwrite.agent.DualWriteAgent}) registers the {@code StartupGate} and returns; the
 * configuration and the Byte Buddy transformer are prepared in the background, and the gate makes a class that may be
 * a JDBC driver or data source wait for them. {@code ConnectionInstrumentation} inlines {@code ConnectionAdvice} into
 * every {@code Driver.connect} and {@code DataSource.getConnection}; the advice calls {@code AgentRuntime}, which wraps
 * the connection where it is born (the innermost call on the thread) and leaves it to the JDBC door from then on.
 * {@code EngineWarmUp} loads the parser's classes ahead of the first statement. A failure anywhere in the agent leaves
 * the application running untouched.
 */
package dev.dualwrite.agent;
