package dev.dualwrite.core.rewrite;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Enforces the parse time budget. Parsing runs on the caller's thread; one shared daemon thread only raises the
 * parser's {@code interrupted} flag when a parse overruns, which makes JSqlParser's lookaheads fail fast so that the
 * parse ends with an exception instead of running on.
 */
final class ParseGuard {
    private static final ScheduledThreadPoolExecutor WATCHDOG;

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

    /** Arms the budget for one parse; close the returned handle when the parse ends, however it ends. */
    static Armed arm(CCJSqlParser parser, long budgetMillis) {
        ScheduledFuture<?> f = WATCHDOG.schedule(() -> {
            parser.interrupted = true;
        }, budgetMillis, TimeUnit.MILLISECONDS);
        return new Armed(f, parser);
    }

    static final class Armed implements AutoCloseable {
        private final ScheduledFuture<?> future;
        private final CCJSqlParser parser;

        Armed(ScheduledFuture<?> future, CCJSqlParser parser) {
            this.future = future;
            this.parser = parser;
        }

        boolean expired() {
            return parser.interrupted;
        }

        @Override
        public void close() {
            future.cancel(false);
        }
    }
}
