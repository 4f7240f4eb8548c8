package dev.dualwrite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dualwrite} executable. */
@Command(name = "dualwrite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Zero-downtime column renames and drops between an application and its database.",
        subcommands = {SidecarCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
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
