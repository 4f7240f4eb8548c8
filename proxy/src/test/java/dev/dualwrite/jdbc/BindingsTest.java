package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.db.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Binding replay, checked against H2 itself: for every kind of binding the door records, the value bound again from
 * the record (at the same index, and at two indexes as for a mirrored value) must end in the table exactly as the
 * application's own setter call puts it there, or fail alike where H2 does not implement the setter.
 */
class BindingsTest {
    private static Connection h2;

    @BeforeAll
    static void open() throws SQLException {
        h2 = TestDatabases.h2(TestDatabases.newH2Url());
    }

    @AfterAll
    static void close() throws SQLException {
        h2.close();
    }

    @FunctionalInterface
    interface Setter {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    @FunctionalInterface
    interface Value {
        Object make() throws SQLException;
    }

    /** One kind of binding: the column it goes to, the application's call, and the same call as a record. */
    record Case(String name, String column, Setter direct, byte kind, Value value, long number, Object extra) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String TEXT = "binding text, Grüße";
    private static final byte[] BYTES = "binary\0data".getBytes(StandardCharsets.ISO_8859_1);
    /** Not the JVM's zone, so that a binding that dropped the calendar would show. */
    private static final Calendar OTHER_ZONE = Calendar.getInstance(TimeZone.getTimeZone(
            TimeZone.getDefault().getRawOffset() == 5 * 3_600_000 ? "GMT+09:30" : "GMT+05:00"));

    private static Recorded.Bytes stream(byte[] b) {
        return new Recorded.Bytes(new ByteArrayInputStream(b), Recorded.KEEP);
    }

    private static Recorded.Chars reader() {
        return new Recorded.Chars(new StringReader(TEXT), Recorded.KEEP);
    }

    private static byte[] ascii() {
        return TEXT.replaceAll("[^ -~]", "?").getBytes(StandardCharsets.US_ASCII);
    }

