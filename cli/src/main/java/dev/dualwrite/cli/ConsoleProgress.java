package dev.dualwrite.cli;

import dev.dualwrite.ops.data.Progress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a progress bar (rows of the estimated total, rows/s, ETA) on a terminal, plain lines every few
 * seconds otherwise (logs, CI, a pipe). Notes (resuming, complete) go to stdout.
 */
final class ConsoleProgress {
    static final long LINE_INTERVAL_MILLIS = 5000;

    private ConsoleProgress() {
    }

    static Progress create() {
        return System.console() != null ? new Bar() : new Lines();
    }

    /** The progressbar library's bar. */
    private static final class Bar implements Progress {
        private ProgressBar bar;
        private long total;
        private final AtomicLong done = new AtomicLong();

        @Override
        public synchronized void start(String task, long total, long alreadyDone) {
            this.total = total;
            done.set(alreadyDone);
            // The bar shows the verb only (the window is on the line above): a narrow terminal keeps rate and ETA.
            String verb = task.contains(" ") ? task.substring(0, task.indexOf(' ')) : task;
            bar = new ProgressBarBuilder().setTaskName(verb).setInitialMax(Math.max(1, total))
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed().setUpdateIntervalMillis(500)
                    .startsFrom(alreadyDone, Duration.ZERO).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }

        @Override
        public synchronized void advance(long rows) {
            long now = done.addAndGet(rows);
            if (bar != null) {
                if (now > total) {
                    total = now;
                    bar.maxHint(now); // the catalog's estimate was low
                }
                bar.stepBy(rows);
            }
        }

        @Override
        public synchronized void note(String line) {
            System.out.println(line);
        }

        @Override
        public synchronized void finish() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** Plain periodic lines. */
    private static final class Lines implements Progress {
        private final AtomicLong done = new AtomicLong();
        private volatile String task;
        private volatile long total;
        private volatile long startDone;
        private volatile long startNanos;
        private ScheduledExecutorService ticker;

        @Override
        public synchronized void start(String task, long total, long alreadyDone) {
            this.task = task;
            this.total = total;
            this.startDone = alreadyDone;
            this.startNanos = System.nanoTime();
            done.set(alreadyDone);
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dualwrite-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::line, LINE_INTERVAL_MILLIS, LINE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void line() {
            long now = done.get();
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double rate = seconds > 0 ? (now - startDone) / seconds : 0;
            long shownTotal = Math.max(total, now);
            String eta = rate > 0 && shownTotal > now ? ", ETA " + Duration.ofSeconds((long) ((shownTotal - now) / rate))
                    .toString().substring(2).toLowerCase() : "";
            System.err.printf("%s: %d of ~%d rows (%d%%), %.0f rows/s%s%n", task, now, shownTotal,
                    shownTotal == 0 ? 100 : now * 100 / shownTotal, rate, eta);
        }

        @Override
        public void advance(long rows) {
            done.addAndGet(rows);
        }

        @Override
        public void note(String line) {
            System.out.println(line);
        }

        @Override
        public synchronized void finish() {
            if (ticker != null) {
                ticker.shutdownNow();
                ticker = null;
                line();
            }
        }
    }
}
