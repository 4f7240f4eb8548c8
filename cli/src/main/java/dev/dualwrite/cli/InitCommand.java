package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.fleet.Init;
import picocli.CommandLine.Command;

/** {@code dualwrite init [--schema S]}. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Creates dualwrite's control tables (windows, fleet version, instances and their heartbeats,"
                + " backfill checkpoints, verify results) where they do not exist yet, and says which it created."
                + " Safe to run again.",
        exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
        exitCodeList = {"0:the tables exist (created now or before)", "1:the database refused to create them",
            "2:usage or connection error"})
final class InitCommand extends OpsCommand {

    @Override
    int run() throws OpsException {
        new Init(connection.operations().fleet()).run(System.out::println);
        return 0;
    }
}