    static Stream<Case> everyKind() {
        java.sql.Date date = java.sql.Date.valueOf("2026-11-24");
        java.sql.Time time = java.sql.Time.valueOf("12:34:56");
        java.sql.Timestamp stamp = java.sql.Timestamp.valueOf("2026-11-24 12:34:56.789");
        BigDecimal decimal = new BigDecimal("1234.56");
        List<Case> c = new ArrayList<>();
        c.add(new Case("setNull", "VARCHAR(50)", (ps, i) -> ps.setNull(i, Types.VARCHAR), Bindings.NULL, () -> null,
                Types.VARCHAR, null));
        c.add(new Case("setNull(typeName)", "VARCHAR(50)", (ps, i) -> ps.setNull(i, Types.VARCHAR, "VARCHAR"),
                Bindings.NULL_TYPE_NAME, () -> null, Types.VARCHAR, "VARCHAR"));
        c.add(new Case("setBoolean", "BOOLEAN", (ps, i) -> ps.setBoolean(i, true), Bindings.BOOLEAN, () -> null, 1,
                null));
        c.add(new Case("setByte", "TINYINT", (ps, i) -> ps.setByte(i, (byte) -7), Bindings.BYTE, () -> null, -7,
                null));
        c.add(new Case("setShort", "SMALLINT", (ps, i) -> ps.setShort(i, (short) 300), Bindings.SHORT, () -> null,
                300, null));
        c.add(new Case("setInt", "INT", (ps, i) -> ps.setInt(i, 70_000), Bindings.INT, () -> null, 70_000, null));
        c.add(new Case("setLong", "BIGINT", (ps, i) -> ps.setLong(i, 5_000_000_000L), Bindings.LONG, () -> null,
                5_000_000_000L, null));
        c.add(new Case("setFloat", "REAL", (ps, i) -> ps.setFloat(i, 1.5f), Bindings.FLOAT, () -> null,
                Float.floatToRawIntBits(1.5f), null));
        c.add(new Case("setDouble", "DOUBLE PRECISION", (ps, i) -> ps.setDouble(i, -2.25), Bindings.DOUBLE,
                () -> null, Double.doubleToRawLongBits(-2.25), null));
        c.add(new Case("setBigDecimal", "DECIMAL(10, 2)", (ps, i) -> ps.setBigDecimal(i, decimal),
                Bindings.BIG_DECIMAL, () -> decimal, 0, null));
        c.add(new Case("setString", "VARCHAR(50)", (ps, i) -> ps.setString(i, TEXT), Bindings.STRING, () -> TEXT, 0,
                null));
        c.add(new Case("setNString", "VARCHAR(50)", (ps, i) -> ps.setNString(i, TEXT), Bindings.NSTRING, () -> TEXT,
                0, null));
        c.add(new Case("setBytes", "VARBINARY(50)", (ps, i) -> ps.setBytes(i, BYTES), Bindings.BYTES, () -> BYTES, 0,
                null));
        c.add(new Case("setDate", "DATE", (ps, i) -> ps.setDate(i, date), Bindings.DATE, () -> date, 0, null));
        c.add(new Case("setDate(cal)", "DATE", (ps, i) -> ps.setDate(i, date, OTHER_ZONE), Bindings.DATE_CALENDAR,
                () -> date, 0, OTHER_ZONE));
        c.add(new Case("setTime", "TIME", (ps, i) -> ps.setTime(i, time), Bindings.TIME, () -> time, 0, null));
        c.add(new Case("setTime(cal)", "TIME", (ps, i) -> ps.setTime(i, time, OTHER_ZONE), Bindings.TIME_CALENDAR,
                () -> time, 0, OTHER_ZONE));
        c.add(new Case("setTimestamp", "TIMESTAMP", (ps, i) -> ps.setTimestamp(i, stamp), Bindings.TIMESTAMP,
                () -> stamp, 0, null));
        c.add(new Case("setTimestamp(cal)", "TIMESTAMP", (ps, i) -> ps.setTimestamp(i, stamp, OTHER_ZONE),
                Bindings.TIMESTAMP_CALENDAR, () -> stamp, 0, OTHER_ZONE));
        c.add(new Case("setObject", "VARCHAR(50)", (ps, i) -> ps.setObject(i, TEXT), Bindings.OBJECT, () -> TEXT, 0,
                null));
        c.add(new Case("setObject(type)", "INT", (ps, i) -> ps.setObject(i, "42", Types.INTEGER),
                Bindings.OBJECT_TYPE, () -> "42", Types.INTEGER, null));
        c.add(new Case("setObject(type, scale)", "DECIMAL(10, 2)",
                (ps, i) -> ps.setObject(i, new BigDecimal("3.14159"), Types.DECIMAL, 2), Bindings.OBJECT_TYPE_SCALE,
                () -> new BigDecimal("3.14159"), Types.DECIMAL, 2));
        c.add(new Case("setObject(SQLType)", "INT", (ps, i) -> ps.setObject(i, "42", JDBCType.INTEGER),
                Bindings.OBJECT_SQL_TYPE, () -> "42", 0, JDBCType.INTEGER));
        c.add(new Case("setObject(SQLType, scale)", "DECIMAL(10, 2)",
                (ps, i) -> ps.setObject(i, new BigDecimal("3.14159"), JDBCType.DECIMAL, 2),
                Bindings.OBJECT_SQL_TYPE_SCALE, () -> new BigDecimal("3.14159"), 2, JDBCType.DECIMAL));
        c.add(new Case("setAsciiStream", "VARCHAR(50)",
                (ps, i) -> ps.setAsciiStream(i, new ByteArrayInputStream(ascii())), Bindings.ASCII_STREAM,
                () -> stream(ascii()), 0, null));
        c.add(new Case("setAsciiStream(int)", "VARCHAR(50)",
                (ps, i) -> ps.setAsciiStream(i, new ByteArrayInputStream(ascii()), 5), Bindings.ASCII_STREAM_INT,
                () -> stream(ascii()), 5, null));
        c.add(new Case("setAsciiStream(long)", "VARCHAR(50)",
                (ps, i) -> ps.setAsciiStream(i, new ByteArrayInputStream(ascii()), 5L), Bindings.ASCII_STREAM_LENGTH,
                () -> stream(ascii()), 5, null));
        c.add(new Case("setUnicodeStream", "VARCHAR(50)", BindingsTest::unicode, Bindings.UNICODE_STREAM,
                () -> stream(TEXT.getBytes(StandardCharsets.UTF_16BE)), TEXT.length() * 2L, null));
        c.add(new Case("setBinaryStream", "VARBINARY(50)",
                (ps, i) -> ps.setBinaryStream(i, new ByteArrayInputStream(BYTES)), Bindings.BINARY_STREAM,
                () -> stream(BYTES), 0, null));
        c.add(new Case("setBinaryStream(int)", "VARBINARY(50)",
                (ps, i) -> ps.setBinaryStream(i, new ByteArrayInputStream(BYTES), 4), Bindings.BINARY_STREAM_INT,
                () -> stream(BYTES), 4, null));
        c.add(new Case("setBinaryStream(long)", "VARBINARY(50)",
                (ps, i) -> ps.setBinaryStream(i, new ByteArrayInputStream(BYTES), 4L),
                Bindings.BINARY_STREAM_LENGTH, () -> stream(BYTES), 4, null));
        c.add(new Case("setCharacterStream", "VARCHAR(50)", (ps, i) -> ps.setCharacterStream(i,
                new StringReader(TEXT)), Bindings.CHARACTER_STREAM, BindingsTest::reader, 0, null));
        c.add(new Case("setCharacterStream(int)", "VARCHAR(50)", (ps, i) -> ps.setCharacterStream(i,
                new StringReader(TEXT), 6), Bindings.CHARACTER_STREAM_INT, BindingsTest::reader, 6, null));
        c.add(new Case("setCharacterStream(long)", "VARCHAR(50)", (ps, i) -> ps.setCharacterStream(i,
                new StringReader(TEXT), 6L), Bindings.CHARACTER_STREAM_LENGTH, BindingsTest::reader, 6, null));
        c.add(new Case("setNCharacterStream", "VARCHAR(50)", (ps, i) -> ps.setNCharacterStream(i,
                new StringReader(TEXT)), Bindings.NCHARACTER_STREAM, BindingsTest::reader, 0, null));
        c.add(new Case("setNCharacterStream(long)", "VARCHAR(50)", (ps, i) -> ps.setNCharacterStream(i,
                new StringReader(TEXT), 6L), Bindings.NCHARACTER_STREAM_LENGTH, BindingsTest::reader, 6, null));
        c.add(new Case("setClob(Reader)", "CLOB", (ps, i) -> ps.setClob(i, new StringReader(TEXT)),
                Bindings.CLOB_READER, BindingsTest::reader, 0, null));
        c.add(new Case("setClob(Reader, long)", "CLOB", (ps, i) -> ps.setClob(i, new StringReader(TEXT), 6L),
                Bindings.CLOB_READER_LENGTH, BindingsTest::reader, 6, null));
        c.add(new Case("setNClob(Reader)", "CLOB", (ps, i) -> ps.setNClob(i, new StringReader(TEXT)),
                Bindings.NCLOB_READER, BindingsTest::reader, 0, null));
        c.add(new Case("setNClob(Reader, long)", "CLOB", (ps, i) -> ps.setNClob(i, new StringReader(TEXT), 6L),
                Bindings.NCLOB_READER_LENGTH, BindingsTest::reader, 6, null));
        c.add(new Case("setBlob(InputStream)", "BLOB", (ps, i) -> ps.setBlob(i, new ByteArrayInputStream(BYTES)),
                Bindings.BLOB_STREAM, () -> stream(BYTES), 0, null));
        c.add(new Case("setBlob(InputStream, long)", "BLOB", (ps, i) -> ps.setBlob(i,
                new ByteArrayInputStream(BYTES), 4L), Bindings.BLOB_STREAM_LENGTH, () -> stream(BYTES), 4, null));
        c.add(new Case("setBlob(Blob)", "BLOB", (ps, i) -> ps.setBlob(i, blob()), Bindings.BLOB, BindingsTest::blob,
                0, null));
        c.add(new Case("setClob(Clob)", "CLOB", (ps, i) -> ps.setClob(i, clob()), Bindings.CLOB, BindingsTest::clob,
                0, null));
        c.add(new Case("setNClob(NClob)", "CLOB", (ps, i) -> ps.setNClob(i, nclob()), Bindings.NCLOB,
                BindingsTest::nclob, 0, null));
        c.add(new Case("setArray", "INT ARRAY", (ps, i) -> ps.setArray(i, array()), Bindings.ARRAY,
                BindingsTest::array, 0, null));
        c.add(new Case("setSQLXML", "VARCHAR(50)", (ps, i) -> ps.setSQLXML(i, xml()), Bindings.SQLXML_VALUE,
                BindingsTest::xml, 0, null));
        c.add(new Case("setURL", "VARCHAR(50)", (ps, i) -> ps.setURL(i, url()), Bindings.URL_VALUE,
                BindingsTest::url, 0, null));
        c.add(new Case("setRef", "VARCHAR(50)", (ps, i) -> ps.setRef(i, null), Bindings.REF, () -> null, 0, null));
        c.add(new Case("setRowId", "VARCHAR(50)", (ps, i) -> ps.setRowId(i, null), Bindings.ROW_ID, () -> null, 0,
                null));
        return c.stream();
    }

