package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The client's side of start-up, first in the client's pipeline: answers SSLRequest (adding TLS when the sidecar
 * offers it) and GSSENCRequest (declined), forwards a CancelRequest to the server on a connection of its own, reads
 * the StartupMessage (database, user, encoding) and opens the upstream connection, then relays the client's
 * authentication messages untouched. Once the server's first ReadyForQuery says authentication is over, the session
 * removes this handler from the pipeline: from then on the client's messages go to {@link ProxyConnection}.
 */
final class StartupHandler extends ChannelInboundHandlerAdapter {
    private final SidecarServer server;
    private final PgFrameDecoder frames;
    private final ProxyConnection connection;

    StartupHandler(SidecarServer server, PgFrameDecoder frames, ProxyConnection connection) {
        this.server = server;
        this.frames = frames;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (connection.session().state == Session.State.STARTUP) {
                startup(ctx.channel(), frame);
            } else {
                connection.authenticationMessage(frame);
            }
        } catch (RuntimeException e) {
            connection.protocolError("the sidecar could not read a message from the client: " + e.getMessage());
        } finally {
            frame.release();
        }
    }

    private void startup(Channel client, ByteBuf frame) {
        int code = frame.getInt(4);
        if (code == Pg.SSL_REQUEST) {
            boolean tls = server.clientTls() != null;
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) (tls ? 'S' : 'N')}));
            if (tls) {
                client.pipeline().addFirst("tls", server.clientTls().newHandler(client.alloc()));
            }
            client.read();
            return;
        }
        if (code == Pg.GSSENC_REQUEST) {
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
            client.read();
            return;
        }
        if (code == Pg.CANCEL_REQUEST) {
            // Cancellation keys are the server's own (BackendKeyData is relayed untouched): pass it on.
            server.upstreams().connect(client.eventLoop(), new CancelForwarder(frame.retainedDuplicate()));
            connection.session().state = Session.State.CLOSED;
            client.close();
            return;
        }
        if (code != Pg.PROTOCOL_3) {
            connection.protocolError("unsupported protocol version " + (code >> 16) + "." + (code & 0xffff));
            return;
        }
        String database = null;
        String user = null;
        Charset charset = StandardCharsets.UTF_8;
        ByteBuf params = frame.duplicate().skipBytes(8);
        while (params.isReadable() && params.getByte(params.readerIndex()) != 0) {
            String key = Pg.cstring(params, StandardCharsets.UTF_8);
            String value = Pg.cstring(params, StandardCharsets.UTF_8);
            if (key.equals("database")) {
                database = value;
            } else if (key.equals("user")) {
                user = value;
            } else if (key.equals("client_encoding")) {
                charset = Pg.charset(value);
            }
        }
        frames.startTyped();
        connection.started(server.database(database != null ? database : user), charset,
                frame.retainedDuplicate());
    }
}
