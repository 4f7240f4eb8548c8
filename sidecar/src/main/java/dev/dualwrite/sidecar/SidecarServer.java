package dev.dualwrite.sidecar;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.rewrite.UsageCounters;
import dev.dualwrite.core.sql.Dialect;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL wire-protocol sidecar: listens for clients, opens one upstream connection per client, and rewrites
 * their statements through the engine. Authentication is relayed untouched, whatever its method.
 */
public final class SidecarServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SidecarServer.class);

    private final SidecarOptions options;
    private final SidecarMetrics metrics = new SidecarMetrics();
    private final Map<String, DatabaseState> databases = new ConcurrentHashMap<>();
    /** The client connections open now: the gauges of what they track are summed over them when scraped. */
    private final Set<ProxyConnection> open = ConcurrentHashMap.newKeySet();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private UpstreamConnector upstreams;
    private AdminServer admin;

    public SidecarServer(SidecarOptions options) {
        this.options = options;
    }

    /** Starts listening; returns once the port (and the admin endpoint, if any) is bound. */
    public SidecarServer start() throws InterruptedException, java.io.IOException {
        boolean epoll = Epoll.isAvailable();
        boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(options.threads(),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        upstreams = new UpstreamConnector(options.upstream(), options.upstreamTls(),
                epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        ServerBootstrap b = new ServerBootstrap().group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        PgFrameDecoder frames = new PgFrameDecoder(false, options.maxMessage());
                        ProxyConnection connection = new ProxyConnection(SidecarServer.this);
                        ch.pipeline().addLast("frames", frames);
                        ch.pipeline().addLast("startup", new StartupHandler(SidecarServer.this, frames, connection));
                        ch.pipeline().addLast("proxy", connection);
                    }
                });
        listener = b.bind(options.listen()).sync().channel();
        if (options.admin() != null) {
            admin = new AdminServer(options.admin(), this).start();
        }
        log.info("dualwrite sidecar listening on {}, upstream {} ({})", listenAddress(), options.upstream(),
                epoll ? "epoll" : "NIO");
        return this;
    }

    /** The address actually bound (the port may have been 0). */
    public InetSocketAddress listenAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** The admin endpoint's address, or null. */
    public InetSocketAddress adminAddress() {
        return admin == null ? null : admin.address();
    }

    InetSocketAddress upstreamAddress() {
        return options.upstream();
    }

    SslContext clientTls() {
        return options.clientTls();
    }

    int maxMessage() {
        return options.maxMessage();
    }

    void opened(ProxyConnection connection) {
        open.add(connection);
    }

    void closed(ProxyConnection connection) {
        open.remove(connection);
    }

    SidecarMetrics metrics() {
        return metrics;
    }

    /** Waits until the server is closed. */
    public void awaitClose() throws InterruptedException {
        listener.closeFuture().sync();
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.stop();
        }
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        for (DatabaseState d : databases.values()) {
            d.engine.close();
        }
        if (options.config() instanceof ControlConfigSource control) {
            // The last heartbeat says the sidecar stopped.
            control.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ databases

    /** One engine and one catalog per database name: plans that expand SELECT * depend on the database. */
    final class DatabaseState {
        final String name;
        private final RewriteEngine engine;
        private final SidecarCatalog catalog = new SidecarCatalog();

        DatabaseState(String name, ConfigSource config) {
            this.name = name;
            this.engine = RewriteEngine.builder(Dialect.POSTGRESQL).config(config).jdbcParameters(false).build();
            if (config instanceof ControlConfigSource control) {
                control.addUsage(engine::usage);
            }
        }

        RewriteEngine engine() {
            return engine;
        }

        SidecarCatalog catalog() {
            return catalog;
        }

        /** The catalog question; the table names it asks for go into {@code asked}. */
        String catalogQuery(Set<String> asked) {
            return catalog.query(engine.configuration(), asked);
        }

    }

    DatabaseState database(String name) {
        String key = name == null ? "" : name;
        return databases.computeIfAbsent(key, n -> new DatabaseState(n, options.config()));
    }

    /** Snapshot for the metrics endpoint. */
    String prometheus() {
        StringBuilder b = new StringBuilder();
        gauge(b, "dualwrite_connections_open", "Client connections open now.", metrics.connectionsOpen.get());
        counter(b, "dualwrite_connections_total", "Client connections accepted.", metrics.connectionsTotal.sum());
        counter(b, "dualwrite_statements_total", "Statements planned (Query and Parse messages).",
                metrics.statements.sum());
        counter(b, "dualwrite_statements_rewritten_total", "Statements sent in rewritten form.",
                metrics.rewritten.sum());
        counter(b, "dualwrite_statements_rejected_total", "Statements rejected.", metrics.rejected.sum());
        counter(b, "dualwrite_protocol_errors_total", "Client connections closed for malformed messages.",
                metrics.protocolErrors.sum());
        counter(b, "dualwrite_upstream_failures_total", "Upstream connections that could not be opened.",
                metrics.upstreamFailures.sum());
        counter(b, "dualwrite_catalog_reads_total", "Catalog questions asked on client connections.",
                metrics.catalogReads.sum());
        long statements = 0;
        long portals = 0;
        for (ProxyConnection c : open) {
            statements += c.trackedStatements();
            portals += c.trackedPortals();
        }
        gauge(b, "dualwrite_prepared_statements", "Prepared statements the open connections track.", statements);
        gauge(b, "dualwrite_open_portals", "Open portals the open connections track.", portals);
        b.append("# HELP dualwrite_window_name_uses_total Statement executions that used a window's old or new"
                + " name.\n# TYPE dualwrite_window_name_uses_total counter\n");
        for (DatabaseState d : databases.values()) {
            for (UsageCounters.Snapshot s : d.engine.usage()) {
                String labels = "database=\"" + escape(d.name) + "\",window=\"" + escape(s.window()) + "\"";
                b.append("dualwrite_window_name_uses_total{").append(labels).append(",name=\"old\"} ")
                        .append(s.oldNameStatements()).append('\n');
                b.append("dualwrite_window_name_uses_total{").append(labels).append(",name=\"new\"} ")
                        .append(s.newNameStatements()).append('\n');
            }
        }
        b.append("# HELP dualwrite_configuration_version Version of the configuration in force.\n"
                + "# TYPE dualwrite_configuration_version gauge\ndualwrite_configuration_version ")
                .append(options.config().current().version()).append('\n');
        SidecarControl.metrics(b, options.config());
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }

    private static void counter(StringBuilder b, String name, String help, long value) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
                .append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    boolean isListening() {
        return listener != null && listener.isActive();
    }

    /** Opens connections to the server. */
    UpstreamConnector upstreams() {
        return upstreams;
    }

    /** The configuration the sidecar was started with, for the health endpoint. */
    Configuration configuration() {
        return options.config().current();
    }
}
