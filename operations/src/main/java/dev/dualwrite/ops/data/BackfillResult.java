package dev.dualwrite.ops.data;

/**
 * What one backfill process did.
 *
 * @param resumed        whether it continued a run an earlier process had started
 * @param complete       whether the window's backfill is complete now (false when other processes still work on it)
 * @param alreadyComplete whether there was nothing to do because an earlier run completed it
 * @param rowsScanned    rows this process walked over
 * @param rowsUpdated    rows it changed
 * @param batches        batches it committed
 * @param longestBatchMillis its longest batch, from the first statement to the commit
 * @param elapsedNanos   from start to end of this process's work
 * @param retries        batches rolled back on a lock timeout, deadlock or serialization failure and tried again
 */
public record BackfillResult(boolean resumed, boolean complete, boolean alreadyComplete, long rowsScanned,
        long rowsUpdated, long batches, long longestBatchMillis, long elapsedNanos, long retries) {
}
