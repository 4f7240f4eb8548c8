/**
 * The windows and how they reach the engine. A {@link dev.dualwrite.core.config.Configuration} is an immutable,
 * versioned list of windows ({@link dev.dualwrite.core.config.RenameWindow} with its
 * {@link dev.dualwrite.core.config.Phase}, {@link dev.dualwrite.core.config.DropWindow}), limits and the
 * {@code on-unsupported} choice, parsed from {@code dualwrite.yaml} by {@code ConfigParser} or built in code. A
 * {@link dev.dualwrite.core.config.ConfigSource} publishes configurations (a fixed one, a watched file, one set by
 * hand); the engine follows its source and drops its caches at every new version, and a broken file keeps the last
 * good configuration in force.
 */
package dev.dualwrite.core.config;
