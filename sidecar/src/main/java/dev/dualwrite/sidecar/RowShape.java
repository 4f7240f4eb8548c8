package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The result shape a client was told for a prepared statement: each column's name, type and type modifier, in order,
 * from a RowDescription (or no columns, from NoData). Clients that cache a statement's description decode its rows by
 * it, so a statement prepared again must keep it. Which table and column a field comes from is left out: PostgreSQL
 * itself ignores them when it decides whether a cached plan may change its result type, and so do clients decoding
 * rows.
 */
final class RowShape {
    static final RowShape NO_DATA = new RowShape(new byte[0][], new int[0], new int[0]);

    private final byte[][] names;
    private final int[] types;
    private final int[] modifiers;

    private RowShape(byte[][] names, int[] types, int[] modifiers) {
        this.names = names;
        this.types = types;
        this.modifiers = modifiers;
    }

    /** The shape of a RowDescription ('T') or NoData ('n') message, type byte included, at its reader index. */
    static RowShape of(ByteBuf message) {
        return of(message, message.readerIndex());
    }

    /** The shape of the RowDescription ('T') or NoData ('n') message at {@code index}. */
    static RowShape of(ByteBuf message, int index) {
        if (message.getByte(index) == 'n') {
            return NO_DATA;
        }
        RowDescription d = new RowDescription(message, index);
        int n = d.fieldCount();
        byte[][] names = new byte[n][];
        int[] types = new int[n];
        int[] modifiers = new int[n];
        for (int i = 0; i < n; i++) {
            d.next();
            names[i] = new byte[d.nameLength()];
            message.getBytes(d.nameIndex(), names[i]);
            types[i] = d.typeOid();
            modifiers[i] = d.typeModifier();
        }
        return new RowShape(names, types, modifiers);
    }

    /**
     * Whether the RowDescription or NoData at {@code index} describes this shape, read in place: a client that
     * describes before every execution (node-postgres) is told the same shape each time, and comparing costs no copy.
     */
    boolean isDescribedBy(ByteBuf message, int index) {
        if (message.getByte(index) == 'n') {
            return names.length == 0;
        }
        RowDescription d = new RowDescription(message, index);
        int n = d.fieldCount();
        if (n != names.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            d.next();
            byte[] name = names[i];
            if (d.typeOid() != types[i] || d.typeModifier() != modifiers[i] || d.nameLength() != name.length) {
                return false;
            }
            int at = d.nameIndex();
            for (int c = 0; c < name.length; c++) {
                if (message.getByte(at + c) != name[c]) {
                    return false;
                }
            }
        }
        return true;
    }

    int columns() {
        return names.length;
    }

    /** The name of a column, as the client was told it. */
    String name(int column, Charset charset) {
        return new String(names[column], charset);
    }

    /**
     * Where each column of {@code told} is in this shape: the same name, type and modifier, each of this shape's
     * columns used once. Null when the two shapes do not have the same columns (in whatever order), or when
     * {@code told} has two columns alike (a join's two {@code id}s): which is which cannot be told from a
     * description.
     */
    int[] positionsOf(RowShape told) {
        int n = names.length;
        if (told.names.length != n || n == 0 || told.hasTwinColumns()) {
            return null;
        }
        boolean[] used = new boolean[n];
        int[] at = new int[n];
        for (int k = 0; k < n; k++) {
            int found = -1;
            for (int j = 0; j < n && found < 0; j++) {
                if (!used[j] && types[j] == told.types[k] && modifiers[j] == told.modifiers[k]
                        && Arrays.equals(names[j], told.names[k])) {
                    found = j;
                }
            }
            if (found < 0) {
                return null;
            }
            used[found] = true;
            at[k] = found;
        }
        return at;
    }

    private boolean hasTwinColumns() {
        for (int i = 0; i < names.length; i++) {
            for (int j = i + 1; j < names.length; j++) {
                if (types[i] == types[j] && modifiers[i] == modifiers[j] && Arrays.equals(names[i], names[j])) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowShape s && Arrays.equals(s.types, types) && Arrays.equals(s.modifiers, modifiers)
                && Arrays.deepEquals(s.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(types) * 31 + Arrays.deepHashCode(names);
    }

    @Override
    public String toString() {
        return "RowShape{" + names.length + " columns}";
    }
}
