package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stream and reader parameters of a written value, on H2, PostgreSQL and MariaDB through their own drivers. Each
 * setter overload is called by the old version of an application ({@code INSERT ... (id, body)} or {@code (id, raw)})
 * once through the bare driver on the schema that version knows (the logical table: only the old columns) and once
 * through dualwrite on the physical table, whose windows {@code body -> content} and {@code raw -> bytes} are in
 * mirror, so the value goes to two columns. Both must end alike: the same value in every written column, or the same
 * failure (each driver implements its own subset of the overloads; pgjdbc lacks several).
 *
 * <p>The second pass binds the value while the windows are in old-only (nothing mirrored) and moves them to mirror
 * before the execution: the statement is prepared again and the value bound again, to both columns, from what the
 * driver already read.
 */
@Tag("database")
class StreamParameterTest {
    /** Long enough to take several reads of a driver's buffer; not only ASCII where the overload takes characters. */
    private static final String TEXT = text();
    private static final String ASCII = TEXT.replaceAll("[^ -~]", "?");
    private static final byte[] BYTES = bytes();

    private static String text() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 20_000; i++) {
            b.append("line ").append(i).append(": Grüße, größer als 20 kB\n");
        }
        return b.toString();
    }

    private static byte[] bytes() {
        byte[] b = new byte[30_000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /** One setter overload: what it binds, and what the column then holds. */
    enum Overload {
        CHARACTER_STREAM(false, (ps, i) -> ps.setCharacterStream(i, reader())),
        CHARACTER_STREAM_INT(false, (ps, i) -> ps.setCharacterStream(i, reader(), TEXT.length())),
        CHARACTER_STREAM_LONG(false, (ps, i) -> ps.setCharacterStream(i, reader(), (long) TEXT.length())),
        NCHARACTER_STREAM(false, (ps, i) -> ps.setNCharacterStream(i, reader())),
        NCHARACTER_STREAM_LONG(false, (ps, i) -> ps.setNCharacterStream(i, reader(), TEXT.length())),
        CLOB_READER(false, (ps, i) -> ps.setClob(i, reader())),
        CLOB_READER_LONG(false, (ps, i) -> ps.setClob(i, reader(), TEXT.length())),
        NCLOB_READER(false, (ps, i) -> ps.setNClob(i, reader())),
        NCLOB_READER_LONG(false, (ps, i) -> ps.setNClob(i, reader(), TEXT.length())),
        ASCII_STREAM(false, (ps, i) -> ps.setAsciiStream(i, asciiStream())),
        ASCII_STREAM_INT(false, (ps, i) -> ps.setAsciiStream(i, asciiStream(), ASCII.length())),
        ASCII_STREAM_LONG(false, (ps, i) -> ps.setAsciiStream(i, asciiStream(), (long) ASCII.length())),
        BINARY_STREAM(true, (ps, i) -> ps.setBinaryStream(i, binary())),
        BINARY_STREAM_INT(true, (ps, i) -> ps.setBinaryStream(i, binary(), BYTES.length)),
        BINARY_STREAM_LONG(true, (ps, i) -> ps.setBinaryStream(i, binary(), (long) BYTES.length)),
        BLOB_STREAM(true, (ps, i) -> ps.setBlob(i, binary())),
        BLOB_STREAM_LONG(true, (ps, i) -> ps.setBlob(i, binary(), BYTES.length));

        final boolean binary;
        final Setter setter;

        Overload(boolean binary, Setter setter) {
            this.binary = binary;
            this.setter = setter;
        }

        boolean isAscii() {
            return name().startsWith("ASCII");
        }

        private static Reader reader() {
            return new StringReader(TEXT);
        }

        private static InputStream asciiStream() {
            return new ByteArrayInputStream(ASCII.getBytes(StandardCharsets.US_ASCII));
        }

        private static InputStream binary() {
            return new ByteArrayInputStream(BYTES);
        }
    }

    @FunctionalInterface
    interface Setter {
        void bind(PreparedStatement ps, int index) throws SQLException;
    }

    static Stream<Arguments> everyOverloadOnEveryDatabase() {
        List<Arguments> out = new ArrayList<>();
        for (DoorDatabase db : DoorDatabase.values()) {
            for (Overload o : Overload.values()) {
                out.add(Arguments.of(db, o));
            }
        }
        return out.stream();
    }

    private static Configuration windows(String table, Phase phase) {
        return Configuration.builder().rename(table, "body", "content", phase).rename(table, "raw", "bytes", phase)
                .build();
    }

    /** What one statement did: the value in each written column, or the failure's class and SQLSTATE. */
    private record Outcome(String failure, List<String> columns) {
        static Outcome failed(SQLException e) {
            return new Outcome(e.getClass().getName() + " " + e.getSQLState(), List.of());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyOverloadOnEveryDatabase")
    void aMirroredStreamValueReachesBothColumnsAsTheBareDriverWritesIt(DoorDatabase db, Overload o) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String logical = tables.create(db.newTable("docs_l"), "id INT PRIMARY KEY, body " + db.text + ", raw "
                    + db.binary);
            String physical = tables.create(db.newTable("docs"), "id INT PRIMARY KEY, body " + db.text + ", content "
                    + db.text + ", raw " + db.binary + ", bytes " + db.binary);
            Outcome bare;
            try (Connection c = db.connect()) {
                bare = insert(c, logical, o, () -> { });
                if (bare.failure == null) {
                    bare = new Outcome(null, read(c, logical, o, false));
                }
            }
            ManualConfigSource config = new ManualConfigSource(windows(physical, Phase.MIRROR));
            try (Connection c = db.dualwrite(config)) {
                Outcome dualwrite = insert(c, physical, o, () -> { });
                assertOutcome(db, o, bare, dualwrite, physical);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyOverloadOnEveryDatabase")
    void aStreamBoundBeforeAPhaseChangeIsBoundAgainWithItsContent(DoorDatabase db, Overload o) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String logical = tables.create(db.newTable("docs_l"), "id INT PRIMARY KEY, body " + db.text + ", raw "
                    + db.binary);
            String physical = tables.create(db.newTable("docs"), "id INT PRIMARY KEY, body " + db.text + ", content "
                    + db.text + ", raw " + db.binary + ", bytes " + db.binary);
            Outcome bare;
            try (Connection c = db.connect()) {
                bare = insert(c, logical, o, () -> { });
                if (bare.failure == null) {
                    bare = new Outcome(null, read(c, logical, o, false));
                }
            }
            ManualConfigSource config = new ManualConfigSource(windows(physical, Phase.OLD_ONLY));
            try (Connection c = db.dualwrite(config)) {
                Outcome dualwrite = insert(c, physical, o, () -> config.set(windows(physical, Phase.MIRROR)));
                assertOutcome(db, o, bare, dualwrite, physical);
            }
        }
    }

    /**
     * A statement that names no window column keeps nothing of its streams (it is not the statement a phase change
     * prepares again). When a new window makes it one, the value is bound again only if the driver has not read it yet
     * (MariaDB's driver reads at execution); where the driver read it when it was bound (H2, pgjdbc), the execution is
     * refused with a reason rather than run with an empty value.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DoorDatabase.class)
    void aStreamThatWasNotKeptIsRefusedRatherThanBoundEmpty(DoorDatabase db) throws Exception {
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String physical = tables.create(db.newTable("docs"), "id INT PRIMARY KEY, body " + db.text + ", content "
                    + db.text + ", raw " + db.binary + ", bytes " + db.binary);
            ManualConfigSource config = new ManualConfigSource(windows("elsewhere", Phase.MIRROR));
            try (Connection c = db.dualwrite(config);
                    PreparedStatement ps = c.prepareStatement("INSERT INTO " + physical + " (id, body) VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setCharacterStream(2, new StringReader(TEXT), TEXT.length());
                config.set(windows(physical, Phase.MIRROR));
                if (db == DoorDatabase.MARIADB) {
                    assertEquals(1, ps.executeUpdate());
                } else {
                    SQLException e = assertThrows(SQLFeatureNotSupportedException.class, ps::executeUpdate);
                    assertTrue(e.getMessage().contains("bind the parameter again"), e.getMessage());
                    ps.setCharacterStream(2, new StringReader(TEXT), TEXT.length());
                    assertEquals(1, ps.executeUpdate(), "bound again, it runs");
                }
            }
            try (Connection c = db.connect()) {
                assertEquals(List.of(summary(TEXT), summary(TEXT)), read(c, physical, Overload.CHARACTER_STREAM_INT,
                        true));
            }
        }
    }

    private void assertOutcome(DoorDatabase db, Overload o, Outcome bare, Outcome dualwrite, String physical)
            throws SQLException {
        if (bare.failure != null) {
            assertEquals(bare, dualwrite, "the bare driver fails, and so must dualwrite, alike");
            return;
        }
        assertEquals(null, dualwrite.failure, "the bare driver writes the value");
        List<String> both;
        try (Connection c = db.connect()) {
            both = read(c, physical, o, true);
        }
        String value = bare.columns.get(0);
        assertEquals(List.of(value, value), both, "both columns hold what the bare driver wrote");
        String expected = o.binary ? summary(BYTES) : summary(o.isAscii() ? ASCII : TEXT);
        assertEquals(expected, value, "the bare driver wrote the whole value");
    }

    @FunctionalInterface
    interface Between {
        void run() throws SQLException;
    }

    private static Outcome insert(Connection c, String table, Overload o, Between betweenBindAndExecute) {
        String column = o.binary ? "raw" : "body";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)")) {
            ps.setInt(1, 1);
            o.setter.bind(ps, 2);
            betweenBindAndExecute.run();
            assertEquals(1, ps.executeUpdate());
            return new Outcome(null, List.of());
        } catch (SQLException e) {
            return Outcome.failed(e);
        }
    }

    /** The written column (and, with {@code mirrored}, its new-name twin) of row 1, as text. */
    private static List<String> read(Connection c, String table, Overload o, boolean mirrored) throws SQLException {
        String columns = o.binary ? "raw" + (mirrored ? ", bytes" : "") : "body" + (mirrored ? ", content" : "");
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table + " WHERE id = 1")) {
            assertTrue(rs.next(), "the row was written");
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(o.binary ? summary(rs.getBytes(i)) : summary(rs.getString(i)));
            }
            return out;
        }
    }

    /** A value as a failure message can show it: its length, its start and a digest of the whole. */
    private static String summary(String text) {
        return text == null ? "NULL" : "text of " + text.length() + " chars '" + text.substring(0,
                Math.min(12, text.length())) + "...' sha-256 " + digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String summary(byte[] bytes) {
        return bytes == null ? "NULL" : bytes.length + " bytes, sha-256 " + digest(bytes);
    }

    private static String digest(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
