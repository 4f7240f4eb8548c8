package dev.dualwrite.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agent's start-up off the application's critical path. {@code premain} only registers this transformer
 * and starts two background threads, one building the Byte Buddy transformer, the other reading the configuration;
 * the application goes on starting meanwhile. Only when a class that may be a JDBC driver or data source is about to
 * load does this gate wait for both, so that no such class is ever defined without the advice.
 */
final class StartupGate implements ClassFileTransformer {
    private static final Logger log = LoggerFactory.getLogger(StartupGate.class);
    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch ready = new CountDownLatch(2);
    private volatile ClassFileTransformer transformer;
    private volatile boolean configured;
    private volatile Thread instrumenter;
    private volatile Thread configurer;

    /**
     * Runs {@code instrumentation} and {@code configuration} on two daemon threads at once. The gate opens when both
     * are done; it serves the gated classes with the transformer if the configuration was usable (true) and nothing
     * failed, and lets them load untouched otherwise. After its own part, the configuration thread runs {@code
     * afterwards} (work that only saves time later, done while the application may still be waiting), then {@code
     * started} once the gate is open and the agent is on.
     */
    void start(Callable<ClassFileTransformer> instrumentation, Callable<Boolean> configuration, Runnable afterwards,
            Runnable started) {
        Thread building = new Thread(() -> part(() -> transformer = instrumentation.call()),
                "dualwrite-agent-instrumentation");
        Thread reading = new Thread(() -> {
            part(() -> configured = configuration.call());
            if (!configured) {
                return;
            }
            try {
                afterwards.run();
            } catch (Throwable e) {
                log.debug("dualwrite agent warm-up failed", e);
            }
            try {
                ready.await();
                if (transformer != null) {
                    started.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dualwrite-agent-configuration");
        for (Thread t : new Thread[] {building, reading}) {
            t.setDaemon(true);
        }
        instrumenter = building;
        configurer = reading;
        building.start();
        reading.start();
    }

    /** Runs one of the two parts of the start-up; a failure keeps the agent off. Either way the gate counts it done. */
    private void part(Callable<?> step) {
        try {
            step.call();
        } catch (Throwable e) {
            log.warn("dualwrite agent not started, the application runs without it: {}", e.toString());
        } finally {
            ready.countDown();
        }
    }

    static boolean isCandidate(String internalName) {
        return internalName != null && (internalName.endsWith("Driver") || internalName.endsWith("DataSource"))
                && !internalName.startsWith("dev/dualwrite/agent/") && !internalName.startsWith("java/")
                && !internalName.startsWith("javax/") && !internalName.startsWith("jdk/")
                && !internalName.startsWith("sun/");
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        if (!isCandidate(className)) {
            return null;
        }
        Thread current = Thread.currentThread();
        if (current != instrumenter && current != configurer) {
            try {
                if (!ready.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("dualwrite agent was not ready after {} s; {} loads without it", WAIT_SECONDS,
                            className.replace('/', '.'));
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        ClassFileTransformer t = transformer;
        return t == null || !configured ? null
                : t.transform(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    }
}