    @SuppressWarnings("deprecation")
    private static void unicode(PreparedStatement ps, int i) throws SQLException {
        ps.setUnicodeStream(i, new ByteArrayInputStream(TEXT.getBytes(StandardCharsets.UTF_16BE)), TEXT.length() * 2);
    }

    private static Blob blob() throws SQLException {
        Blob b = h2.createBlob();
        b.setBytes(1, BYTES);
        return b;
    }

    private static Clob clob() throws SQLException {
        Clob c = h2.createClob();
        c.setString(1, TEXT);
        return c;
    }

    private static java.sql.NClob nclob() throws SQLException {
        java.sql.NClob c = h2.createNClob();
        c.setString(1, TEXT);
        return c;
    }

    private static Array array() throws SQLException {
        return h2.createArrayOf("INTEGER", new Object[] {1, 2, 3});
    }

    private static SQLXML xml() throws SQLException {
        SQLXML x = h2.createSQLXML();
        x.setString("<a>b</a>");
        return x;
    }

    private static java.net.URL url() throws SQLException {
        try {
            return new java.net.URI("http://example.com/x").toURL();
        } catch (java.net.URISyntaxException | java.net.MalformedURLException e) {
            throw new SQLException(e);
        }
    }

    /** What a column holds, comparable across rows; or how the binding failed. */
    private static String outcome(String table, int id) throws SQLException {
        try (Statement s = h2.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE id = " + id)) {
            if (!rs.next()) {
                return "no row";
            }
            StringBuilder b = new StringBuilder();
            for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                b.append(i == 2 ? "" : " | ");
                if (v instanceof byte[] bytes) {
                    b.append(Arrays.toString(bytes));
                } else if (v instanceof Blob blob) {
                    b.append(Arrays.toString(blob.getBytes(1, (int) blob.length())));
                } else if (v instanceof Clob clob) {
                    b.append(clob.getSubString(1, (int) clob.length()));
                } else if (v instanceof Array array) {
                    b.append(Arrays.toString((Object[]) array.getArray()));
                } else {
                    b.append(v);
                }
            }
            return b.toString();
        }
    }

