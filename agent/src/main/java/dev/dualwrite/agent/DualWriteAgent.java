package dev.dualwrite.agent;

import dev.dualwrite.core.config.ConfigLocator;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.FileConfigSource;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -javaagent:dualwrite-agent.jar=config=/path/dualwrite.yaml}: wraps every JDBC connection the application
 * opens, whatever opens it (DriverManager, a pool, Hibernate, Spring), so that its statements are rewritten for the
 * configured windows with no change to the application's code or URLs.
 *
 * <p>It instruments {@code java.sql.Driver#connect} of every driver and {@code DataSource#getConnection} of data
 * sources that open physical connections themselves; the advice is a call to {@link AgentRuntime}. If the agent
 * cannot start (no configuration, an invalid one, anything unexpected) it logs one line and the application runs
 * untouched. Start-up work runs in the background behind a {@link StartupGate}.
 */
public final class DualWriteAgent {
    private static final Logger log = LoggerFactory.getLogger(DualWriteAgent.class);
    private static volatile boolean installed;

    private DualWriteAgent() {
    }

    /**
     * At JVM start: registers the {@link StartupGate} and does the rest (configuration, Byte Buddy, warming the
     * engine) on a background thread, so that the application's own start-up is not held up.
     */
    public static void premain(String arguments, Instrumentation instrumentation) {
        try {
            Optional<Path> path = configurationPath(arguments);
            if (path.isEmpty()) {
                return;
            }
            StartupGate gate = new StartupGate();
            instrumentation.addTransformer(gate);
            gate.start(() -> {
                ConfigSource config = configuration(path.get());
                if (config == null) {
                    return null;
                }
                AgentRuntime.start(config);
                ClassFileTransformer transformer = builder().makeRaw();
                started(config);
                return transformer;
            }, EngineWarmUp::run);
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
            builder().with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION).installOn(instrumentation);
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
            return FileConfigSource.open(path, 1000);
        } catch (dev.dualwrite.core.config.ConfigException e) {
            log.warn("dualwrite agent not started, the application runs without it: {}", e.getMessage());
            return null;
        }
    }

    private static AgentBuilder builder() {
        // Advice is inlined and nothing is injected, so Byte Buddy needs no sun.misc.Unsafe (which JDK 24 and later
        // warn about). The shade plugin relocates this name to the agent's own copy of Byte Buddy: an application's
        // Byte Buddy is not affected.
        if (System.getProperty("net.bytebuddy.safe") == null) {
            System.setProperty("net.bytebuddy.safe", "true");
        }
        ClassLoader own = DualWriteAgent.class.getClassLoader();
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.InjectionStrategy.Disabled.INSTANCE)
                .with(new FailureListener())
                .ignore(ElementMatchers.nameStartsWith("dev.dualwrite.agent.")
                        .or(ElementMatchers.nameStartsWith("java."))
                        .or(ElementMatchers.nameStartsWith("jdk."))
                        .or(ElementMatchers.nameStartsWith("sun.")))
                // Matched by name first (cheap), then by type: drivers and data sources all but never go unnamed.
                .type(ElementMatchers.nameEndsWith("Driver")
                        .and(ElementMatchers.not(ElementMatchers.isInterface()))
                        .and(ElementMatchers.hasSuperType(ElementMatchers.named("java.sql.Driver"))))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(own)
                        .advice(ElementMatchers.named("connect")
                                .and(ElementMatchers.takesArguments(2))
                                .and(ElementMatchers.returns(ElementMatchers.named("java.sql.Connection"))),
                                DriverConnectAdvice.class.getName()))
                .type(ElementMatchers.nameEndsWith("DataSource")
                        .and(ElementMatchers.not(ElementMatchers.isInterface()))
                        .and(ElementMatchers.hasSuperType(ElementMatchers.named("javax.sql.DataSource"))))
                .transform(new AgentBuilder.Transformer.ForAdvice()
                        .include(own)
                        .advice(ElementMatchers.named("getConnection")
                                .and(ElementMatchers.takesArguments(0).or(ElementMatchers.takesArguments(2)))
                                .and(ElementMatchers.returns(ElementMatchers.named("java.sql.Connection"))),
                                DataSourceConnectionAdvice.class.getName()));
    }

    /** Reports classes the agent could not instrument (once each), at debug level: the application is unaffected. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            log.debug("dualwrite agent could not instrument {}: {}", typeName, throwable.toString());
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                boolean loaded, DynamicType dynamicType) {
            log.debug("dualwrite agent instruments {}", typeDescription.getName());
        }
    }
}
