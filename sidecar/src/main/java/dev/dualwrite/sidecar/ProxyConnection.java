package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and its upstream connection: the wiring of the pieces that each do one thing. The client's
 * pipeline is the frame decoder, the {@link StartupHandler} until authentication is over, and this handler; the
 * server's is its frame decoder and {@link ServerSide}. Each read of either side is one run of whole messages
 * ({@link PgFrameDecoder}), relayed by a {@link PassThrough} through an inspector ({@link ClientMessages},
 * {@link ServerMessages}) that leaves almost every message as it came; {@link PreparedStatements},
 * {@link CatalogRefresh} and {@link StaleColumnRetry} hold what the sidecar does between the client's messages, and
 * {@link FlowControl} the back-pressure. Both channels run on one event loop, so nothing here needs locking.
 */
final class ProxyConnection extends ChannelInboundHandlerAdapter implements Wire {
    private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);

    private final SidecarServer server;
    private final Session session;
    private Channel client;
    private Channel upstream;
    private FlowControl flow;
    private PreparedStatements statements;
    private CatalogRefresh catalogRefresh;
    private ClientMessages clientMessages;
    private ServerMessages serverMessages;
    private PassThrough toServer;
    private PassThrough toClient;
    /** Client messages waiting while the sidecar waits for an answer of its own. */
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    /** What the client sent during authentication before the upstream connection was open. */
    private final List<ByteBuf> pendingToUpstream = new ArrayList<>();

    ProxyConnection(SidecarServer server) {
        this.server = server;
        this.session = new Session(server);
    }

    Session session() {
        return session;
    }

    // ---------------------------------------------------------------------------------------------- client side

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        session.alloc = client.alloc();
        flow = new FlowControl(client, this::holding);
        statements = new PreparedStatements(session, this, flow, held);
        catalogRefresh = new CatalogRefresh(session, this, flow);
        clientMessages = new ClientMessages(session, this, statements, catalogRefresh);
        serverMessages = new ServerMessages(session, this, statements, catalogRefresh, this::authenticated);
        toServer = new PassThrough(clientMessages, session::isReady, this::writeUpstream);
        toClient = new PassThrough(serverMessages, () -> session.state != Session.State.CLOSED, this::writeClient);
        session.metrics.connectionsOpen.incrementAndGet();
        session.metrics.connectionsTotal.increment();
        server.opened(this);
        client.read();
    }

    /** How many prepared statements this connection tracks (a gauge's reading: racy, never exact). */
    int trackedStatements() {
        PreparedStatements s = statements;
        return s == null ? 0 : s.trackedStatements();
    }

    /** How many open portals this connection tracks (a gauge's reading). */
    int trackedPortals() {
        PreparedStatements s = statements;
        return s == null ? 0 : s.trackedPortals();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        server.closed(this);
        session.metrics.connectionsOpen.decrementAndGet();
        session.state = Session.State.CLOSED;
        releaseHeld();
        closeQuietly(upstream);
    }

    /** Start-up is over: the client's messages from now on (authentication done) come here. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (session.state == Session.State.READY) {
                toServer.relay(frame);
            }
        } catch (RuntimeException e) {
            protocolError("the sidecar could not read a message from the client: " + e.getMessage());
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flow.clientReadComplete(session.state == Session.State.STARTUP);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        flow.clientWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            protocolError("the client sent a malformed message: " + cause.getMessage());
        } else {
            log.debug("client connection failed", cause);
            close();
        }
    }

    /** The StartupMessage was read: open the upstream connection and send it there. */
    void started(SidecarServer.DatabaseState database, Charset charset, ByteBuf startupMessage) {
        session.database(database);
        session.charset = charset;
        session.state = Session.State.AUTHENTICATING;
        server.upstreams().connect(client.eventLoop(), new Upstream(startupMessage));
    }

    /** A client message during authentication (a password, a SASL response): relayed untouched. */
    void authenticationMessage(ByteBuf frame) {
        toServer.write(frame.retain());
    }

    /** The server's first ReadyForQuery: the start-up handler leaves the pipeline, the session relays. */
    private void authenticated() {
        StartupHandler startup = client.pipeline().get(StartupHandler.class);
        if (startup != null) {
            client.pipeline().remove(startup);
        }
        flow.ready();
    }

    @Override
    public void protocolError(String message) {
        session.metrics.protocolErrors.increment();
        log.info("closing a client connection: {}", message);
        if (client.isActive()) {
            toClient.flush();
            client.writeAndFlush(Pg.fatal(client.alloc(), "08P01", "dualwrite sidecar: " + message))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        closeQuietly(upstream);
        session.state = Session.State.CLOSED;
    }

    private void close() {
        session.state = Session.State.CLOSED;
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static void closeQuietly(Channel c) {
        if (c != null && c.isOpen()) {
            c.close();
        }
    }

    // ------------------------------------------------------------------------------------------------- the wire

    @Override
    public void toServer(ByteBuf message) {
        toServer.write(message);
    }

    @Override
    public void toClient(ByteBuf message) {
        toClient.write(message);
    }

    @Override
    public void flushServer() {
        if (upstream != null) {
            upstream.flush();
        }
    }

    @Override
    public void flushClientRun() {
        toClient.flush();
    }

    @Override
    public void hold(ByteBuf message) {
        held.add(message);
    }

    @Override
    public void holdFirst(List<ByteBuf> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            held.addFirst(messages.get(i));
        }
    }

    @Override
    public boolean holding() {
        return catalogRefresh.holdsClient() || statements.verifying()
                || (session.retry != null && session.retry.failed());
    }

    /** The held client messages go on in their order; a message that holds again keeps the rest behind it. */
    @Override
    public void replayHeld() {
        ArrayDeque<ByteBuf> replay = new ArrayDeque<>(held);
        held.clear();
        session.replaying = true;
        try {
            ByteBuf next;
            while (session.isReady() && !holding() && (next = replay.poll()) != null) {
                try {
                    if (clientMessages.unchanged(next, next.readerIndex())) {
                        writeUpstream(next.retain());
                    }
                } catch (RuntimeException e) {
                    protocolError("the sidecar could not read a message from the client: " + e.getMessage());
                } finally {
                    next.release();
                }
            }
        } finally {
            session.replaying = false;
            // A message that started another exchange of the sidecar's was held again; the rest follow it, in order.
            ByteBuf left;
            while ((left = replay.poll()) != null) {
                if (session.isReady()) {
                    held.add(left);
                } else {
                    left.release();
                }
            }
        }
        flushServer();
        flow.clientWaitsChanged();
    }

    private void writeUpstream(ByteBuf message) {
        if (upstream == null || !upstream.isActive()) {
            if (upstream == null && session.state == Session.State.AUTHENTICATING) {
                pendingToUpstream.add(message);
                return;
            }
            message.release();
            return;
        }
        upstream.write(message, upstream.voidPromise());
        flow.wroteUpstream();
    }

    private void writeClient(ByteBuf message) {
        client.write(message, client.voidPromise());
        flow.wroteClient();
    }

    private void releaseHeld() {
        session.endRetry();
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
        for (ByteBuf p : pendingToUpstream) {
            p.release();
        }
        pendingToUpstream.clear();
    }

    // ---------------------------------------------------------------------------------------------- server side

    /** Sets up the upstream connection, sends the start-up message and relays the server's messages. */
    private final class Upstream implements UpstreamConnector.Handler {
        private final ByteBuf startupMessage;

        Upstream(ByteBuf startupMessage) {
            this.startupMessage = startupMessage;
        }

        @Override
        public void connected(Channel ch) {
            if (session.state == Session.State.CLOSED) {
                startupMessage.release();
                ch.close();
                return;
            }
            upstream = ch;
            flow.upstream(ch);
            ch.pipeline().addLast("frames", new PgFrameDecoder(true, server.maxMessage()));
            ch.pipeline().addLast("relay", new ServerSide());
            ch.write(startupMessage, ch.voidPromise());
            for (ByteBuf p : pendingToUpstream) {
                ch.write(p, ch.voidPromise());
            }
            pendingToUpstream.clear();
            ch.flush();
            flow.connected();
        }

        @Override
        public void failed(Throwable cause) {
            startupMessage.release();
            session.metrics.upstreamFailures.increment();
            String reason = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
            log.warn("dualwrite sidecar could not reach the upstream server at {}: {}", server.upstreamAddress(),
                    reason);
            if (client.isActive()) {
                client.writeAndFlush(Pg.fatal(client.alloc(), "08001", "dualwrite sidecar could not reach the"
                        + " upstream server at " + server.upstreamAddress() + ": " + reason))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            session.state = Session.State.CLOSED;
        }
    }

    /** The server's messages. */
    private final class ServerSide extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                toClient.relay(frame);
            } catch (RuntimeException e) {
                log.warn("dualwrite sidecar could not read a message from the server: {}", e.toString());
                close();
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flow.upstreamReadComplete();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            flow.upstreamWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session.state != Session.State.CLOSED && client.isActive()) {
                if (clientMessages.terminated) {
                    // The server closes the session the client ended: the client waits for the close, nothing else.
                    client.close();
                } else if (serverMessages.sentFatal) {
                    // The server said why it closed: nothing may follow its FATAL error.
                    client.flush();
                    client.close();
                } else {
                    client.writeAndFlush(Pg.fatal(client.alloc(), "08006",
                            "dualwrite sidecar: the upstream server closed the connection"))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            }
            session.state = Session.State.CLOSED;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("upstream connection failed", cause);
            close();
        }
    }
}
