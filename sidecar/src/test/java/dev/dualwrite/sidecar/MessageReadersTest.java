package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readers over relayed messages, without a server: Bind, Parse, Query, RowDescription, and a rebuilt Bind. */
class MessageReadersTest {

    /** A Bind with text and binary values; null for SQL NULL. */
    private static ByteBuf bind(String portal, String statement, int[] formats, byte[][] values, int[] results) {
        ByteBuf b = Pg.begin(ByteBufAllocator.DEFAULT, 'B', 64);
        Pg.writeCString(b, portal, StandardCharsets.UTF_8);
        Pg.writeCString(b, statement, StandardCharsets.UTF_8);
        b.writeShort(formats.length);
        for (int f : formats) {
            b.writeShort(f);
        }
        b.writeShort(values.length);
        for (byte[] v : values) {
            if (v == null) {
                b.writeInt(-1);
            } else {
                b.writeInt(v.length).writeBytes(v);
            }
        }
        b.writeShort(results.length);
        for (int r : results) {
            b.writeShort(r);
        }
        return Pg.finish(b);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBindIsReadInPlace() {
        ByteBuf m = bind("p1", "s1", new int[] {0, 1}, new byte[][] {text("a"), null}, new int[] {1});
        try {
            BindMessage b = new BindMessage().wrap(m);
            assertEquals("p1", b.portal(StandardCharsets.UTF_8));
            assertEquals("s1", b.statement(StandardCharsets.UTF_8));
            assertEquals(2, b.formatCount());
            assertEquals(1, b.format(1));
            assertEquals(2, b.valueCount());
            assertEquals(1, b.resultFormatCount());
        } finally {
            m.release();
        }
    }

    @Test
    void aBindIsRebuiltInThePhysicalNumbering() {
        // Mirror: "INSERT INTO people (id, full_name) VALUES ($1, $2)" keeps $2 for both columns, so use a drop
        // window, which removes a placeholder: the values after it move down.
        RewriteEngine engine = RewriteEngine.builder(Dialect.POSTGRESQL).jdbcParameters(false)
                .config(Configuration.builder().rename("people", "full_name", "display_name", Phase.MIRROR)
                        .drop("people", "phone_number").build()).build();
        ParameterMap map = engine.plan("INSERT INTO people (id, phone_number, full_name) VALUES ($1, $2, $3)")
                .parameters();
        assertNotEquals(ParameterMap.IDENTITY, map);
        ByteBuf m = bind("", "ins", new int[] {0, 0, 1}, new byte[][] {text("7"), text("555"), text("Ada")},
                new int[0]);
        ByteBuf out = new BindMessage().wrap(m).physical(ByteBufAllocator.DEFAULT, map);
        try {
            BindMessage b = new BindMessage().wrap(out);
            assertEquals("ins", b.statement(StandardCharsets.UTF_8));
            assertEquals(map.physicalCount(), b.valueCount());
            assertEquals(map.physicalCount(), b.formatCount(), "per-parameter formats follow their values");
            assertEquals(0, b.resultFormatCount());
            ByteBuf expected = bind("", "ins", formatsOf(map, new int[] {0, 0, 1}),
                    valuesOf(map, new byte[][] {text("7"), text("555"), text("Ada")}), new int[0]);
            assertEquals(expected, out);
            expected.release();
        } finally {
            m.release();
            out.release();
            engine.close();
        }
    }

    private static int[] formatsOf(ParameterMap map, int[] app) {
        int[] f = new int[map.physicalCount()];
        for (int a = 1; a <= map.applicationCount(); a++) {
            for (int p : map.physical(a)) {
                f[p - 1] = app[a - 1];
            }
        }
        return f;
    }

    private static byte[][] valuesOf(ParameterMap map, byte[][] app) {
        byte[][] v = new byte[map.physicalCount()][];
        for (int a = 1; a <= map.applicationCount(); a++) {
            for (int p : map.physical(a)) {
                v[p - 1] = app[a - 1];
            }
        }
        return v;
    }

    @Test
    void aRejectedStatementIsBoundWithNoValues() {
        ByteBuf m = bind("", "bad", new int[] {1}, new byte[][] {text("x")}, new int[] {0});
        ByteBuf out = new BindMessage().wrap(m).physical(ByteBufAllocator.DEFAULT, null);
        try {
            BindMessage b = new BindMessage().wrap(out);
            assertEquals(0, b.formatCount());
            assertEquals(0, b.valueCount());
            assertEquals(1, b.resultFormatCount());
        } finally {
            m.release();
            out.release();
        }
    }

    @Test
    void aTruncatedBindIsRefused() {
        ByteBuf m = bind("", "s", new int[0], new byte[][] {text("abc")}, new int[0]);
        // Declare a longer value than the message carries.
        m.setInt(5 + 1 + 2 + 2 + 2, 40);
        try {
            assertThrows(IllegalArgumentException.class,
                    () -> new BindMessage().wrap(m).physical(ByteBufAllocator.DEFAULT, ParameterMap.IDENTITY));
        } finally {
            m.release();
        }
    }

    @Test
    void parseAndQueryAreReadInPlace() {
        ByteBuf parse = Pg.parse(ByteBufAllocator.DEFAULT, "s1", "SELECT $1", new int[] {23, 0},
                StandardCharsets.UTF_8);
        ByteBuf query = Pg.query(ByteBufAllocator.DEFAULT, "SELECT 'é'", StandardCharsets.UTF_8);
        try {
            ParseMessage p = new ParseMessage().wrap(parse);
            assertEquals("s1", p.name(StandardCharsets.UTF_8));
            assertEquals("SELECT $1", p.sql(StandardCharsets.UTF_8));
            assertArrayEquals(new int[] {23, 0}, p.declaredTypes());
            assertEquals("SELECT 'é'", QueryMessage.sql(query, StandardCharsets.UTF_8));
            ByteBuf close = Pg.closeStatement(ByteBufAllocator.DEFAULT, "s1", StandardCharsets.UTF_8);
            assertEquals("s1", QueryMessage.name(close, 1, StandardCharsets.UTF_8));
            close.release();
            ByteBuf unterminated = Unpooled.buffer().writeByte('Q').writeInt(8).writeBytes(text("SELE"));
            assertThrows(IllegalArgumentException.class, () -> QueryMessage.sql(unterminated, StandardCharsets.UTF_8));
        } finally {
            parse.release();
            query.release();
        }
    }

    /** A RowDescription of (name, table oid, attnum, type oid, typlen, typmod, format) fields. */
    private static ByteBuf rowDescription(Object[]... fields) {
        ByteBuf b = Pg.begin(ByteBufAllocator.DEFAULT, 'T', 64);
        b.writeShort(fields.length);
        for (Object[] f : fields) {
            Pg.writeCString(b, (String) f[0], StandardCharsets.UTF_8);
            b.writeInt((Integer) f[1]).writeShort((Integer) f[2]).writeInt((Integer) f[3]).writeShort((Integer) f[4])
                    .writeInt((Integer) f[5]).writeShort((Integer) f[6]);
        }
        return Pg.finish(b);
    }

    @Test
    void aRowDescriptionIsReadFieldByFieldAndItsShapeComparesNamesTypesAndModifiers() {
        ByteBuf a = rowDescription(new Object[] {"id", 1000, 1, 23, 4, -1, 0},
                new Object[] {"full_name", 1000, 2, 25, -1, -1, 0});
        ByteBuf sameShapeOtherSource = rowDescription(new Object[] {"id", 2000, 1, 23, 4, -1, 1},
                new Object[] {"full_name", 2000, 3, 25, -1, -1, 1});
        ByteBuf reordered = rowDescription(new Object[] {"full_name", 1000, 2, 25, -1, -1, 0},
                new Object[] {"id", 1000, 1, 23, 4, -1, 0});
        ByteBuf otherModifier = rowDescription(new Object[] {"id", 1000, 1, 23, 4, -1, 0},
                new Object[] {"full_name", 1000, 2, 25, -1, 44, 0});
        try {
            RowDescription d = new RowDescription(a);
            assertEquals(2, d.fieldCount());
            d.next();
            assertEquals(23, d.typeOid());
            d.next();
            assertEquals("full_name", a.toString(d.nameIndex(), d.nameLength(), StandardCharsets.UTF_8));
            assertEquals(25, d.typeOid());
            assertEquals(-1, d.typeModifier());
            assertEquals(0, d.format());
            assertEquals(RowShape.of(a), RowShape.of(sameShapeOtherSource),
                    "table, column number and format do not make another shape");
            assertNotEquals(RowShape.of(a), RowShape.of(reordered));
            assertNotEquals(RowShape.of(a), RowShape.of(otherModifier));
            assertNotEquals(RowShape.of(a), RowShape.NO_DATA);
            assertArrayEquals(new int[] {1, 0}, RowShape.of(reordered).positionsOf(RowShape.of(a)),
                    "the told shape's id is the reordered shape's second column, full_name its first");
            assertEquals(null, RowShape.of(otherModifier).positionsOf(RowShape.of(a)), "not the same columns");
            ByteBuf twins = rowDescription(new Object[] {"id", 1000, 1, 23, 4, -1, 0},
                    new Object[] {"id", 2000, 1, 23, 4, -1, 0});
            assertEquals(null, RowShape.of(twins).positionsOf(RowShape.of(twins)),
                    "two columns alike cannot be told apart, so they are never reordered");
            twins.release();
            ByteBuf noData = Pg.finish(Pg.begin(ByteBufAllocator.DEFAULT, 'n', 0));
            assertEquals(RowShape.NO_DATA, RowShape.of(noData));
            // Compared in place, without a copy, exactly as equals compares copies.
            for (ByteBuf x : List.of(a, sameShapeOtherSource, reordered, otherModifier, noData)) {
                for (ByteBuf y : List.of(a, sameShapeOtherSource, reordered, otherModifier, noData)) {
                    assertEquals(RowShape.of(x).equals(RowShape.of(y)),
                            RowShape.of(x).isDescribedBy(y, y.readerIndex()));
                }
            }
            ByteBuf longerName = rowDescription(new Object[] {"id", 1000, 1, 23, 4, -1, 0},
                    new Object[] {"full_namex", 1000, 2, 25, -1, -1, 0});
            assertEquals(false, RowShape.of(a).isDescribedBy(longerName, longerName.readerIndex()));
            longerName.release();
            noData.release();
        } finally {
            a.release();
            sameShapeOtherSource.release();
            reordered.release();
            otherModifier.release();
        }
    }
}
