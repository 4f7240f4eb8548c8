/**
 * A window's schema steps: {@code Planner} builds a {@code Plan} of {@code Step}s from the catalog as it is now (each
 * statement marked done when its effect is already there), and {@code Applier} runs one step when its precondition
 * holds, skipping what is done, so that a step that failed halfway is finished by running it again.
 */
package dev.dualwrite.ops.plan;
