package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dualwrite plan WINDOW [--json]}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Prints every step of the window for this database: its name, the phase it must precede or"
                + " follow, and its SQL (read from the catalog: the exact type, default, indexes and constraints).",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:the plan was printed", "1:the window's column cannot be planned (gone, generated, key)",
            "2:usage, configuration or connection error"})
final class PlanCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "WINDOW", description = "table.old_column or schema.table.old_column.")
    String window;

    @Option(names = "--json", description = "Print {\"window\": ..., \"steps\": [{\"name\", \"when\", \"sql\": [...]}]}.")
    boolean json;

    @Override
    int run() throws OpsException {
        Plan plan = connection.operations().plan(window);
        if (json) {
            System.out.println(plan.toJson());
            plan.notes().forEach(n -> System.err.println("note: " + n));
        } else {
            System.out.print(plan.toText());
        }
        return 0;
    }
}
