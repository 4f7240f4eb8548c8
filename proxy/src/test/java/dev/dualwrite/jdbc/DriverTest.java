package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.FileConfigSource;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC door's contract on embedded H2: URL and DataSource entry points, rewriting, mapping, re-preparing. */
class DriverTest {
    private static final AtomicInteger DB = new AtomicInteger();

    @TempDir
    Path dir;
    private String h2;
    private Connection raw;

    @BeforeEach
    void createTable() throws Exception {
        h2 = "h2:mem:driver" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        raw = DriverManager.getConnection("jdbc:" + h2, "sa", "");
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE people (id INT PRIMARY KEY, email VARCHAR(100), full_name VARCHAR(100),"
                    + " display_name VARCHAR(100), phone_number VARCHAR(40), bio CLOB)");
        }
    }

    @AfterEach
    void dropTable() throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        raw.close();
    }

    private Path config(String phase) throws Exception {
        Path file = dir.resolve("dualwrite-" + phase + ".yaml");
        Files.writeString(file, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n    phase: "
                + phase + "\n  - table: people\n    drop: phone_number\n", StandardCharsets.UTF_8);
        return file;
    }

    private Connection open(String phase) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        p.setProperty(DualWriteDriver.CONFIG_PROPERTY, config(phase).toString());
        return DriverManager.getConnection("jdbc:dualwrite:" + h2, p);
    }

    private String[] row(int id) throws SQLException {
        try (Statement s = raw.createStatement();
                ResultSet rs = s.executeQuery("SELECT full_name, display_name, phone_number FROM people WHERE id = "
                        + id)) {
            assertTrue(rs.next(), "row " + id);
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
        }
    }

    @Test
    void urlWrapperRewritesPreparedStatementsAndMapsParameters() throws Exception {
        try (Connection c = open("mirror")) {
            assertInstanceOf(DualWriteConnection.class, c);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO people (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "a@x");
                ps.setString(3, "Ann");
                ps.setString(4, "555");
                assertEquals(1, ps.executeUpdate());
                assertSame(c, ps.getConnection());
                ParameterMetaData md = ps.getParameterMetaData();
                assertEquals(4, md.getParameterCount());
                assertEquals(Types.VARCHAR, md.getParameterType(4), "a dropped parameter reads as VARCHAR");
                assertThrows(SQLException.class, () -> ps.setString(5, "x"));
            }
            assertArrayEquals(new String[] {"Ann", "Ann", null}, row(1));
            try (PreparedStatement ps = c.prepareStatement("SELECT p.display_name FROM people p WHERE p.id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertSame(ps, rs.getStatement());
                    assertTrue(rs.next());
                    assertEquals("Ann", rs.getString("display_name"));
                    assertEquals("DISPLAY_NAME", rs.getMetaData().getColumnLabel(1));
                }
            }
        }
    }

    /**
     * Every setter that binds straight to the driver when the statement's parameters are not remapped (a table with no
     * window), then the mapped path of the same setters (a parameter bound to both names of a mirrored column).
     */
    @Test
    void everyScalarSetterBindsItsValueWithAndWithoutAParameterMap() throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE typed (id INT PRIMARY KEY, b BOOLEAN, t TINYINT, sm SMALLINT, i INT, l BIGINT,"
                    + " f REAL, d DOUBLE PRECISION, n DECIMAL(10, 2), v VARCHAR(20), y VARBINARY(10), dt DATE,"
                    + " tm TIME, ts TIMESTAMP, o VARCHAR(20), z VARCHAR(20))");
        }
        java.sql.Date date = java.sql.Date.valueOf("2026-11-24");
        java.sql.Time time = java.sql.Time.valueOf("12:34:56");
        java.sql.Timestamp stamp = java.sql.Timestamp.valueOf("2026-11-24 12:34:56");
        try (Connection c = open("mirror")) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?)")) {
                assertEquals("INSERT INTO typed (id) VALUES (?)", c.nativeSQL("INSERT INTO typed (id) VALUES (?)"),
                        "a table with no window is not rewritten");
                ps.setInt(1, 1);
                ps.setBoolean(2, true);
                ps.setByte(3, (byte) 7);
                ps.setShort(4, (short) 300);
                ps.setInt(5, 70_000);
                ps.setLong(6, 5_000_000_000L);
                ps.setFloat(7, 1.5f);
                ps.setDouble(8, 2.25);
                ps.setBigDecimal(9, new java.math.BigDecimal("12.34"));
                ps.setString(10, "text");
                ps.setBytes(11, new byte[] {1, 2, 3});
                ps.setDate(12, date);
                ps.setTime(13, time);
                ps.setTimestamp(14, stamp);
                ps.setObject(15, "object");
                ps.setNull(16, Types.VARCHAR);
                assertEquals(1, ps.executeUpdate());
            }
        }
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM typed WHERE id = 1")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean("b"));
            assertEquals(7, rs.getByte("t"));
            assertEquals(300, rs.getShort("sm"));
            assertEquals(70_000, rs.getInt("i"));
            assertEquals(5_000_000_000L, rs.getLong("l"));
            assertEquals(1.5f, rs.getFloat("f"));
            assertEquals(2.25, rs.getDouble("d"));
            assertEquals(new java.math.BigDecimal("12.34"), rs.getBigDecimal("n"));
            assertEquals("text", rs.getString("v"));
            assertArrayEquals(new byte[] {1, 2, 3}, rs.getBytes("y"));
            assertEquals(date, rs.getDate("dt"));
            assertEquals(time, rs.getTime("tm"));
            assertEquals(stamp, rs.getTimestamp("ts"));
            assertEquals("object", rs.getString("o"));
            assertEquals(null, rs.getString("z"));
        }
        // Mapped: in mirror, full_name's parameter is bound to display_name too.
        try (Connection c = open("mirror");
                PreparedStatement ps = c.prepareStatement("INSERT INTO people (id, full_name) VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setObject(2, "Obj");
            assertEquals(1, ps.executeUpdate());
            ps.setInt(1, 3);
            ps.setNull(2, Types.VARCHAR);
            assertEquals(1, ps.executeUpdate());
            ps.setInt(1, 4);
            ps.setString(2, "Str");
            assertEquals(1, ps.executeUpdate());
        }
        assertArrayEquals(new String[] {"Obj", "Obj", null}, row(2));
        assertArrayEquals(new String[] {null, null, null}, row(3));
        assertArrayEquals(new String[] {"Str", "Str", null}, row(4));
    }

    @Test
    void statementsBatchesAndNativeSql() throws Exception {
        try (Connection c = open("read-new"); Statement s = c.createStatement()) {
            s.addBatch("INSERT INTO people (id, display_name) VALUES (1, 'Bo')");
            s.addBatch("INSERT INTO people (id, full_name) VALUES (2, 'Cy')");
            assertArrayEquals(new int[] {1, 1}, s.executeBatch());
            assertArrayEquals(new String[] {"Bo", "Bo", null}, row(1));
            assertArrayEquals(new String[] {"Cy", "Cy", null}, row(2));
            try (ResultSet rs = s.executeQuery("SELECT full_name FROM people ORDER BY id")) {
                assertSame(s, rs.getStatement());
                assertTrue(rs.next());
                assertEquals("Bo", rs.getString("full_name"));
            }
            assertEquals("SELECT display_name AS full_name FROM people",
                    c.nativeSQL("SELECT full_name FROM people"));
        }
    }

    @Test
    void preparedBatchesWithDuplicatedParameters() throws Exception {
        try (Connection c = open("mirror");
                PreparedStatement ps = c.prepareStatement("INSERT INTO people (id, display_name) VALUES (?, ?)")) {
            for (int i = 1; i <= 3; i++) {
                ps.setInt(1, i);
                ps.setString(2, "n" + i);
                ps.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1}, ps.executeBatch());
            for (int i = 1; i <= 3; i++) {
                assertArrayEquals(new String[] {"n" + i, "n" + i, null}, row(i));
            }
        }
    }

    @Test
    void streamsBoundToTwoColumnsAreReadOnce() throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("ALTER TABLE people ALTER COLUMN full_name CLOB");
            s.execute("ALTER TABLE people ALTER COLUMN display_name CLOB");
        }
        try (Connection c = open("mirror");
                PreparedStatement ps = c.prepareStatement("INSERT INTO people (id, full_name) VALUES (?, ?)")) {
            ps.setInt(1, 7);
            ps.setCharacterStream(2, new StringReader("streamed text"));
            ps.executeUpdate();
            ps.setInt(1, 8);
            ps.setAsciiStream(2, new ByteArrayInputStream("ascii".getBytes(StandardCharsets.US_ASCII)), 5);
            ps.executeUpdate();
        }
        assertArrayEquals(new String[] {"streamed text", "streamed text", null}, row(7));
        assertArrayEquals(new String[] {"ascii", "ascii", null}, row(8));
    }

    @Test
    void rejectedStatementsAreSqlExceptionsWithSqlState() throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE SEQUENCE seq");
        }
        try (Connection c = open("mirror")) {
            SQLException e = assertThrows(SQLFeatureNotSupportedException.class, () -> c.prepareStatement(
                    "INSERT INTO people (id, full_name) VALUES (1, NEXT VALUE FOR seq)"));
            assertEquals("0AW00", e.getSQLState());
            assertTrue(e.getMessage().contains("people.full_name -> display_name (mirror)"), e.getMessage());
            try (Statement s = c.createStatement()) {
                SQLException e2 = assertThrows(SQLException.class,
                        () -> s.executeUpdate("INSERT INTO people (id, full_name) VALUES (1, NEXT VALUE FOR seq)"));
                assertEquals("0AW00", e2.getSQLState());
            }
        }
    }

    @Test
    void aConfigurationChangeRePreparesAndRebinds() throws Exception {
        ManualConfigSource source = new ManualConfigSource(Configuration.builder()
                .rename("people", "full_name", "display_name", Phase.OLD_ONLY).build());
        JdbcDataSource h2ds = new JdbcDataSource();
        h2ds.setURL("jdbc:" + h2);
        h2ds.setUser("sa");
        DualWriteDataSource ds = DualWrite.wrap(h2ds, source);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO people (id, display_name) VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "before");
            ps.executeUpdate();
            assertArrayEquals(new String[] {"before", null, null}, row(1));

            ps.setInt(1, 2);
            ps.setString(2, "after");
            // The phase changes between binding and executing: the execution must use the new rewrite.
            source.set(Configuration.builder().rename("people", "full_name", "display_name", Phase.MIRROR).build());
            ps.executeUpdate();
            assertArrayEquals(new String[] {"after", "after", null}, row(2));

            ps.setInt(1, 3);
            ps.setString(2, "batched");
            ps.addBatch();
            source.set(Configuration.builder().rename("people", "full_name", "display_name", Phase.NEW_ONLY).build());
            ps.setInt(1, 4);
            ps.setString(2, "batched too");
            ps.addBatch();
            ps.executeBatch();
            assertArrayEquals(new String[] {null, "batched", null}, row(3));
            assertArrayEquals(new String[] {null, "batched too", null}, row(4));
        }
    }

    @Test
    void missingConfigurationIsAClearError() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:dualwrite:" + h2, "sa", ""));
        assertTrue(e.getMessage().contains("dualwrite has no configuration"), e.getMessage());
        assertTrue(e.getMessage().contains("dualwrite.config"), e.getMessage());
    }

    @Test
    void invalidConfigurationIsAClearError() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "windows:\n  - table: people\n    from: a\n    to: b\n    phase: later\n");
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty(DualWriteDriver.CONFIG_PROPERTY, bad.toString());
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:dualwrite:" + h2, p));
        assertTrue(e.getMessage().contains("bad.yaml:5: unknown phase 'later'"), e.getMessage());
    }

    @Test
    void wrappingTwiceWrapsOnceAndUnwrapReachesTheDriver() throws Exception {
        try (Connection c = open("mirror")) {
            ManualConfigSource source = new ManualConfigSource(Configuration.empty());
            assertSame(c, DualWrite.wrap(c, source, "again"));
            assertTrue(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class));
            assertInstanceOf(org.h2.jdbc.JdbcConnection.class, c.unwrap(org.h2.jdbc.JdbcConnection.class));
            assertSame(c, c.unwrap(Connection.class));
            assertFalse(DualWrite.isOpeningPhysicalConnection());
        }
    }

    @Test
    void generatedKeysAndClearParameters() throws Exception {
        try (Statement s = raw.createStatement()) {
            s.execute("CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(100))");
        }
        try (Connection c = open("mirror");
                PreparedStatement ps = c.prepareStatement("INSERT INTO notes (body) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "x");
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(1, keys.getInt(1));
            }
            ps.clearParameters();
            assertThrows(SQLException.class, ps::executeUpdate, "unbound parameters are the driver's error");
        }
    }

    @Test
    void fileChangesTakeEffectWithoutReconnecting() throws Exception {
        Path file = config("old-only");
        try (FileConfigSource source = FileConfigSource.open(file, 3_600_000)) {
            JdbcDataSource h2ds = new JdbcDataSource();
            h2ds.setURL("jdbc:" + h2);
            h2ds.setUser("sa");
            try (Connection c = DualWrite.wrap(h2ds, source).getConnection();
                    PreparedStatement ps = c.prepareStatement("UPDATE people SET display_name = ? WHERE id = ?")) {
                try (Statement s = raw.createStatement()) {
                    s.execute("INSERT INTO people (id) VALUES (1)");
                }
                ps.setString(1, "one");
                ps.setInt(2, 1);
                ps.executeUpdate();
                assertArrayEquals(new String[] {"one", null, null}, row(1));
                Files.writeString(file, Files.readString(file).replace("old-only", "mirror"));
                assertTrue(source.reload());
                ps.setString(1, "two");
                ps.executeUpdate();
                assertArrayEquals(new String[] {"two", "two", null}, row(1));
            }
        }
    }
}
