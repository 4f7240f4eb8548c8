package dev.dualwrite.sidecar;

import dev.dualwrite.core.config.ConfigSource;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How a sidecar runs.
 *
 * @param listen      where clients connect (loopback unless told otherwise)
 * @param upstream    the PostgreSQL server
 * @param config      the windows
 * @param clientTls   TLS offered to clients that ask (SSLRequest), or null to decline
 * @param upstreamTls TLS toward the server
 * @param admin       where /health and /metrics are served, or null for none
 * @param maxMessage  the largest protocol message accepted, in bytes
 * @param threads     event-loop threads for connections
 */
public record SidecarOptions(InetSocketAddress listen, InetSocketAddress upstream, ConfigSource config,
        SslContext clientTls, UpstreamTls upstreamTls, InetSocketAddress admin, int maxMessage, int threads) {

    public static final int DEFAULT_MAX_MESSAGE = 256 * 1024 * 1024;

    public SidecarOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(config, "config");
        upstreamTls = upstreamTls == null ? UpstreamTls.DISABLED : upstreamTls;
        if (maxMessage < 1024) {
            throw new IllegalArgumentException("the largest message must be at least 1024 bytes");
        }
        if (threads < 1) {
            threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** Plain TCP both ways, no admin endpoint. */
    public static SidecarOptions plain(InetSocketAddress listen, InetSocketAddress upstream, ConfigSource config) {
        return new SidecarOptions(listen, upstream, config, null, UpstreamTls.DISABLED, null, DEFAULT_MAX_MESSAGE, 0);
    }
}
