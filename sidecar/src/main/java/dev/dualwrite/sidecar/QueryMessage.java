package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** Reads a simple-protocol Query message: its SQL text. */
final class QueryMessage {
    private QueryMessage() {
    }

    /** The SQL of a Query (the whole message, type byte included, at its reader index). */
    static String sql(ByteBuf query, Charset charset) {
        int start = query.readerIndex() + 5;
        int end = query.readerIndex() + 1 + query.getInt(query.readerIndex() + 1);
        return Pg.string(query, start, Pg.cstringLength(query, start, end), charset);
    }

    /**
     * The name in a Describe or Close message (after its 'S' or 'P' byte), or in an Execute (the portal).
     *
     * @param offset where the name starts after the type byte and length: 1 for Describe and Close, 0 for Execute
     */
    static String name(ByteBuf message, int offset, Charset charset) {
        int start = message.readerIndex() + 5 + offset;
        int end = message.readerIndex() + 1 + message.getInt(message.readerIndex() + 1);
        return Pg.string(message, start, Pg.cstringLength(message, start, end), charset);
    }
}
