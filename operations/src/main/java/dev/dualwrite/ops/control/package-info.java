/**
 * dualwrite's own tables in the application's database ({@code dualwrite_*}): the backfill's checkpoints and
 * segments, verify results; created on first use with {@code IF NOT EXISTS}.
 */
package dev.dualwrite.ops.control;
