package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading and writing the PostgreSQL frontend/backend protocol messages the sidecar needs to look into. */
final class Pg {
    static final int SSL_REQUEST = 80877103;
    static final int GSSENC_REQUEST = 80877104;
    static final int CANCEL_REQUEST = 80877102;
    static final int PROTOCOL_3 = 196608;

    private Pg() {
    }

    /** Reads a NUL-terminated string at the reader index and moves past it. */
    static String cstring(ByteBuf buf, Charset charset) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new IllegalArgumentException("a string in a message is not terminated");
        }
        String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), charset);
        buf.readerIndex(end + 1);
        return s;
    }

    /** The length of the NUL-terminated string at {@code index}, which must end before {@code end}. */
    static int cstringLength(ByteBuf buf, int index, int end) {
        int nul = index < end ? buf.indexOf(index, end, (byte) 0) : -1;
        if (nul < 0) {
            throw new IllegalArgumentException("a string in a message is not terminated");
        }
        return nul - index;
    }

    /** The text of {@code length} bytes at {@code index}; the empty name (the unnamed statement) costs nothing. */
    static String string(ByteBuf buf, int index, int length, Charset charset) {
        return length == 0 ? "" : buf.toString(index, length, charset);
    }

    static void writeCString(ByteBuf buf, String s, Charset charset) {
        buf.writeCharSequence(s, charset);
        buf.writeByte(0);
    }

    /** Starts a typed message; {@link #finish} fills in its length. */
    static ByteBuf begin(ByteBufAllocator alloc, char type, int sizeHint) {
        ByteBuf b = alloc.buffer(sizeHint + 5);
        b.writeByte(type);
        b.writeInt(0);
        return b;
    }

    static ByteBuf finish(ByteBuf b) {
        b.setInt(1, b.writerIndex() - 1);
        return b;
    }

    static ByteBuf query(ByteBufAllocator alloc, String sql, Charset charset) {
        ByteBuf b = begin(alloc, 'Q', sql.length() + 1);
        writeCString(b, sql, charset);
        return finish(b);
    }

    static ByteBuf parse(ByteBufAllocator alloc, String name, String sql, int[] types, Charset charset) {
        ByteBuf b = begin(alloc, 'P', sql.length() + name.length() + 8 + types.length * 4);
        writeCString(b, name, charset);
        writeCString(b, sql, charset);
        b.writeShort(types.length);
        for (int t : types) {
            b.writeInt(t);
        }
        return finish(b);
    }

    static ByteBuf closeStatement(ByteBufAllocator alloc, String name, Charset charset) {
        ByteBuf b = begin(alloc, 'C', name.length() + 2);
        b.writeByte('S');
        writeCString(b, name, charset);
        return finish(b);
    }

    /** A Describe of a prepared statement: the server answers ParameterDescription, then RowDescription or NoData. */
    static ByteBuf describeStatement(ByteBufAllocator alloc, String name, Charset charset) {
        ByteBuf b = begin(alloc, 'D', name.length() + 2);
        b.writeByte('S');
        writeCString(b, name, charset);
        return finish(b);
    }

    /** A Flush: the server sends what it has pending without ending the segment as a Sync would. */
    static ByteBuf flush(ByteBufAllocator alloc) {
        return finish(begin(alloc, 'H', 0));
    }

    /** Whether an ErrorResponse (type byte included) is of severity FATAL or PANIC: the server closes after it. */
    static boolean isFatal(ByteBuf message) {
        ByteBuf b = message.duplicate().skipBytes(5);
        while (b.isReadable()) {
            byte field = b.readByte();
            if (field == 0) {
                break;
            }
            String value = cstring(b, StandardCharsets.UTF_8);
            if (field == 'S' || field == 'V') {
                return value.equals("FATAL") || value.equals("PANIC");
            }
        }
        return false;
    }

    /** The SQLSTATE of an ErrorResponse or NoticeResponse (type byte included), or null. */
    static String sqlState(ByteBuf message) {
        ByteBuf b = message.duplicate().skipBytes(5);
        while (b.isReadable()) {
            byte field = b.readByte();
            if (field == 0) {
                break;
            }
            String value = cstring(b, StandardCharsets.UTF_8);
            if (field == 'C') {
                return value;
            }
        }
        return null;
    }

    static final String CACHED_PLAN_CHANGED = "cached plan must not change result type";

    /**
     * Whether an ErrorResponse is the one {@link #raise} made the server raise for a prepared statement whose result
     * shape changed (PL/pgSQL's RAISE reports itself as the routine).
     */
    static boolean isRaisedShapeChange(ByteBuf message) {
        ByteBuf b = message.duplicate().skipBytes(5);
        boolean code = false;
        boolean text = false;
        boolean raised = false;
        while (b.isReadable()) {
            byte field = b.readByte();
            if (field == 0) {
                break;
            }
            String value = cstring(b, StandardCharsets.UTF_8);
            switch (field) {
                case 'C' -> code = value.equals("0A000");
                case 'M' -> text = value.equals(CACHED_PLAN_CHANGED);
                case 'R' -> raised = value.equals("exec_stmt_raise");
                default -> { }
            }
        }
        return code && text && raised;
    }

    /** PostgreSQL's error for a prepared statement whose result would change its columns, with its routine. */
    static ByteBuf cachedPlanChanged(ByteBufAllocator alloc) {
        ByteBuf b = begin(alloc, 'E', 128);
        for (String[] f : new String[][] {{"S", "ERROR"}, {"V", "ERROR"}, {"C", "0A000"},
                {"M", CACHED_PLAN_CHANGED}, {"F", "plancache.c"}, {"R", "RevalidateCachedQuery"}}) {
            b.writeByte(f[0].charAt(0));
            writeCString(b, f[1], StandardCharsets.UTF_8);
        }
        b.writeByte(0);
        return finish(b);
    }

    /** An ErrorResponse of severity FATAL: the sidecar closes the connection after it. */
    static ByteBuf fatal(ByteBufAllocator alloc, String sqlState, String message) {
        return error(alloc, "FATAL", sqlState, message);
    }

    /** An ErrorResponse with a severity, a SQLSTATE and a message. */
    static ByteBuf error(ByteBufAllocator alloc, String severity, String sqlState, String message) {
        ByteBuf b = begin(alloc, 'E', message.length() + 32);
        b.writeByte('S');
        writeCString(b, severity, StandardCharsets.UTF_8);
        b.writeByte('V');
        writeCString(b, severity, StandardCharsets.UTF_8);
        b.writeByte('C');
        writeCString(b, sqlState, StandardCharsets.UTF_8);
        b.writeByte('M');
        writeCString(b, message, StandardCharsets.UTF_8);
        b.writeByte(0);
        return finish(b);
    }

    /**
     * A statement that makes the server itself raise the rejection, so that the error, the transaction state and the
     * following ReadyForQuery are the server's own, exactly as for any failing statement.
     */
    static String raise(String sqlState, String message) {
        String safe = message.replace("$dualwrite$", "").replace("'", "''");
        return "DO $dualwrite$BEGIN RAISE EXCEPTION USING MESSAGE = '" + safe + "', ERRCODE = '" + sqlState
                + "'; END$dualwrite$";
    }

    /** The Java charset for a PostgreSQL client_encoding; byte-transparent ISO-8859-1 when unknown. */
    static Charset charset(String clientEncoding) {
        String e = clientEncoding == null ? "" : clientEncoding.toUpperCase(Locale.ROOT).replace("_", "");
        switch (e) {
            case "UTF8":
            case "UNICODE":
                return StandardCharsets.UTF_8;
            case "LATIN1":
            case "SQLASCII":
                return StandardCharsets.ISO_8859_1;
            default:
                try {
                    return Charset.forName(clientEncoding);
                } catch (RuntimeException ex) {
                    return StandardCharsets.ISO_8859_1;
                }
        }
    }
}
