package dev.dualwrite.agent;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.core.config.ConfigLocator;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.FileConfigSource;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -javaagent:dualwrite-agent.jar=config=/path/dualwrite.yaml}: wraps every JDBC connection the application
 * opens, whatever opens it (DriverManager, a pool, Hibernate, Spring), so that its statements are rewritten for the
 * configured windows with no change to the application's code or URLs.
 *
 * <p>{@link ConnectionInstrumentation} says what is instrumented. If the agent cannot start (no configuration, an
 * invalid one, anything unexpected) it logs one line and the application runs untouched. Start-up work runs in the
 * background behind a {@link StartupGate}.
 */
public final class DualWriteAgent {
    private static final Logger log = LoggerFactory.getLogger(DualWriteAgent.class);
    private static volatile boolean installed;

    private DualWriteAgent() {
    }

    /**
     * At JVM start: registers the {@link StartupGate} and does the rest on two background threads (Byte Buddy on
     * one, the configuration and warming the engine on the other), so that the application's own start-up is not
     * held up.
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            Optional<Path> path = configurationPath(arguments);
            if (path.isEmpty()) {
                return;
            }
            StartupGate gate = new StartupGate();
            instrumentation.addTransformer(gate);
            ConfigSource[] config = new ConfigSource[1];
            gate.start(ConnectionInstrumentation::transformer, () -> {
                config[0] = configuration(path.get());
                if (config[0] == null) {
                    return false;
                }
                AgentRuntime.start(config[0]);
                return true;
            }, EngineWarmUp::run, () -> started(config[0]));
        } catch (Throwable t) {
            log.warn("dualwrite agent not started, the application runs without it: {}", t.toString());
        }
    }

    /** Attached to a running JVM: everything at once, and classes already loaded are retransformed. */
    public static synchronized void agentmain(String arguments, Instrumentation instrumentation) {
        if (installed) {
            return;
        }
        try {
            Optional<Path> path = configurationPath(arguments);
            ConfigSource config = path.isEmpty() ? null : configuration(path.get());
            if (config == null) {
                return;
            }
            AgentRuntime.start(config);
            ConnectionInstrumentation.installWithRetransformation(instrumentation);
            started(config);
        } catch (Throwable t) {
            log.warn("dualwrite agent not started, the application runs without it: {}", t.toString());
        }
    }

    private static void started(ConfigSource config) {
        installed = true;
        log.info("dualwrite agent started with {} ({} window(s))", config, config.current().windows().size());
    }

    /** The configuration path from {@code config=} or the locator; empty (logged) when there is none. */
    static Optional<Path> configurationPath(String arguments) {
        String explicit = null;
        if (arguments != null) {
            for (String part : arguments.split(",")) {
                String p = part.strip();
                if (p.startsWith("config=")) {
                    explicit = p.substring("config=".length());
                } else if (!p.isEmpty()) {
                    log.warn("dualwrite agent not started, the application runs without it: unknown agent argument"
                            + " '{}'; the agent takes config=<path of dualwrite.yaml>", p);
                    return Optional.empty();
                }
            }
        }
        Optional<Path> path = ConfigLocator.locate(explicit);
        if (path.isEmpty()) {
            log.warn("dualwrite agent not started, the application runs without it: no configuration; pass"
                    + " -javaagent:dualwrite-agent.jar=config=<path>, or set {}", ConfigLocator.describeSearch());
        }
        return path;
    }

    /** The configuration file, watched; null (logged) when it cannot be used. */
    static ConfigSource configuration(Path path) {
        try {
            return ControlConfigSource.over(FileConfigSource.open(path, 1000));
        } catch (dev.dualwrite.core.config.ConfigException e) {
            log.warn("dualwrite agent not started, the application runs without it: {}", e.getMessage());
            return null;
        }
    }
}
