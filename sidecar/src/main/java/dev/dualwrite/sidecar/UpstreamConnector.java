package dev.dualwrite.sidecar;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Opens connections to the PostgreSQL server, on the event loop of the client they serve (so that both channels of a
 * connection share one thread). With an upstream TLS mode other than disable, it asks the server for TLS first
 * (SSLRequest) and completes the handshake before handing the channel over.
 */
final class UpstreamConnector {
    /** Receives the upstream connection once it is open (and encrypted, if so configured). */
    interface Handler {
        void connected(Channel ch);

        void failed(Throwable cause);
    }

    private final InetSocketAddress address;
    private final UpstreamTls tls;
    private final Class<? extends Channel> channelType;

    UpstreamConnector(InetSocketAddress address, UpstreamTls tls, Class<? extends Channel> channelType) {
        this.address = address;
        this.tls = tls;
        this.channelType = channelType;
    }

    InetSocketAddress address() {
        return address;
    }

    void connect(EventLoop loop, Handler handler) {
        Bootstrap b = new Bootstrap().group(loop).channel(channelType)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .handler(new ChannelInboundHandlerAdapter());
        b.connect(address).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                handler.failed(f.cause());
                return;
            }
            Channel ch = f.channel();
            if (tls.mode() == UpstreamTls.Mode.DISABLE) {
                handler.connected(ch);
                return;
            }
            ch.pipeline().addLast("ssl-answer", new SslAnswer(ch, handler));
            ByteBuf request = Unpooled.buffer(8).writeInt(8).writeInt(Pg.SSL_REQUEST);
            ch.writeAndFlush(request);
            ch.read();
        });
    }

    /** Reads the server's one-byte answer to SSLRequest and sets up TLS accordingly. */
    private final class SslAnswer extends ChannelInboundHandlerAdapter {
        private final Channel ch;
        private final Handler handler;

        SslAnswer(Channel ch, Handler handler) {
            this.ch = ch;
            this.handler = handler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte answer = buf.readByte();
                ch.pipeline().remove(this);
                if (answer == 'S') {
                    SslHandler ssl = tls.context().newHandler(ch.alloc(), address.getHostString(), address.getPort());
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
                            + " --upstream-sslmode is " + tls.mode().name().toLowerCase(Locale.ROOT)
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
}
