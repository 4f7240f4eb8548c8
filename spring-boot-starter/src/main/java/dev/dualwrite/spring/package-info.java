/**
 * The Spring Boot starter: when a configuration is named ({@code OnDualWriteConfiguredCondition}),
 * {@code DualWriteDataSourcePostProcessor} wraps every {@code DataSource} bean with the JDBC door, innermost, next to
 * the pool, so that JdbcTemplate, JPA, jOOQ, MyBatis and migration tools all reach the database through it, and
 * tracing and logging wrappers see the statements the application wrote. A configuration that cannot be read stops
 * the start ({@code DualWriteStartupException}, reported by {@code DualWriteFailureAnalyzer}).
 */
package dev.dualwrite.spring;
