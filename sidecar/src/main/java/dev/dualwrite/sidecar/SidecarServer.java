package dev.dualwrite.sidecar;

import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.rewrite.UsageCounters;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
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
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
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
    private final SqlLexer lexer = new SqlLexer(Dialect.POSTGRESQL, false);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private Class<? extends Channel> socketChannel = NioSocketChannel.class;
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
        socketChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
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
                        ch.pipeline().addLast("frames", frames);
                        ch.pipeline().addLast("proxy", new ProxyConnection(SidecarServer.this, frames));
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
        }

        RewriteEngine engine() {
            return engine;
        }

        SidecarCatalog catalog() {
            return catalog;
        }

        /** The catalog question; the table names it asks for go into {@code asked}. */
        String catalogQuery(java.util.Set<String> asked) {
            return catalog.query(engine.configuration(), asked);
        }

    }

    DatabaseState database(String name) {
        String key = name == null ? "" : name;
        return databases.computeIfAbsent(key, n -> new DatabaseState(n, options.config()));
    }

    /** How many $n parameters a statement names (the highest n). */
    int parameterCount(String sql) {
        Tokens t = lexer.tokenize(sql);
        int max = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.kind(i) == Tokens.NUMBERED_PARAM) {
                max = Math.max(max, Integer.parseInt(t.text(i).substring(1)));
            }
        }
        return max;
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

    // ------------------------------------------------------------------------------------------------ upstream

    /** Receives the upstream connection once it is open (and encrypted, if so configured). */
    interface UpstreamHandler {
        void connected(Channel ch);

        void failed(Throwable cause);
    }

    /**
     * Opens an upstream connection on the client's event loop. With an upstream TLS mode other than disable, it asks
     * the server for TLS first (SSLRequest) and completes the handshake before handing the channel over.
     */
    void connectUpstream(EventLoop loop, UpstreamHandler handler) {
        Bootstrap b = new Bootstrap().group(loop).channel(socketChannel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .handler(new ChannelInboundHandlerAdapter());
        b.connect(options.upstream()).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                handler.failed(f.cause());
                return;
            }
            Channel ch = f.channel();
            UpstreamTls tls = options.upstreamTls();
            if (tls.mode() == UpstreamTls.Mode.DISABLE) {
                handler.connected(ch);
                return;
            }
            ch.pipeline().addLast("ssl-answer", new SslAnswer(ch, tls, handler));
            ByteBuf request = Unpooled.buffer(8).writeInt(8).writeInt(Pg.SSL_REQUEST);
            ch.writeAndFlush(request);
            ch.read();
        });
    }

    /** Reads the server's one-byte answer to SSLRequest and sets up TLS accordingly. */
    private final class SslAnswer extends ChannelInboundHandlerAdapter {
        private final Channel ch;
        private final UpstreamTls tls;
        private final UpstreamHandler handler;

        SslAnswer(Channel ch, UpstreamTls tls, UpstreamHandler handler) {
            this.ch = ch;
            this.tls = tls;
            this.handler = handler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte answer = buf.readByte();
                ch.pipeline().remove(this);
                if (answer == 'S') {
                    SslHandler ssl = tls.context().newHandler(ch.alloc(), options.upstream().getHostString(),
                            options.upstream().getPort());
                    ch.pipeline().addFirst("tls", ssl);
                    ssl.handshakeFuture().addListener(h -> {
                        if (h.isSuccess()) {
                            handler.connected(ch);
                        } else {
                            ch.close();
                            handler.failed(h.cause());
                        }
                    });
                    ch.read();
                } else if (tls.mode() != UpstreamTls.Mode.PREFER) {
                    ch.close();
                    handler.failed(new IllegalStateException("the server does not accept TLS, and"
                            + " --upstream-sslmode is " + tls.mode().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-')));
                } else {
                    handler.connected(ch);
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ch.close();
            handler.failed(cause);
        }
    }

    /** The configuration the sidecar was started with, for the health endpoint. */
    Configuration configuration() {
        return options.config().current();
    }
}
