package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** Reads a simple-protocol Query message: its SQL text. */
final class QueryMessage {
    private QueryMessage() {
    }

    /** The SQL of a Query (the whole message, type byte included, at its reader index). */
    static String sql(ByteBuf query, Charset charset) {
        return sql(query, query.readerIndex(), charset);
    }

    /** The SQL of the Query at {@code index} of a run. */
    static String sql(ByteBuf run, int index, Charset charset) {
        int start = index + 5;
        return Pg.string(run, start, Pg.cstringLength(run, start, PgFrameDecoder.messageEnd(run, index)), charset);
    }

    /**
     * The name in a Describe or Close message (after its 'S' or 'P' byte), or in an Execute (the portal).
     *
     * @param offset where the name starts after the type byte and length: 1 for Describe and Close, 0 for Execute
     */
    static String name(ByteBuf message, int offset, Charset charset) {
        return name(message, message.readerIndex(), offset, charset);
    }

    /** {@link #name(ByteBuf, int, Charset)} of the message at {@code index} of a run. */
    static String name(ByteBuf run, int index, int offset, Charset charset) {
        int start = index + 5 + offset;
        return Pg.string(run, start, Pg.cstringLength(run, start, PgFrameDecoder.messageEnd(run, index)), charset);
    }
}
