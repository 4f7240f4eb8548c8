package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;

/** Reads a Parse message in place: the statement's name, its SQL and the parameter types the client declared. */
final class ParseMessage {
    private static final int[] NO_TYPES = new int[0];

    private ByteBuf message;
    private int nameIndex;
    private int nameLength;
    private int sqlIndex;
    private int sqlLength;

    /** Points this reader at a Parse (the whole message, type byte included, at its reader index). */
    ParseMessage wrap(ByteBuf parse) {
        message = parse;
        int end = parse.readerIndex() + 1 + parse.getInt(parse.readerIndex() + 1);
        nameIndex = parse.readerIndex() + 5;
        nameLength = Pg.cstringLength(parse, nameIndex, end);
        sqlIndex = nameIndex + nameLength + 1;
        sqlLength = Pg.cstringLength(parse, sqlIndex, end);
        return this;
    }

    String name(Charset charset) {
        return Pg.string(message, nameIndex, nameLength, charset);
    }

    String sql(Charset charset) {
        return Pg.string(message, sqlIndex, sqlLength, charset);
    }

    /** The declared parameter type OIDs (0 where the server is to infer one). */
    int[] declaredTypes() {
        int at = sqlIndex + sqlLength + 1;
        int n = message.getUnsignedShort(at);
        if (n == 0) {
            return NO_TYPES;
        }
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = message.getInt(at + 2 + 4 * i);
        }
        return types;
    }
}
