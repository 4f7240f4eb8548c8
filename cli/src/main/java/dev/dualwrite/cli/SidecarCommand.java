package dev.dualwrite.cli;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.core.config.ConfigException;
import dev.dualwrite.core.config.ConfigLocator;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.FileConfigSource;
import dev.dualwrite.sidecar.SidecarControl;
import dev.dualwrite.sidecar.SidecarOptions;
import dev.dualwrite.sidecar.SidecarServer;
import dev.dualwrite.sidecar.UpstreamTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ResourceLeakDetector;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dualwrite sidecar}: the PostgreSQL wire-protocol proxy for applications that cannot load the agent. */
@Command(name = "sidecar", mixinStandardHelpOptions = true,
        description = "Runs a PostgreSQL wire-protocol proxy that applies the configured windows. Point the"
                + " application's database host and port at it; authentication passes through untouched.")
final class SidecarCommand implements Callable<Integer> {

    @Option(names = "--listen", defaultValue = "127.0.0.1:6432",
            description = "Where applications connect (default: ${DEFAULT-VALUE}; loopback unless told otherwise).")
    String listen;

    @Option(names = "--upstream", defaultValue = "127.0.0.1:5432",
            description = "The PostgreSQL server (default: ${DEFAULT-VALUE}).")
    String upstream;

    @Option(names = "--config", description = "dualwrite.yaml (else the system property dualwrite.config or the"
            + " environment variable DUALWRITE_CONFIG).")
    Path config;

    @Option(names = "--admin", description = "Serve /health and /metrics here, e.g. 127.0.0.1:9187 (default: off).")
    String admin;

    @Option(names = "--tls-cert", description = "PEM certificate chain offered to clients that ask for TLS.")
    File tlsCert;

    @Option(names = "--tls-key", description = "PEM (PKCS#8) private key for --tls-cert.")
    File tlsKey;

    @Option(names = "--upstream-sslmode", defaultValue = "disable",
            description = "TLS toward the server: disable, prefer, require or verify-full (default: ${DEFAULT-VALUE}).")
    String upstreamSslMode;

    @Option(names = "--upstream-ca", description = "PEM CA certificates for --upstream-sslmode verify-full.")
    File upstreamCa;

    @Option(names = "--app", description = "The application's name in dualwrite's control tables (with a control:"
            + " block).")
    String app;

    @Option(names = "--threads", defaultValue = "0",
            description = "Event-loop threads (default: one per processor).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty's leak detector samples one buffer in 128 and records a stack trace for each: work on relayed
            // messages that a proxy in production need not do. The tests keep it on; the property turns it back on.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        Optional<Path> path = ConfigLocator.locate(config == null ? null : config.toString());
        if (path.isEmpty()) {
            System.err.println("dualwrite sidecar: no configuration; pass --config <dualwrite.yaml> or set "
                    + ConfigLocator.describeSearch());
            return 2;
        }
        ConfigSource source;
        try {
            source = ControlConfigSource.over(FileConfigSource.open(path.get(), 1000));
        } catch (ConfigException e) {
            System.err.println("dualwrite sidecar: " + e.getMessage());
            return 2;
        }
        String controlProblem = SidecarControl.problem(source);
        if (controlProblem != null) {
            System.err.println("dualwrite sidecar: " + controlProblem);
            return 2;
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            System.err.println("dualwrite sidecar: --tls-cert and --tls-key go together");
            return 2;
        }
        SslContext clientTls = tlsCert == null ? null : SslContextBuilder.forServer(tlsCert, tlsKey).build();
        UpstreamTls upstreamTls;
        try {
            upstreamTls = UpstreamTls.of(upstreamSslMode, upstreamCa);
        } catch (IllegalArgumentException e) {
            System.err.println("dualwrite sidecar: " + e.getMessage());
            return 2;
        }
        SidecarOptions options = new SidecarOptions(address(listen, "--listen"), address(upstream, "--upstream"),
                source, clientTls, upstreamTls, admin == null ? null : address(admin, "--admin"),
                SidecarOptions.DEFAULT_MAX_MESSAGE, threads);
        // The fleet's windows first (a bounded wait), then the clients.
        SidecarControl.start(source, app);
        SidecarServer server = new SidecarServer(options).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dualwrite-sidecar-stop"));
        System.err.println("dualwrite sidecar listening on " + server.listenAddress() + ", upstream " + upstream
                + (server.adminAddress() == null ? "" : ", admin http://" + server.adminAddress().getHostString()
                + ":" + server.adminAddress().getPort()));
        server.awaitClose();
        return 0;
    }

    /** host:port, [v6]:port, or :port (loopback). */
    static InetSocketAddress address(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(option + " must be host:port, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " has a bad port in '" + text + "'");
        }
        return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
    }
}
