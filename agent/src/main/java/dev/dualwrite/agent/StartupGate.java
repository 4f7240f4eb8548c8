package dev.dualwrite.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agent's start-up off the application's critical path. {@code premain} only registers this transformer
 * and starts a background thread that reads the configuration and builds the Byte Buddy transformer; the application
 * goes on starting meanwhile. Only when a class that may be a JDBC driver or data source is about to load does this
 * gate wait for the background work, so that no such class is ever defined without the advice.
 */
final class StartupGate implements ClassFileTransformer {
    private static final Logger log = LoggerFactory.getLogger(StartupGate.class);
    private static final long WAIT_SECONDS = 60;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile ClassFileTransformer transformer;
    private volatile Thread initializer;

    /**
     * Runs {@code init} on a daemon thread; its result (null if the agent must stay off) serves the gated classes.
     * Then, with the gate already open, runs {@code afterwards} (work that only saves time later).
     */
    void start(java.util.concurrent.Callable<ClassFileTransformer> init, Runnable afterwards) {
        Thread t = new Thread(() -> {
            try {
                transformer = init.call();
            } catch (Throwable e) {
                log.warn("dualwrite agent not started, the application runs without it: {}", e.toString());
            } finally {
                ready.countDown();
            }
            if (transformer != null) {
                try {
                    afterwards.run();
                } catch (Throwable e) {
                    log.debug("dualwrite agent warm-up failed", e);
                }
            }
        }, "dualwrite-agent-start");
        t.setDaemon(true);
        initializer = t;
        t.start();
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
        if (Thread.currentThread() != initializer) {
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
        return t == null ? null : t.transform(loader, className, classBeingRedefined, protectionDomain,
                classfileBuffer);
    }
}
