package dev.dualwrite.core.rewrite;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Enforces the parse time budget. Parsing runs on the caller's thread; one shared daemon thread only raises the
 * parser's {@code interrupted} flag when a parse overruns, which makes JSqlParser's lookaheads fail fast so that the
 * parse ends with an exception instead of running on.
 *
 * <p>The budget is CPU time of the parsing thread where the JVM can measure it, wall-clock time otherwise. A parse
 * that costs tens of microseconds can take seconds of wall-clock time on a host whose cores are oversubscribed or
 * while the collector stops the world; counting wall-clock time would then reject ordinary statements of a healthy
 * application. The budget exists to bound the work a pathological statement costs, and CPU time is that work. When
 * the watchdog fires and the thread has used less CPU time than the budget, it looks again when the rest of the
 * budget could at the earliest be used up.
 */
final class ParseGuard {
    private static final ScheduledThreadPoolExecutor WATCHDOG;
    /** The thread CPU clock, or null when this JVM cannot read it (the budget is then wall-clock time). */
    private static final ThreadMXBean CPU = cpuClock();

    static {
        WATCHDOG = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dualwrite-parse-watchdog");
            t.setDaemon(true);
            return t;
        });
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    private ParseGuard() {
    }

    private static ThreadMXBean cpuClock() {
        try {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            if (bean.isCurrentThreadCpuTimeSupported() && bean.isThreadCpuTimeSupported()
                    && bean.isThreadCpuTimeEnabled()) {
                return bean;
            }
        } catch (RuntimeException | LinkageError e) {
            // No management support in this runtime: fall back to wall-clock time.
        }
        return null;
    }

    /** Arms the budget for one parse on the calling thread; close the handle when the parse ends, however it ends. */
    static Armed arm(CCJSqlParser parser, long budgetMillis) {
        long budget = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        Armed armed = CPU == null
                ? new Armed(parser, -1, 0, budget)
                : new Armed(parser, currentThreadId(), CPU.getCurrentThreadCpuTime(), budget);
        armed.schedule(budget);
        return armed;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same value.
    private static long currentThreadId() {
        return Thread.currentThread().getId();
    }

    static final class Armed implements AutoCloseable, Runnable {
        private final CCJSqlParser parser;
        /** The parsing thread, or -1 when the budget is wall-clock time. */
        private final long threadId;
        private final long cpuAtStart;
        private final long budgetNanos;
        private volatile ScheduledFuture<?> future;
        private volatile boolean closed;

        Armed(CCJSqlParser parser, long threadId, long cpuAtStart, long budgetNanos) {
            this.parser = parser;
            this.threadId = threadId;
            this.cpuAtStart = cpuAtStart;
            this.budgetNanos = budgetNanos;
        }

        private void schedule(long delayNanos) {
            future = WATCHDOG.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
            if (closed) {
                // close() ran between the check in run() and this assignment: it may have cancelled the old future.
                future.cancel(false);
            }
        }

        /** The watchdog's check: stop the parse when its budget is spent, else look again later. */
        @Override
        public void run() {
            if (closed) {
                return;
            }
            if (threadId >= 0) {
                long now = CPU.getThreadCpuTime(threadId);
                long used = now - cpuAtStart;
                if (now >= 0 && used < budgetNanos) {
                    schedule(budgetNanos - used);
                    return;
                }
            }
            parser.interrupted = true;
        }

        boolean expired() {
            return parser.interrupted;
        }

        @Override
        public void close() {
            closed = true;
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
