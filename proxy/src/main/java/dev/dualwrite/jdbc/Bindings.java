package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Rejection;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import java.util.LinkedHashMap;

/**
 * The parameters an application bound to a prepared statement, by application index. Recording them costs a few array
 * stores per setter; it is what lets a statement be re-prepared with a new rewrite (after a phase change) and bound
 * again without the application noticing. Batched rows are kept as copies for the same reason.
 *
 * <p>Every binding is replayed with the setter the application called (drivers implement different subsets of the
 * stream and reader overloads). Stream and reader values are recorded as {@link Recorded} wrappers, which the driver
 * reads through, so that a second binding gets the same content.
 */
final class Bindings {
    static final byte NULL = 1;
    static final byte NULL_TYPE_NAME = 2;
    static final byte BOOLEAN = 3;
    static final byte BYTE = 4;
    static final byte SHORT = 5;
    static final byte INT = 6;
    static final byte LONG = 7;
    static final byte FLOAT = 8;
    static final byte DOUBLE = 9;
    static final byte BIG_DECIMAL = 10;
    static final byte STRING = 11;
    static final byte BYTES = 12;
    static final byte DATE = 13;
    static final byte DATE_CALENDAR = 14;
    static final byte TIME = 15;
    static final byte TIME_CALENDAR = 16;
    static final byte TIMESTAMP = 17;
    static final byte TIMESTAMP_CALENDAR = 18;
    static final byte ASCII_STREAM = 19;
    static final byte ASCII_STREAM_LENGTH = 20;
    static final byte UNICODE_STREAM = 21;
    static final byte BINARY_STREAM = 22;
    static final byte BINARY_STREAM_LENGTH = 23;
    static final byte OBJECT = 24;
    static final byte OBJECT_TYPE = 25;
    static final byte OBJECT_TYPE_SCALE = 26;
    static final byte OBJECT_SQL_TYPE = 27;
    static final byte OBJECT_SQL_TYPE_SCALE = 28;
    static final byte CHARACTER_STREAM = 29;
    static final byte CHARACTER_STREAM_LENGTH = 30;
    static final byte REF = 31;
    static final byte BLOB = 32;
    static final byte BLOB_STREAM = 33;
    static final byte BLOB_STREAM_LENGTH = 34;
    static final byte CLOB = 35;
    static final byte CLOB_READER = 36;
    static final byte CLOB_READER_LENGTH = 37;
    static final byte ARRAY = 38;
    static final byte URL_VALUE = 39;
    static final byte ROW_ID = 40;
    static final byte NSTRING = 41;
    static final byte NCHARACTER_STREAM = 42;
    static final byte NCHARACTER_STREAM_LENGTH = 43;
    static final byte NCLOB = 44;
    static final byte NCLOB_READER = 45;
    static final byte NCLOB_READER_LENGTH = 46;
    static final byte SQLXML_VALUE = 47;
    static final byte ASCII_STREAM_INT = 48;
    static final byte BINARY_STREAM_INT = 49;
    static final byte CHARACTER_STREAM_INT = 50;

    private byte[] kinds = new byte[8];
    private Object[] values = new Object[8];
    private long[] numbers = new long[8];
    private Object[] extras = new Object[8];
    private int highest;
    /** Parameters of a callable statement set by name, in the order they were set; null until the first. */
    private LinkedHashMap<String, ByName> byName;

    /** A parameter set by name: the setter call to make again on another callable statement. */
    @FunctionalInterface
    interface ByName {
        void bind(CallableStatement cs) throws SQLException;
    }

    /** Records a binding; {@code number} carries primitives and lengths, {@code extra} calendars and type data. */
    void set(int index, byte kind, Object value, long number, Object extra) {
        if (index >= kinds.length) {
            int n = Math.max(index + 1, kinds.length * 2);
            kinds = Arrays.copyOf(kinds, n);
            values = Arrays.copyOf(values, n);
            numbers = Arrays.copyOf(numbers, n);
            extras = Arrays.copyOf(extras, n);
        }
        kinds[index] = kind;
        values[index] = value;
        numbers[index] = number;
        extras[index] = extra;
        if (index > highest) {
            highest = index;
        }
    }

