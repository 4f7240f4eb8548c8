package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.data.BackfillOptions;
import dev.dualwrite.ops.fleet.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dualwrite backfill WINDOW [...]}. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Copies the old column into the new one where they differ, in short keyset batches on the"
                + " primary key (else a unique NOT NULL key), up to the highest key that exists when it starts."
                + " Runs only while the window is in mirror or read-new. Each batch commits with its checkpoint:"
                + " after a crash or kill the same command resumes. With windows in the control tables it first waits"
                + " until every live instance applies mirror.",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:the backfill is complete (or this process finished its share)",
            "1:refused (phase, no key, another backfill running) or stopped on a database error",
            "2:usage, configuration or connection error"})
final class BackfillCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "WINDOW", description = "table.old_column or schema.table.old_column.")
    String window;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows per batch (default: adapt to --target-batch-ms).")
    Integer batchSize;

    @Option(names = "--target-batch-ms", paramLabel = "M", defaultValue = "200",
            description = "The duration adaptive batches aim at (default: ${DEFAULT-VALUE}).")
    int targetBatchMs;

    @Option(names = "--pause-ms", paramLabel = "P", defaultValue = "0",
            description = "Sleep after every batch (default: ${DEFAULT-VALUE}).")
    int pauseMs;

    @Option(names = "--max-rows-per-second", paramLabel = "R", defaultValue = "0",
            description = "At most R rows a second for this process (default: no limit).")
    long maxRowsPerSecond;

    @Option(names = "--restart", description = "Forget the checkpoint and start over from the first key.")
    boolean restart;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Connections working at once; the key range is split into segments they share"
                    + " (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--join",
            description = "Share the work of a backfill of this window already running in another process (without"
                    + " it, a second backfill of the same window is refused).")
    boolean join;

    @Option(names = "--fleet-wait", paramLabel = "DURATION", defaultValue = "2m",
            description = "With windows in the control tables: how long to wait for every live instance to apply"
                    + " mirror or read-new before refusing (default: ${DEFAULT-VALUE}).")
    String fleetWait;

    @Override
    int run() throws OpsException, InterruptedException {
        long wait = Durations.parseMillis(fleetWait, "--fleet-wait");
        if (batchSize != null && batchSize < 1 || targetBatchMs < 1 || pauseMs < 0 || maxRowsPerSecond < 0
                || workers < 1) {
            throw OpsException.usage("--batch-size, --target-batch-ms and --workers must be positive, --pause-ms and"
                    + " --max-rows-per-second zero or more");
        }
        BackfillOptions options = new BackfillOptions(batchSize == null ? 0 : batchSize, targetBatchMs, pauseMs,
                maxRowsPerSecond, restart, workers, join, BackfillOptions.DEFAULT_LOCK_TIMEOUT_MILLIS);
        connection.operations().backfill(window, options, wait, ConsoleProgress.create());
        return 0;
    }
}
