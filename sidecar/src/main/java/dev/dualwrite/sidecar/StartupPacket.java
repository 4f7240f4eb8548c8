package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A message of the start-up phase, before any message has a type byte: an SSLRequest, a GSSENCRequest, a
 * CancelRequest or a StartupMessage, told apart by the code after the length. {@link PgFrameDecoder} emits these
 * typed, since start-up is not the relay; after it the decoder emits runs of typed messages as they came.
 */
final class StartupPacket extends DefaultByteBufHolder {
    /** The code of a packet too short to carry one. */
    static final int NO_CODE = -1;

    private final int code;

    /** @param packet the whole packet, its length included */
    StartupPacket(ByteBuf packet) {
        super(packet);
        this.code = packet.readableBytes() >= 8 ? packet.getInt(packet.readerIndex() + 4) : NO_CODE;
    }

    /** The request code ({@link Pg#SSL_REQUEST}, ...) or the protocol version of a StartupMessage. */
    int code() {
        return code;
    }

    @Override
    public StartupPacket replace(ByteBuf content) {
        return new StartupPacket(content);
    }
}
