package dev.dualwrite.cli;

import dev.dualwrite.ops.OpsException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** An operations command: runs, and turns an {@link OpsException} into its exit status and one line on stderr. */
abstract class OpsCommand implements Callable<Integer> {
    /**
     * The drivers' own log lines (a refused login, a retried connection) would repeat, in another form, what the
     * command says in its one message. Held here: java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.mariadb.jdbc"),
            Logger.getLogger("org.postgresql"), Logger.getLogger("org.h2"));

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        QUIET.forEach(l -> l.setLevel(Level.OFF));
        try {
            return run();
        } catch (OpsException e) {
            System.out.flush();
            System.err.println(spec.qualifiedName() + ": " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println(spec.qualifiedName() + ": interrupted; what was committed is kept");
            return OpsException.REFUSED;
        }
    }

    /** @return the exit status: 0 done, 1 a check found a problem */
    abstract int run() throws OpsException, InterruptedException;
}
