package dev.dualwrite.sidecar;

import dev.dualwrite.core.rewrite.ParameterMap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;

/**
 * Reads a Bind message in place: a flyweight over the relayed buffer, reused for every Bind of a connection, that
 * remembers where each part starts and copies nothing until a Bind must be rebuilt in the physical numbering.
 */
final class BindMessage {
    private ByteBuf message;
    private int portalIndex;
    private int portalLength;
    private int statementIndex;
    private int statementLength;
    private int formatCountIndex;
    private int valueCountIndex;

    /** Points this reader at a Bind (the whole message, type byte included, at its reader index). */
    BindMessage wrap(ByteBuf bind) {
        message = bind;
        int end = bind.readerIndex() + 1 + bind.getInt(bind.readerIndex() + 1);
        portalIndex = bind.readerIndex() + 5;
        portalLength = Pg.cstringLength(bind, portalIndex, end);
        statementIndex = portalIndex + portalLength + 1;
        statementLength = Pg.cstringLength(bind, statementIndex, end);
        formatCountIndex = statementIndex + statementLength + 1;
        valueCountIndex = -1;
        return this;
    }

    String portal(Charset charset) {
        return Pg.string(message, portalIndex, portalLength, charset);
    }

    String statement(Charset charset) {
        return Pg.string(message, statementIndex, statementLength, charset);
    }

    int formatCount() {
        return message.getUnsignedShort(formatCountIndex);
    }

    int format(int i) {
        return message.getUnsignedShort(formatCountIndex + 2 + 2 * i);
    }

    private int valueCountIndex() {
        if (valueCountIndex < 0) {
            valueCountIndex = formatCountIndex + 2 + 2 * formatCount();
        }
        return valueCountIndex;
    }

    int valueCount() {
        return message.getUnsignedShort(valueCountIndex());
    }

    /** Where the result-format codes start (their count first): after the values, which are walked to find it. */
    private int resultFormatsIndex() {
        int i = valueCountIndex() + 2;
        int end = message.readerIndex() + 1 + message.getInt(message.readerIndex() + 1);
        for (int v = valueCount(); v > 0; v--) {
            if (i + 4 > end) {
                throw new IllegalArgumentException("a Bind message is truncated inside its values");
            }
            int len = message.getInt(i);
            i += 4 + Math.max(len, 0);
        }
        if (i + 2 > end) {
            throw new IllegalArgumentException("a Bind message is truncated before its result formats");
        }
        return i;
    }

    /** How many result-format codes the client gave: 0 (all text), 1 (one for every column) or one per column. */
    int resultFormatCount() {
        return message.getUnsignedShort(resultFormatsIndex());
    }

    /**
     * The Bind in the physical numbering of {@code map}: each physical parameter gets the value (and format) of the
     * application parameter it comes from. With a null map the statement is bound with no values (it was replaced by
     * one that raises an error and takes none).
     */
    ByteBuf physical(ByteBufAllocator alloc, ParameterMap map) {
        int formatCount = formatCount();
        int valueCount = valueCount();
        int[] valueIndex = new int[valueCount];
        int i = valueCountIndex() + 2;
        int end = message.readerIndex() + 1 + message.getInt(message.readerIndex() + 1);
        for (int v = 0; v < valueCount; v++) {
            if (i + 4 > end) {
                throw new IllegalArgumentException("a Bind message is truncated inside its values");
            }
            valueIndex[v] = i;
            int len = message.getInt(i);
            i += 4 + Math.max(len, 0);
            if (i > end) {
                throw new IllegalArgumentException("a Bind message is truncated inside a value");
            }
        }
        int resultIndex = i;
        int resultCount = message.getUnsignedShort(resultIndex);
        if (resultIndex + 2 + 2 * resultCount > end) {
            throw new IllegalArgumentException("a Bind message is truncated inside its result formats");
        }

        ByteBuf out = Pg.begin(alloc, 'B', message.readableBytes());
        out.writeBytes(message, portalIndex, formatCountIndex - portalIndex);
        if (map == null) {
            out.writeShort(0);
            out.writeShort(0);
        } else {
            int physicalCount = map.physicalCount();
            int[] source = new int[physicalCount];
            for (int a = 1; a <= map.applicationCount(); a++) {
                for (int p : map.physical(a)) {
                    source[p - 1] = a;
                }
            }
            if (formatCount <= 1) {
                out.writeBytes(message, formatCountIndex, 2 + 2 * formatCount);
            } else {
                out.writeShort(physicalCount);
                for (int p = 0; p < physicalCount; p++) {
                    out.writeShort(source[p] >= 1 && source[p] <= formatCount ? format(source[p] - 1) : 0);
                }
            }
            out.writeShort(physicalCount);
            for (int p = 0; p < physicalCount; p++) {
                int a = source[p];
                if (a < 1 || a > valueCount) {
                    out.writeInt(-1);
                } else {
                    int at = valueIndex[a - 1];
                    int len = message.getInt(at);
                    out.writeBytes(message, at, 4 + Math.max(len, 0));
                }
            }
        }
        out.writeBytes(message, resultIndex, 2 + 2 * resultCount);
        return Pg.finish(out);
    }
}
