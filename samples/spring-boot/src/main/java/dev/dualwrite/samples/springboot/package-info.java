/**
 * The Spring Boot sample: {@code RollingDeploy} runs two versions of one service ({@code v1} knows the old column
 * name, {@code v2} the new one) through the starter while the window moves through its phases, and reports failed
 * requests and diverged rows.
 */
package dev.dualwrite.samples.springboot;