    private static String failure(SQLException e) {
        return "failed: " + e.getClass().getName() + " " + e.getSQLState();
    }

    private static String table(String name, String column, int copies) throws SQLException {
        StringBuilder columns = new StringBuilder("id INT PRIMARY KEY");
        for (int i = 0; i < copies; i++) {
            columns.append(", v").append(i).append(' ').append(column);
        }
        try (Statement s = h2.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + name);
            s.execute("CREATE TABLE " + name + " (" + columns + ")");
        }
        return name;
    }

    /** The application's call on row 1, the record bound again on row 2: the same outcome. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void aRecordedBindingIsBoundAgainAsTheApplicationBoundIt(Case c) throws SQLException {
        String table = table("replay", c.column(), 1);
        String direct;
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            ps.setInt(1, 1);
            c.direct().bind(ps, 2);
            ps.executeUpdate();
            direct = outcome(table, 1);
        } catch (SQLException e) {
            direct = failure(e);
        }
        Bindings b = new Bindings();
        b.set(1, Bindings.INT, null, 2, null);
        String replayed;
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            b.set(2, c.kind(), c.value().make(), c.number(), c.extra());
            b.replay(ps, i -> new int[] {i});
            ps.executeUpdate();
            replayed = outcome(table, 2);
        } catch (SQLException e) {
            replayed = failure(e);
        }
        assertEquals(direct, replayed);
    }

    /** A value that goes to two columns gets the application's value in both, streams included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void aBindingToTwoIndexesPutsTheSameValueInBoth(Case c) throws SQLException {
        String table = table("twice", c.column(), 2);
        String direct;
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            c.direct().bind(ps, 2);
            c.direct().bind(ps, 3);
            ps.executeUpdate();
            direct = outcome(table, 1);
        } catch (SQLException e) {
            direct = failure(e);
        }
        Bindings b = new Bindings();
        String mirrored;
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
            ps.setInt(1, 2);
            b.set(1, c.kind(), c.value().make(), c.number(), c.extra());
            b.bindTo(ps, 1, new int[] {2, 3});
            ps.executeUpdate();
            mirrored = outcome(table, 2);
        } catch (SQLException e) {
            mirrored = failure(e);
        }
        assertEquals(direct, mirrored);
    }

    @Test
    void copiesAreIndependentAndClearForgetsEverything() throws SQLException {
        Bindings b = new Bindings();
        b.set(1, Bindings.STRING, "first", 0, null);
        b.set(20, Bindings.INT, null, 7, null);
        Bindings copy = b.copy();
        b.set(1, Bindings.STRING, "changed", 0, null);
        String table = table("copies", "VARCHAR(50)", 1);
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            // Application index 20 goes to 1 and index 1 to 2: a renumbering such as a rewrite makes.
            copy.replay(ps, i -> i == 20 ? new int[] {1} : new int[] {2});
            ps.executeUpdate();
        }
        assertEquals("first", outcome(table, 7), "the copy holds the values as they were when it was taken");

        b.setByName("n", cs -> cs.setString("n", "by name"));
        Bindings withName = b.copy();
        b.clear();
        assertFalse(b.hasByName());
        assertTrue(withName.hasByName(), "the copy keeps what was set by name");
        try (PreparedStatement ps = h2.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            b.replay(ps, i -> new int[] {i});
            SQLException unbound = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    ps::executeUpdate, "a cleared record binds nothing");
            assertTrue(unbound.getMessage().contains("#1"), unbound.getMessage());
        }
    }
}
