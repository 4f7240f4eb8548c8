package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.fleet.PhaseMove;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dualwrite phase WINDOW PHASE [--force]}. */
@Command(name = "phase", mixinStandardHelpOptions = true,
        description = "Moves a rename window to an adjacent phase for the whole fleet (old-only, mirror, read-new,"
                + " new-only; a move back is the rollback). Forward moves are refused while a live instance has not"
                + " applied the current phase, to mirror while the new column does not exist, and to read-new before"
                + " a complete backfill and a clean verify after it.",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:moved (or in that phase already)", "1:refused (the reason and the command that fixes it)",
            "2:usage, configuration or connection error"})
final class PhaseCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "WINDOW", description = "table.old_column or schema.table.old_column.")
    String window;

    @Parameters(index = "1", paramLabel = "PHASE", description = "old-only, mirror, read-new or new-only.")
    String phase;

    @Option(names = "--force", description = "Move despite the refusals (prints a warning).")
    boolean force;

    @Override
    int run() throws OpsException {
        new PhaseMove(connection.operations().fleet()).move(window, phase, force, System.out::println,
                System.err::println);
        return 0;
    }
}
