package dev.dualwrite.cli;

import dev.dualwrite.ops.DatabaseTarget;
import dev.dualwrite.ops.OpsException;
import dev.dualwrite.ops.Operations;
import dev.dualwrite.ops.Windows;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every operations command shares: where the database is, who connects, where the windows are. */
final class ConnectionOptions {

    @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
            description = "The database: jdbc:postgresql://..., jdbc:mariadb://..., jdbc:mysql://... or jdbc:h2:..."
                    + " (a jdbc:dualwrite: prefix is accepted and ignored).")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "The database user (else the URL's).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "The environment variable holding the password (default: DUALWRITE_PASSWORD). There is no"
                    + " password option: it would show in process listings.")
    String passwordEnv;

    @Option(names = "--config", paramLabel = "FILE",
            description = "dualwrite.yaml with the windows (else the system property dualwrite.config or the"
                    + " environment variable DUALWRITE_CONFIG), used when the control tables hold no window.")
    Path config;

    @Option(names = "--schema", paramLabel = "S",
            description = "The schema (MariaDB: database) of dualwrite's own tables (default: the connection's).")
    String schema;

    Operations operations() throws OpsException {
        DatabaseTarget target = DatabaseTarget.of(url, user, passwordEnv, System.getenv());
        Operations.WindowsSource file = new Operations.WindowsSource() {
            @Override
            public Windows load() throws OpsException {
                return Windows.load(config);
            }

            @Override
            public boolean explicit() {
                return config != null;
            }
        };
        return new Operations(target, file, schema, System.err::println);
    }
}
