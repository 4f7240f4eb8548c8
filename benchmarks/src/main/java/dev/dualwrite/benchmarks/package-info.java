/**
 * JMH benchmarks and their fixtures: the engine's prefilter, plan-cache hit and first sight
 * ({@code EngineBenchmark}), the JDBC door ({@code JdbcBenchmark}, {@code MirrorWriteBenchmark}), the backfill, and
 * the agent's start-up cost ({@code AgentStartup} over {@code StartupApp}). Not shipped; results are recorded in
 * {@code docs/benchmarks.md} with how they were measured.
 */
package dev.dualwrite.benchmarks;
