package dev.dualwrite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dualwrite} executable. */
@Command(name = "dualwrite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Zero-downtime column renames and drops between an application and its database.",
        footer = {"%nEnvironment:",
            "  DUALWRITE_PASSWORD  the database password of the operations commands (or the variable --password-env"
                + " names)",
            "  DUALWRITE_CONFIG    dualwrite.yaml when --config is not given",
            "  JAVA                the java executable bin/dualwrite runs (default: $JAVA_HOME/bin/java, else java on"
                + " the PATH)",
            "  JAVA_HOME           the Java runtime bin/dualwrite uses unless JAVA is set",
            "  JAVA_OPTS           options bin/dualwrite passes to the JVM",
            "%nReference: docs/operations.md, docs/runbook.md"},
        subcommands = {SidecarCommand.class, PlanCommand.class, ApplyCommand.class, BackfillCommand.class,
            VerifyCommand.class, InitCommand.class, WindowCommand.class, PhaseCommand.class, StatusCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit status: a usage error or an unexpected failure is one line on
     * stderr and status 2, never a stack trace.
     */
    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("dualwrite " + cmd.getCommandSpec().name().replace("dualwrite", "").strip() + ": "
                    + e.getMessage() + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + (e instanceof IllegalArgumentException
                    ? e.getMessage() : "unexpected error: " + e));
            return CommandLine.ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dualwrite " + (v == null ? "(development build)" : v)};
        }
    }
}
