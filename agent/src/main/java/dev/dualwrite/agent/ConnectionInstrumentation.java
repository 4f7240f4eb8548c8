package dev.dualwrite.agent;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.dualwrite.probe.WarmUpDriver;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every use of Byte Buddy in the agent: inlines {@link ConnectionAdvice} into {@code connect(String, Properties)}
 * of every {@code java.sql.Driver} and into {@code getConnection()} and {@code getConnection(String, String)} of
 * every {@code javax.sql.DataSource}; the advice is a call to {@link AgentRuntime}.
 *
 * <p>Byte Buddy's {@link Advice} is applied straight to the class file (read, visited, written) instead of through
 * its {@code AgentBuilder}: the builder generates and loads a class of its own before its first transformation and
 * runs each one through the whole type-building pipeline, which together cost the application a few hundred
 * milliseconds at start (measured with {@code AgentStartup} in the benchmarks module). Advice only inlines code and
 * adds no member, so the result is valid for retransformation too.

 */
final class ConnectionInstrumentation implements ClassFileTransformer {
    private static final Logger log = LoggerFactory.getLogger(ConnectionInstrumentation.class);
    private static final ElementMatcher<TypeDescription> DRIVER =
            not(isInterface()).and(hasSuperType(named("java.sql.Driver")));
    private static final ElementMatcher<TypeDescription> DATA_SOURCE =
            not(isInterface()).and(hasSuperType(named("javax.sql.DataSource")));

    private final AsmVisitorWrapper driverAdvice;
    private final AsmVisitorWrapper dataSourceAdvice;

    private ConnectionInstrumentation() {
        // The advice class is read as a class file, never loaded: its annotations are Byte Buddy's.
        ClassFileLocator own = ClassFileLocator.ForClassLoader.of(ConnectionInstrumentation.class.getClassLoader());
        Advice advice = Advice.to(TypePool.Default.of(own).describe(ConnectionAdvice.class.getName()).resolve(), own);
        driverAdvice = advice.on(named("connect").and(takesArguments(2)).and(returns(named("java.sql.Connection"))));
        dataSourceAdvice = advice.on(named("getConnection").and(takesArguments(0).or(takesArguments(2)))
                .and(returns(named("java.sql.Connection"))));
    }

    /**
     * The transformer for classes loaded from now on (used behind the {@link StartupGate} at JVM start), already
     * run once over {@link WarmUpDriver}: the first instrumentation loads most of Byte Buddy's advice classes, and
     * this does it here, while the configuration is read on the other thread, rather than later while the
     * application's first connection waits.
     */
    static ClassFileTransformer transformer() {
        ConnectionInstrumentation transformer = new ConnectionInstrumentation();
        String probe = WarmUpDriver.class.getName().replace('.', '/');
        try (InputStream in = ConnectionInstrumentation.class.getResourceAsStream("/" + probe + ".class")) {
            if (in != null && transformer.instrument(ConnectionInstrumentation.class.getClassLoader(), probe,
                    in.readAllBytes()) == null) {
                log.debug("dualwrite agent warm-up: the probe driver was not instrumented");
            }
        } catch (IOException e) {
            log.debug("dualwrite agent warm-up of the instrumentation failed: {}", e.toString());
        }
        return transformer;
    }

    /** Registers the transformer and retransforms the drivers and data sources already loaded (attach to a JVM). */
    static void installWithRetransformation(Instrumentation instrumentation) {
        instrumentation.addTransformer(new ConnectionInstrumentation(), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (StartupGate.isCandidate(c.getName().replace('.', '/')) && !c.isInterface()
                    && (java.sql.Driver.class.isAssignableFrom(c) || DataSource.class.isAssignableFrom(c))
                    && instrumentation.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        for (Class<?> c : loaded) {
            try {
                instrumentation.retransformClasses(c);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                log.warn("dualwrite agent could not instrument {}, loaded before it attached; its connections are"
                        + " not rewritten: {}", c.getName(), e.toString());
            }
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        return StartupGate.isCandidate(className) ? instrument(loader, className, classfileBuffer) : null;
    }

    /** The class file with the advice inlined, or null when it is neither a driver nor a data source. */
    private byte[] instrument(ClassLoader loader, String internalName, byte[] classFile) {
        String name = internalName.replace('/', '.');
        try {
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = new TypePool.Default.WithLazyResolution(new TypePool.CacheProvider.Simple(), locator,
                    TypePool.Default.ReaderMode.FAST);
            TypeDescription type = pool.describe(name).resolve();
            AsmVisitorWrapper advice = DRIVER.matches(type) ? driverAdvice
                    : DATA_SOURCE.matches(type) ? dataSourceAdvice : null;
            if (advice == null) {
                return null;
            }
            int writerFlags = advice.mergeWriter(AsmVisitorWrapper.NO_FLAGS);
            int readerFlags = advice.mergeReader(AsmVisitorWrapper.NO_FLAGS);
            ClassReader reader = OpenedClassReader.of(classFile);
            ClassWriter writer = new ClassWriter(reader, writerFlags);
            ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
            Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                    new AuxiliaryType.NamingStrategy.Suffixing("dualwrite"), TypeInitializer.None.INSTANCE, version,
                    version);
            reader.accept(advice.wrap(type, writer, context, pool, type.getDeclaredFields(),
                    type.getDeclaredMethods(), writerFlags, readerFlags), readerFlags);
            log.debug("dualwrite agent instruments {}", name);
            return writer.toByteArray();
        } catch (Throwable t) {
            log.warn("dualwrite agent could not instrument {}; its connections are not rewritten: {}", name,
                    t.toString());
            return null;
        }
    }
}
