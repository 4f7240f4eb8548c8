/**
 * The window lifecycle operations, run by an operator against one database through JDBC:
 * {@link dev.dualwrite.ops.Operations} is the entry point of {@code plan}, {@code apply}, {@code backfill} and
 * {@code verify}. A command names a window ({@code WindowName}), which is found in {@code dualwrite.yaml}
 * ({@code Windows}) and resolved against the catalog ({@code ResolvedWindow}) on the {@code DatabaseTarget}; then the
 * work is done by {@code plan} (schema steps), {@code data} (backfill and verify) and {@code control} (dualwrite's
 * own tables). Every failure is an {@code OpsException} that says what happened and what to do.
 */
package dev.dualwrite.ops;
