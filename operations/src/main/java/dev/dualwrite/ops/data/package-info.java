/**
 * Moving and checking data during a window. {@code Backfill} copies the old column into the new one in keyset
 * batches ({@code KeyColumns}) over segments that workers claim under a lease, each batch one short transaction with
 * its checkpoint ({@code SegmentCopier}, {@code Checkpoints}), sized by {@code BatchSizer} and paced by
 * {@code RateLimiter}, so that a killed run resumes where it stopped. {@code Verify} counts the rows whose two columns
 * differ, in chunks, and records the result. Both are made of {@code RangeQuery}: one statement over a key range,
 * prepared once and bound per batch or chunk.
 */
package dev.dualwrite.ops.data;
