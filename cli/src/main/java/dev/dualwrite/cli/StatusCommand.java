package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.fleet.Durations;
import dev.dualwrite.ops.fleet.RemoveWindow;
import dev.dualwrite.ops.fleet.Status;
import dev.dualwrite.ops.fleet.StatusJson;
import dev.dualwrite.ops.fleet.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dualwrite status [WINDOW] [--json] [--quiet-for DURATION]}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Per window: its phase, every live instance (kind, host, app, phase applied, heartbeat age),"
                + " the backfill and the last verify, when and where the old name was last used, and whether the old"
                + " column may be dropped and the window removed, with the reasons.",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:the status was printed", "2:usage, configuration or connection error"})
final class StatusCommand extends OpsCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "WINDOW",
            description = "table.old_column or schema.table.old_column (default: every window).")
    String window;

    @Option(names = "--json", description = "Print {\"windows\": [{\"window\", \"kind\", \"phase\", \"instances\": [...],"
            + " \"oldNameLastUsed\", \"backfill\", \"verify\", \"safeToDropColumn\", \"safeToRemoveWindow\","
            + " \"reasons\"}]}.")
    boolean json;

    @Option(names = "--quiet-for", paramLabel = "DURATION", defaultValue = "24h",
            description = "The quiet period of the old name that safeToRemoveWindow asks for (default:"
                    + " ${DEFAULT-VALUE}).")
    String quietFor;

    @Override
    int run() throws OpsException {
        long quiet = Durations.parseMillis(quietFor, "--quiet-for");
        Status.Report report = new Status(connection.operations().fleet()).read(window, quiet);
        System.out.print(json ? StatusJson.render(report) + "\n" : StatusText.render(report));
        return 0;
    }
}
