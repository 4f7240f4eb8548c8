/**
 * dualwrite's own tables in the application's database ({@code dualwrite_*}), shared by the operations commands and
 * the doors: the backfill's checkpoints and segments and the verify results, each created on first use with
 * {@code IF NOT EXISTS} ({@code ControlTables} is their one definition).
 */
package dev.dualwrite.control;
