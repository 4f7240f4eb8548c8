package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dualwrite apply WINDOW STEP}. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Runs one step of the window's plan when its precondition holds. Steps: add-column (before"
                + " mirror); not-null, indexes, constraints (after a complete backfill, before read-new); drop (once"
                + " the window is in new-only; for a drop window, once every instance applies it); drop-not-null (a"
                + " drop window's column that is NOT NULL without a default, before the window). Statements already"
                + " done are skipped, so a step can be rerun.",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:the step is done (now or before)",
            "1:refused (precondition does not hold) or a statement failed",
            "2:usage, configuration or connection error"})
final class ApplyCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "WINDOW", description = "table.old_column or schema.table.old_column.")
    String window;

    @Parameters(index = "1", paramLabel = "STEP", description = "A step name from dualwrite plan.")
    String step;

    @Override
    int run() throws OpsException {
        connection.operations().apply(window, step, System.out::println);
        return 0;
    }
}
