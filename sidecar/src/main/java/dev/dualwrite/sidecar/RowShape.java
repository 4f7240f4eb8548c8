package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The result shape a client was told for a prepared statement: each column's name, type and type modifier, in order,
 * from a RowDescription (or no columns, from NoData). Clients that cache a statement's description decode its rows by
 * it, so a statement prepared again must keep it. Which table and column a field comes from is left out: PostgreSQL
 * itself ignores them when it decides whether a cached plan may change its result type, and so do clients decoding
 * rows.
 */
final class RowShape {
    static final RowShape NO_DATA = new RowShape(new byte[0], 0);

    private final byte[] canonical;
    private final int columns;

    private RowShape(byte[] canonical, int columns) {
        this.canonical = canonical;
        this.columns = columns;
    }

    /** The shape of a RowDescription ('T') or NoData ('n') message, type byte included. */
    static RowShape of(ByteBuf message) {
        if (message.getByte(message.readerIndex()) == 'n') {
            return NO_DATA;
        }
        RowDescription d = new RowDescription(message);
        int n = d.fieldCount();
        ByteBuf out = io.netty.buffer.Unpooled.buffer(n * 24);
        try {
            for (int i = 0; i < n; i++) {
                d.next();
                out.writeBytes(message, d.nameIndex(), d.nameLength() + 1);
                out.writeInt(d.typeOid());
                out.writeInt(d.typeModifier());
            }
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return new RowShape(bytes, n);
        } finally {
            out.release();
        }
    }

    int columns() {
        return columns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowShape s && s.columns == columns && Arrays.equals(s.canonical, canonical);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(canonical);
    }

    @Override
    public String toString() {
        return "RowShape{" + columns + " columns}";
    }
}
