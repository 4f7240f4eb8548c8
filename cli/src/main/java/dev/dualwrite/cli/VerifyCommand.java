package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.data.Verify;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dualwrite verify WINDOW [--samples K]}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Counts the rows whose two columns differ (null-safe, exact), in key-range chunks, prints the"
                + " count and up to K of their keys, and records the result in dualwrite_verify.",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:no row differs", "1:rows differ (or the verify could not run on this table)",
            "2:usage, configuration or connection error"})
final class VerifyCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "WINDOW", description = "table.old_column or schema.table.old_column.")
    String window;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "10",
            description = "Print up to K keys of differing rows (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    int run() throws OpsException {
        if (samples < 0) {
            throw OpsException.usage("--samples must be 0 or more");
        }
        Verify.Result r = connection.operations().verify(window, samples, ConsoleProgress.create());
        String when = Instant.ofEpochMilli(r.finishedAt()).toString();
        if (r.differing() == 0) {
            System.out.println("verify " + window + ": 0 of " + r.rowsChecked() + " rows differ (recorded " + when + ")");
            return 0;
        }
        System.out.println("verify " + window + ": " + r.differing() + " of " + r.rowsChecked() + " rows differ"
                + " (recorded " + when + ")" + (r.sampleKeys().isEmpty() ? "" : "; keys of the first "
                + r.sampleKeys().size() + ":"));
        r.sampleKeys().forEach(k -> System.out.println("  " + k));
        System.out.println("copy them again with: dualwrite backfill " + window + " --restart");
        return OpsException.REFUSED;
    }
}