    /** Records a parameter of a callable statement set by name; a later one of the same name replaces it. */
    void setByName(String name, ByName binding) {
        if (byName == null) {
            byName = new LinkedHashMap<>();
        }
        byName.remove(name);
        byName.put(name, binding);
    }

    /** Whether a parameter was set by name. */
    boolean hasByName() {
        return byName != null && !byName.isEmpty();
    }

    void clear() {
        byName = null;
        Arrays.fill(kinds, 0, highest + 1, (byte) 0);
        Arrays.fill(values, 0, highest + 1, null);
        Arrays.fill(extras, 0, highest + 1, null);
        highest = 0;
    }

    Bindings copy() {
        Bindings b = new Bindings();
        b.kinds = Arrays.copyOf(kinds, highest + 1);
        b.values = Arrays.copyOf(values, highest + 1);
        b.numbers = Arrays.copyOf(numbers, highest + 1);
        b.extras = Arrays.copyOf(extras, highest + 1);
        b.highest = highest;
        b.byName = byName == null ? null : new LinkedHashMap<>(byName);
        return b;
    }

    /** Binds every recorded parameter again, through {@code targets}; parameters set by name by their names. */
    void replay(PreparedStatement ps, Targets targets) throws SQLException {
        for (int i = 1; i <= highest; i++) {
            if (kinds[i] != 0) {
                bindTo(ps, i, targets.of(i));
            }
        }
        if (byName != null) {
            for (ByName b : byName.values()) {
                b.bind((CallableStatement) ps);
            }
        }
    }

    /**
     * Binds the recorded value of application index {@code i} at every index of {@code physical}, each time with the
     * setter the application called.
     *
     * @throws SQLFeatureNotSupportedException when the value is a stream whose content dualwrite no longer holds
     */
    void bindTo(PreparedStatement ps, int i, int[] physical) throws SQLException {
        if (values[i] instanceof Recorded r) {
            if (physical.length > 1) {
                r.keepAll();
            }
            if (!r.replayable()) {
                throw notKept("parameter " + i);
            }
        }
        for (int p : physical) {
            apply(ps, p, kinds[i], values[i], numbers[i], extras[i]);
        }
    }

    /** Where application index {@code i} goes. */
    interface Targets {
        int[] of(int applicationIndex) throws SQLException;
    }

    /** Why a stream or reader parameter cannot be bound again. */
    static SQLException notKept(String parameter) {
        return new SQLFeatureNotSupportedException("dualwrite must bind " + parameter + " again (the statement was"
                + " prepared again for a new configuration, or its value goes to two columns), but it was bound from a"
                + " stream or reader that the driver has already read and whose content dualwrite did not keep (it"
                + " keeps up to " + (Recorded.KEEP >> 20) + " MiB per parameter of a statement that names a window"
                + " column); bind the parameter again before executing", Rejection.UNSUPPORTED);
    }

    /** A cursor over a stream parameter set by name, for one more binding of it. */
    static InputStream again(Recorded.Bytes r, String name) throws SQLException {
        if (r != null && !r.replayable()) {
            throw notKept("parameter " + name);
        }
        return r == null ? null : r.cursor();
    }

    /** A cursor over a reader parameter set by name, for one more binding of it. */
    static Reader again(Recorded.Chars r, String name) throws SQLException {
        if (r != null && !r.replayable()) {
            throw notKept("parameter " + name);
        }
        return r == null ? null : r.cursor();
    }

    private static InputStream stream(Object v) {
        return v instanceof Recorded.Bytes r ? r.cursor() : (InputStream) v;
    }

    private static Reader reader(Object v) {
        return v instanceof Recorded.Chars r ? r.cursor() : (Reader) v;
    }

