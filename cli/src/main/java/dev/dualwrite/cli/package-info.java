/**
 * The {@code dualwrite} executable ({@link dev.dualwrite.cli.Main}, picocli): {@code sidecar} starts the
 * wire-protocol proxy; {@code plan}, {@code apply}, {@code backfill} and {@code verify} run the operations of the
 * {@code dev.dualwrite.ops} packages against one database, through JDBC. Each command parses its options
 * ({@code ConnectionOptions} for the database), runs, and turns an operation's failure into its exit status and one
 * line on stderr ({@code OpsCommand}).
 */
package dev.dualwrite.cli;
