package dev.dualwrite.sidecar;

import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** Starting sidecars in the test JVM, connecting through them, and reading their metrics. */
final class Sidecars {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Sidecars() {
    }

    static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /** A configuration source with one rename window. */
    static ManualConfigSource rename(String table, String from, String to, Phase phase) {
        return new ManualConfigSource(Configuration.builder().rename(table, from, to, phase).build());
    }

    /** A sidecar on a free loopback port in front of the test server, plain both ways, with an admin endpoint. */
    static SidecarServer start(ConfigSource config) {
        return start(new SidecarOptions(anyLoopbackPort(), TestPostgres.address(), config, null, UpstreamTls.DISABLED,
                anyLoopbackPort(), SidecarOptions.DEFAULT_MAX_MESSAGE, 2));
    }

    static SidecarServer start(SidecarOptions options) {
        try {
            return new SidecarServer(options).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(SidecarServer sidecar) {
        if (sidecar != null) {
            sidecar.close();
        }
    }

    static String host(SidecarServer sidecar) {
        return sidecar.listenAddress().getAddress().getHostAddress();
    }

    static int port(SidecarServer sidecar) {
        return sidecar.listenAddress().getPort();
    }

    /** A pgjdbc URL through the sidecar; {@code parameters} (may be empty) is appended after the user. */
    static String url(SidecarServer sidecar, String database, String parameters) {
        return "jdbc:postgresql://" + host(sidecar) + ":" + port(sidecar) + "/" + database + "?user=postgres"
                + (parameters == null || parameters.isEmpty() ? "" : "&" + parameters);
    }

    static Connection connect(SidecarServer sidecar, String database, String parameters) throws SQLException {
        return DriverManager.getConnection(url(sidecar, database, parameters));
    }

    static Connection connect(SidecarServer sidecar, String database) throws SQLException {
        return connect(sidecar, database, "");
    }

    /** The Prometheus text of the sidecar's admin endpoint. */
    static String metrics(SidecarServer sidecar) {
        return get(sidecar, "/metrics");
    }

    static String get(SidecarServer sidecar, String path) {
        InetSocketAddress a = sidecar.adminAddress();
        if (a == null) {
            throw new IllegalStateException("this sidecar has no admin endpoint");
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                    .timeout(Duration.ofSeconds(5)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One unlabelled sample of the metrics endpoint. */
    static long metric(SidecarServer sidecar, String name) {
        for (String line : metrics(sidecar).split("\n")) {
            if (line.startsWith(name + " ")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException("no metric " + name + " in\n" + metrics(sidecar));
    }
}
