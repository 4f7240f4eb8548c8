/**
 * A class the agent passes through its transformer once at start-up, so that the advice machinery is ready before
 * the application's first driver loads. Outside {@code dev.dualwrite.agent}, which the agent never instruments.
 */
package dev.dualwrite.probe;
