package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** Forwards a CancelRequest on an upstream connection of its own, then closes it. */
final class CancelForwarder implements UpstreamConnector.Handler {
    private final ByteBuf request;

    CancelForwarder(ByteBuf request) {
        this.request = request;
    }

    @Override
    public void connected(Channel ch) {
        ch.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void failed(Throwable cause) {
        request.release();
    }
}
