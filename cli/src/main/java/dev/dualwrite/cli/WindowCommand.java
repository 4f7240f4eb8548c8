package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.fleet.DeclareWindow;
import dev.dualwrite.ops.fleet.Durations;
import dev.dualwrite.ops.fleet.RemoveWindow;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dualwrite window rename|drop|import|remove}: the windows of the control tables. */
@Command(name = "window", mixinStandardHelpOptions = true,
        description = "Declares and removes the windows the whole fleet follows (in the control tables; run"
                + " dualwrite init first).",
        subcommands = {WindowCommand.Rename.class, WindowCommand.Drop.class, WindowCommand.Import.class,
            WindowCommand.Remove.class},
        footer = "%nReference: docs/operations.md")
final class WindowCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "rename", mixinStandardHelpOptions = true,
            description = "Declares a rename window in phase old-only: TABLE.FROM becomes TO.",
            exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
            exitCodeList = {"0:declared (now or before, the same)", "1:refused (another window is in the way)",
                "2:usage, configuration or connection error"})
    static final class Rename extends OpsCommand {
        @Parameters(index = "0", paramLabel = "TABLE.FROM", description = "table.column or schema.table.column.")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "The new column's name.")
        String to;

        @Override
        int run() throws OpsException {
            new DeclareWindow(connection.operations().fleet()).rename(from, to, System.out::println);
            return 0;
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Declares a drop window: writes of TABLE.COLUMN are dropped and reads return the default,"
                    + " so the column can be dropped while old code still uses it.",
            exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
            exitCodeList = {"0:declared (now or before, the same)", "1:refused (another window is in the way)",
                "2:usage, configuration or connection error"})
    static final class Drop extends OpsCommand {
        @Parameters(index = "0", paramLabel = "TABLE.COLUMN", description = "table.column or schema.table.column.")
        String column;

        @Option(names = "--default", paramLabel = "VALUE",
                description = "The SQL literal reads of the column return (default: NULL).")
        String defaultValue;

        @Override
        int run() throws OpsException {
            new DeclareWindow(connection.operations().fleet()).drop(column, defaultValue, System.out::println);
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Declares every window of a dualwrite.yaml, each rename in the file's phase, in one"
                    + " transaction; windows declared already the same way are skipped.",
            exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
            exitCodeList = {"0:imported", "1:refused (a window is declared differently)",
                "2:usage, configuration or connection error"})
    static final class Import extends OpsCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "A dualwrite.yaml.")
        Path file;

        @Override
        int run() throws OpsException {
            new DeclareWindow(connection.operations().fleet()).importFile(file, System.out::println);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Ends a window for the whole fleet. Refused while any instance (live or gone) used the old"
                    + " name within --quiet-for, and while a rename is in mirror or read-new.",
            exitCodeListHeading = "%nExit status:%n", footer = "%nReference: docs/operations.md",
            exitCodeList = {"0:removed", "1:refused (the old name is still in use, or the phase)",
                "2:usage, configuration or connection error"})
    static final class Remove extends OpsCommand {
        @Parameters(index = "0", paramLabel = "WINDOW", description = "table.old_column or schema.table.old_column.")
        String window;

        @Option(names = "--force", description = "Remove it despite the refusals (prints a warning).")
        boolean force;

        @Option(names = "--quiet-for", paramLabel = "DURATION", defaultValue = "24h",
                description = "How long no instance may have used the old name (default: ${DEFAULT-VALUE}; 30m, 7d).")
        String quietFor;

        @Override
        int run() throws OpsException {
            long quiet = Durations.parseMillis(quietFor, "--quiet-for");
            new RemoveWindow(connection.operations().fleet()).remove(window, force, quiet, System.out::println,
                    System.err::println);
            return 0;
        }
    }
}
