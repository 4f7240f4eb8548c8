package dev.dualwrite.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;

/**
 * The least a Netty proxy can do: a byte relay between each accepted connection and a connection of its own to the
 * upstream server, on the same epoll event loop, writing what one side read to the other and flushing once per read.
 * It knows nothing of PostgreSQL. {@code sidecar-pgbench.sh} runs it beside the sidecar and PgBouncer (target
 * {@code bare-relay}), so that the CPU a transaction costs the sidecar can be told apart from what any relay on this
 * runtime and transport costs.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.dualwrite.benchmarks.BareRelay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT
 * [THREADS]} (threads: event loops, default 1).
 */
public final class BareRelay {
    private BareRelay() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: BareRelay LISTEN_PORT UPSTREAM_HOST UPSTREAM_PORT [THREADS]");
            System.exit(2);
        }
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("the epoll transport is not available here", Epoll.unavailabilityCause());
        }
        InetSocketAddress upstream = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
        Channel listener = new ServerBootstrap().group(boss, workers).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel client) {
                        client.pipeline().addLast(new ClientSide(upstream));
                    }
                })
                .bind("127.0.0.1", Integer.parseInt(args[0])).sync().channel();
        System.out.println("bare relay listening on " + listener.localAddress() + ", upstream " + upstream);
        listener.closeFuture().sync();
    }

    /** Opens the upstream connection on the client's event loop, then relays both ways. */
    private static final class ClientSide extends Relay {
        private final InetSocketAddress upstream;

        ClientSide(InetSocketAddress upstream) {
            super(null);
            this.upstream = upstream;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            new Bootstrap().group(client.eventLoop()).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new Relay(client))
                    .connect(upstream).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            peer = f.channel();
                            client.config().setAutoRead(true);
                        } else {
                            client.close();
                        }
                    });
        }
    }

    /** Writes what one side reads to the other, flushing once per read. */
    private static class Relay extends ChannelInboundHandlerAdapter {
        /** The other side; set once it is connected (the client reads nothing before). */
        Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(msg, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer != null) {
                peer.close();
            }
        }
    }
}
