package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;

/**
 * Reads a RowDescription message in place (a flyweight over the relayed buffer, nothing copied): the field count,
 * then each field in turn with {@link #next()}.
 */
final class RowDescription {
    private final ByteBuf message;
    private final int end;
    private int position;
    private int nameIndex;
    private int nameLength;

    /** @param message the whole message, type byte included, starting at its reader index */
    RowDescription(ByteBuf message) {
        this.message = message;
        int start = message.readerIndex();
        this.end = start + 1 + message.getInt(start + 1);
        this.position = start + 7;
    }

    int fieldCount() {
        return message.getUnsignedShort(message.readerIndex() + 5);
    }

    /** Moves to the next field. */
    void next() {
        int nul = message.indexOf(position, end, (byte) 0);
        if (nul < 0 || nul + 19 > end) {
            throw new IllegalArgumentException("a RowDescription field is truncated");
        }
        nameIndex = position;
        nameLength = nul - position;
        position = nul + 19;
    }

    int nameIndex() {
        return nameIndex;
    }

    int nameLength() {
        return nameLength;
    }

    int typeOid() {
        return message.getInt(nameIndex + nameLength + 1 + 6);
    }

    int typeModifier() {
        return message.getInt(nameIndex + nameLength + 1 + 12);
    }

    int format() {
        return message.getUnsignedShort(nameIndex + nameLength + 1 + 16);
    }
}