    /** Binds one value at one physical index. */
    @SuppressWarnings("deprecation")
    static void apply(PreparedStatement ps, int p, byte kind, Object v, long n, Object x) throws SQLException {
        switch (kind) {
            case NULL: ps.setNull(p, (int) n); break;
            case NULL_TYPE_NAME: ps.setNull(p, (int) n, (String) x); break;
            case BOOLEAN: ps.setBoolean(p, n != 0); break;
            case BYTE: ps.setByte(p, (byte) n); break;
            case SHORT: ps.setShort(p, (short) n); break;
            case INT: ps.setInt(p, (int) n); break;
            case LONG: ps.setLong(p, n); break;
            case FLOAT: ps.setFloat(p, Float.intBitsToFloat((int) n)); break;
            case DOUBLE: ps.setDouble(p, Double.longBitsToDouble(n)); break;
            case BIG_DECIMAL: ps.setBigDecimal(p, (BigDecimal) v); break;
            case STRING: ps.setString(p, (String) v); break;
            case BYTES: ps.setBytes(p, (byte[]) v); break;
            case DATE: ps.setDate(p, (Date) v); break;
            case DATE_CALENDAR: ps.setDate(p, (Date) v, (Calendar) x); break;
            case TIME: ps.setTime(p, (Time) v); break;
            case TIME_CALENDAR: ps.setTime(p, (Time) v, (Calendar) x); break;
            case TIMESTAMP: ps.setTimestamp(p, (Timestamp) v); break;
            case TIMESTAMP_CALENDAR: ps.setTimestamp(p, (Timestamp) v, (Calendar) x); break;
            case ASCII_STREAM: ps.setAsciiStream(p, stream(v)); break;
            case ASCII_STREAM_LENGTH: ps.setAsciiStream(p, stream(v), n); break;
            case UNICODE_STREAM: ps.setUnicodeStream(p, stream(v), (int) n); break;
            case BINARY_STREAM: ps.setBinaryStream(p, stream(v)); break;
            case BINARY_STREAM_LENGTH: ps.setBinaryStream(p, stream(v), n); break;
            case OBJECT: ps.setObject(p, v); break;
            case OBJECT_TYPE: ps.setObject(p, v, (int) n); break;
            case OBJECT_TYPE_SCALE: ps.setObject(p, v, (int) n, (Integer) x); break;
            case OBJECT_SQL_TYPE: ps.setObject(p, v, (SQLType) x); break;
            case OBJECT_SQL_TYPE_SCALE: ps.setObject(p, v, (SQLType) x, (int) n); break;
            case CHARACTER_STREAM: ps.setCharacterStream(p, reader(v)); break;
            case CHARACTER_STREAM_LENGTH: ps.setCharacterStream(p, reader(v), n); break;
            case REF: ps.setRef(p, (Ref) v); break;
            case BLOB: ps.setBlob(p, (Blob) v); break;
            case BLOB_STREAM: ps.setBlob(p, stream(v)); break;
            case BLOB_STREAM_LENGTH: ps.setBlob(p, stream(v), n); break;
            case CLOB: ps.setClob(p, (Clob) v); break;
            case CLOB_READER: ps.setClob(p, reader(v)); break;
            case CLOB_READER_LENGTH: ps.setClob(p, reader(v), n); break;
            case ARRAY: ps.setArray(p, (Array) v); break;
            case URL_VALUE: ps.setURL(p, (URL) v); break;
            case ROW_ID: ps.setRowId(p, (RowId) v); break;
            case NSTRING: ps.setNString(p, (String) v); break;
            case NCHARACTER_STREAM: ps.setNCharacterStream(p, reader(v)); break;
            case NCHARACTER_STREAM_LENGTH: ps.setNCharacterStream(p, reader(v), n); break;
            case NCLOB: ps.setNClob(p, (NClob) v); break;
            case NCLOB_READER: ps.setNClob(p, reader(v)); break;
            case NCLOB_READER_LENGTH: ps.setNClob(p, reader(v), n); break;
            case SQLXML_VALUE: ps.setSQLXML(p, (SQLXML) v); break;
            case ASCII_STREAM_INT: ps.setAsciiStream(p, stream(v), (int) n); break;
            case BINARY_STREAM_INT: ps.setBinaryStream(p, stream(v), (int) n); break;
            case CHARACTER_STREAM_INT: ps.setCharacterStream(p, reader(v), (int) n); break;
            default: throw new IllegalStateException("unknown binding kind " + kind);
        }
    }
}
