package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits a PostgreSQL byte stream into whole messages, each passed on as a retained slice of the input (no copy).
 * Before the start-up message a frame is a 4-byte length and a body; afterwards it is a type byte, a 4-byte length
 * and a body. A length below 4 or above the limit is a protocol violation and ends the connection.
 */
final class PgFrameDecoder extends ByteToMessageDecoder {
    /** PostgreSQL itself refuses start-up packets over 10000 bytes. */
    static final int MAX_STARTUP = 10_000;

    private final int maxMessage;
    private boolean typed;

    PgFrameDecoder(boolean typed, int maxMessage) {
        this.typed = typed;
        this.maxMessage = maxMessage;
    }

    /** After the start-up message, every frame has a type byte. */
    void startTyped() {
        typed = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            int header = typed ? 5 : 4;
            if (in.readableBytes() < header) {
                return;
            }
            int start = in.readerIndex();
            long length = in.getUnsignedInt(start + (typed ? 1 : 0));
            if (length < 4) {
                in.skipBytes(in.readableBytes());
                throw new CorruptedFrameException("a message declares a length of " + length
                        + " bytes, less than the 4 of the length itself");
            }
            long limit = typed ? maxMessage : MAX_STARTUP;
            if (length > limit) {
                in.skipBytes(in.readableBytes());
                throw new TooLongFrameException("a message of " + length + " bytes is over the limit of " + limit);
            }
            int total = (int) length + (typed ? 1 : 0);
            if (in.readableBytes() < total) {
                return;
            }
            out.add(in.retainedSlice(start, total));
            in.skipBytes(total);
            if (!typed) {
                // The first untyped frame decides; the handler switches to typed frames once start-up is done.
                return;
            }
        }
    }
}
