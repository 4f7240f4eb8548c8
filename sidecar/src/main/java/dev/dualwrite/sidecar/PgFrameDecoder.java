package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits a PostgreSQL byte stream into whole messages without copying. Before the start-up message a frame is a 4-byte
 * length and a body, passed on alone as a typed {@link StartupPacket}; afterwards a message is a type byte, a 4-byte length and a body, and every whole
 * message that arrived in one read is passed on together, as one retained slice of the input (a <em>run</em>), so
 * that the common case, everything relayed unchanged, costs one write however many messages a read carried. A length
 * below 4 or above the limit is a protocol violation and ends the connection.
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
        int start = in.readerIndex();
        int end = start;
        int header = typed ? 5 : 4;
        while (in.writerIndex() - end >= header) {
            long length = in.getUnsignedInt(end + (typed ? 1 : 0));
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
            if (in.writerIndex() - end < total) {
                break;
            }
            end += total;
            if (!typed) {
                // The first untyped frame decides; the handler switches to typed frames once start-up is done.
                break;
            }
        }
        if (end > start) {
            ByteBuf frame = in.retainedSlice(start, end - start);
            in.readerIndex(end);
            out.add(typed ? frame : new StartupPacket(frame));
        }
    }

    /** The length of the typed message that starts at {@code index} of a run, type byte included. */
    static int messageLength(ByteBuf run, int index) {
        return 1 + run.getInt(index + 1);
    }

    /** A retained slice of the typed message at {@code index} of a run, for keeping it beyond the read. */
    static ByteBuf retainedMessage(ByteBuf run, int index) {
        return run.retainedSlice(index, messageLength(run, index));
    }

    /** The index just past the typed message at {@code index} of a run. */
    static int messageEnd(ByteBuf run, int index) {
        return index + 1 + run.getInt(index + 1);
    }
}
