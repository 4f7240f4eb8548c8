package dev.dualwrite.ops.data;

/**
 * How a backfill runs.
 *
 * @param batchSize        rows per batch, or 0 to adapt to {@code targetBatchMillis}
 * @param targetBatchMillis the duration an adaptive batch aims at
 * @param pauseMillis      sleep after every batch
 * @param maxRowsPerSecond a ceiling on rows touched per second by this process, or 0 for none
 * @param restart          forget the checkpoint and start over
 * @param workers          connections working at once in this process
 * @param join             share the work of a backfill of the same window already running elsewhere
 * @param lockTimeoutMillis how long one batch waits for a row lock before it gives up and retries
 */
public record BackfillOptions(int batchSize, int targetBatchMillis, int pauseMillis, long maxRowsPerSecond,
        boolean restart, int workers, boolean join, int lockTimeoutMillis) {

    public static final int DEFAULT_TARGET_BATCH_MILLIS = 200;
    public static final int DEFAULT_LOCK_TIMEOUT_MILLIS = 2000;

    /** The defaults: adaptive batches of about 200 ms, no throttle, one worker. */
    public static BackfillOptions defaults() {
        return new BackfillOptions(0, DEFAULT_TARGET_BATCH_MILLIS, 0, 0, false, 1, false, DEFAULT_LOCK_TIMEOUT_MILLIS);
    }
}
