package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.RawClient.Message;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prepared {@code SELECT *} whose expansion changes under it must keep the result shape the client was told, or fail
 * the way PostgreSQL fails a prepared statement whose result would change ("cached plan must not change result type",
 * SQLSTATE 0A000, routine RevalidateCachedQuery, which pgjdbc and others answer by preparing their statements anew):
 * never rows of another shape decoded by the old one. When the old column is dropped and the window moves to new-only,
 * the expansion has the same columns in another order: they are put back in the client's order. When a column was
 * added elsewhere, the columns are not the same: the statement fails.
 */
@Tag("database")
class PreparedShapeTest {
    private static final Timestamp BORN = Timestamp.valueOf("1815-12-10 10:00:00");
    private String db;
    private ManualConfigSource config;
    private SidecarServer sidecar;

    @BeforeEach
    void setUp() throws SQLException {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("shape");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text,"
                + " email text, born timestamp)",
                "INSERT INTO people VALUES (1, 'from-col', 'to-col', 'ada@example.org', '1815-12-10 10:00:00')");
        config = Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR);
        sidecar = Sidecars.start(config);
    }

    @AfterEach
    void tearDown() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    private void phase(Phase phase) {
        config.set(Configuration.builder().rename("people", "full_name", "display_name", phase).build());
    }

    /** The migration's last step, run elsewhere, and the fleet's move to new-only. */
    private void dropTheOldColumnAndMoveToNewOnly() throws SQLException {
        TestPostgres.execute(db, "ALTER TABLE people DROP COLUMN full_name");
        phase(Phase.NEW_ONLY);
    }

    /** A column added elsewhere, then the move to read-new: the expansion has a column the client was not told. */
    private void addAColumnAndMoveToReadNew() throws SQLException {
        TestPostgres.execute(db, "ALTER TABLE people ADD COLUMN age int");
        phase(Phase.READ_NEW);
    }

    private static final List<String> TOLD = List.of("id", "full_name", "email", "born", "display_name");

    /** Labels and values of the one row, by label. */
    private static Map<String, Object> readRow(PreparedStatement ps) throws SQLException {
        ps.setInt(1, 1);
        try (ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            assertTrue(rs.next());
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i), rs.getObject(i));
            }
            return row;
        }
    }

    private static void assertRow(Map<String, Object> row, String names) {
        assertEquals(1, row.get("id"), row::toString);
        assertEquals(names, row.get("full_name"), row::toString);
        assertEquals(names, row.get("display_name"), row::toString);
        assertEquals("ada@example.org", row.get("email"), row::toString);
        assertEquals(BORN, row.get("born"), row::toString);
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {5, 1, -1})
    void pgjdbcPreparesAgainAndReadsTheNewShapeInAutocommit(int threshold) throws SQLException {
        try (Connection c = Sidecars.connect(sidecar, db, "prepareThreshold=" + threshold);
                PreparedStatement star = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
            for (int i = 0; i < 7; i++) {
                Map<String, Object> row = readRow(star);
                assertEquals(List.of("id", "full_name", "email", "born", "display_name"), List.copyOf(row.keySet()));
                assertRow(row, "from-col");
            }
            dropTheOldColumnAndMoveToNewOnly();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            for (int i = 0; i < 3; i++) {
                Map<String, Object> row = readRow(star);
                assertEquals(TOLD, List.copyOf(row.keySet()), "the columns keep the order the client was told");
                assertRow(row, "to-col");
            }
        }
    }

    @ParameterizedTest(name = "prepareThreshold={0}")
    @ValueSource(ints = {5, -1})
    void pgjdbcPreparesAgainAndReadsTheNewColumnsInAutocommit(int threshold) throws SQLException {
        try (Connection c = Sidecars.connect(sidecar, db, "prepareThreshold=" + threshold);
                PreparedStatement star = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
            for (int i = 0; i < 7; i++) {
                assertRow(readRow(star), "from-col");
            }
            addAColumnAndMoveToReadNew();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            for (int i = 0; i < 3; i++) {
                // pgjdbc retries a statement that failed this way outside a transaction, so no error reaches here.
                Map<String, Object> row = readRow(star);
                assertTrue(row.containsKey("age"), row::toString);
                assertRow(row, "to-col");
            }
        }
    }

    @Test
    void inATransactionTheFirstExecutionFailsAsPostgresqlWouldAndTheNextWorks() throws SQLException {
        try (Connection c = Sidecars.connect(sidecar, db, "prepareThreshold=1");
                PreparedStatement star = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
            for (int i = 0; i < 3; i++) {
                assertRow(readRow(star), "from-col");
            }
            addAColumnAndMoveToReadNew();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            SQLException e = assertThrows(SQLException.class, () -> readRow(star));
            assertEquals("0A000", e.getSQLState(), e::toString);
            assertTrue(e.getMessage().contains("cached plan must not change result type"), e::toString);
            c.rollback();
            assertRow(readRow(star), "to-col");
            c.commit();
        }
    }

    @Test
    void inATransactionMovedColumnsKeepTheClientsOrderWithoutAnError() throws SQLException {
        try (Connection c = Sidecars.connect(sidecar, db, "prepareThreshold=1");
                PreparedStatement star = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
            for (int i = 0; i < 3; i++) {
                assertRow(readRow(star), "from-col");
            }
            dropTheOldColumnAndMoveToNewOnly();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            Map<String, Object> row = readRow(star);
            assertEquals(TOLD, List.copyOf(row.keySet()));
            assertRow(row, "to-col");
            c.commit();
        }
    }

    /** Bind of {@code s1} with result formats, Execute, Sync; or with a Describe of the portal in between. */
    private static byte[] bind(String statement, String value) {
        return RawClient.bind(statement, value);
    }

    private static byte[] describe(char kind, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(kind);
        RawClient.cstring(b, name);
        return RawClient.message('D', b.toByteArray());
    }

    private RawClient preparedAndDescribed() throws Exception {
        RawClient c = RawClient.to(sidecar).timeout(Duration.ofSeconds(5));
        c.startup("postgres", db, TestPostgres.unique("shape"));
        c.send(RawClient.parse("s1", "SELECT * FROM people WHERE id = $1"), describe('S', "s1"), RawClient.sync());
        List<Message> described = c.readUntilReady();
        assertNotNull(RawClient.first(described, 'T'), () -> RawClient.describe(described));
        c.send(bind("s1", "1"), RawClient.execute(), RawClient.sync());
        assertEquals("1", RawClient.firstValue(c.readUntilReady()));
        return c;
    }

    @Test
    void aStatementWhoseColumnsMovedKeepsTheOrderTheClientWasTold() throws Exception {
        try (RawClient c = preparedAndDescribed()) {
            dropTheOldColumnAndMoveToNewOnly();
            c.simpleQuery("SELECT 1");
            for (int i = 0; i < 2; i++) {
                c.send(bind("s1", "1"), RawClient.execute(), RawClient.sync());
                List<Message> answer = c.readUntilReady();
                assertEquals(List.of('2', 'D', 'C', 'Z'), answer.stream().map(Message::type).toList(),
                        () -> RawClient.describe(answer));
                Message row = RawClient.first(answer, 'D');
                assertEquals(List.of("1", "to-col", "ada@example.org", "1815-12-10 10:00:00", "to-col"),
                        columns(row), "the row comes in the order of the description the client holds");
            }
            c.send(describe('S', "s1"), RawClient.sync());
            List<Message> described = c.readUntilReady();
            assertEquals(TOLD, fieldNames(RawClient.first(described, 'T')), "and a new Describe tells the same");
        }
    }

    @Test
    void aStatementWhoseColumnsChangedFailsWithPostgresqlsErrorUntilPreparedAnew() throws Exception {
        try (RawClient c = preparedAndDescribed()) {
            addAColumnAndMoveToReadNew();
            c.simpleQuery("SELECT 1");
            for (int i = 0; i < 2; i++) {
                c.send(bind("s1", "1"), RawClient.execute(), RawClient.sync());
                List<Message> answer = c.readUntilReady();
                Message error = RawClient.first(answer, 'E');
                assertNotNull(error, () -> "rows of another shape: " + RawClient.describe(answer));
                assertEquals("0A000", error.sqlState());
                assertEquals("cached plan must not change result type", error.fields().get('M'));
                assertEquals("RevalidateCachedQuery", error.fields().get('R'));
                assertNull(RawClient.first(answer, 'D'), () -> RawClient.describe(answer));
                assertEquals(1, answer.stream().filter(m -> m.type() == 'E').count(), () -> RawClient.describe(answer));
                assertNull(RawClient.first(answer, '1'), () -> "the sidecar's Parse leaked: " + RawClient.describe(answer));
                assertNull(RawClient.first(answer, '3'), () -> "the sidecar's Close leaked: " + RawClient.describe(answer));
            }
            ByteArrayOutputStream close = new ByteArrayOutputStream();
            close.write('S');
            RawClient.cstring(close, "s1");
            c.send(RawClient.message('C', close.toByteArray()),
                    RawClient.parse("s1", "SELECT * FROM people WHERE id = $1"), describe('S', "s1"),
                    bind("s1", "1"), RawClient.execute(), RawClient.sync());
            List<Message> again = c.readUntilReady();
            assertNull(RawClient.first(again, 'E'), () -> RawClient.describe(again));
            assertEquals("1", RawClient.firstValue(again), () -> RawClient.describe(again));
        }
    }

    @Test
    void aRepreparationWithTheSameShapeIsInvisible() throws Exception {
        try (RawClient c = preparedAndDescribed()) {
            phase(Phase.READ_NEW);
            c.send(bind("s1", "1"), RawClient.execute(), RawClient.sync());
            List<Message> answer = c.readUntilReady();
            assertNull(RawClient.first(answer, 'E'), () -> RawClient.describe(answer));
            assertEquals(List.of('2', 'D', 'C', 'Z'), answer.stream().map(Message::type).toList(),
                    () -> RawClient.describe(answer));
            assertEquals("to-col", column(RawClient.first(answer, 'D'), 1), "read-new reads display_name");
        }
    }

    @Test
    void aClientThatDescribesThePortalBeforeEveryExecutionGetsTheNewShape() throws Exception {
        try (RawClient c = preparedAndDescribed()) {
            dropTheOldColumnAndMoveToNewOnly();
            c.simpleQuery("SELECT 1");
            c.send(bind("s1", "1"), describe('P', ""), RawClient.execute(), RawClient.sync());
            List<Message> answer = c.readUntilReady();
            assertNull(RawClient.first(answer, 'E'), () -> RawClient.describe(answer));
            assertEquals(List.of('2', 'T', 'D', 'C', 'Z'), answer.stream().map(Message::type).toList(),
                    () -> RawClient.describe(answer));
        }
    }

    /** The names of a RowDescription's fields. */
    private static List<String> fieldNames(Message description) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(description.body());
        int n = b.getShort();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = b.position();
            while (b.get() != 0) {
                // up to the name's end
            }
            names.add(new String(description.body(), start, b.position() - start - 1,
                    java.nio.charset.StandardCharsets.UTF_8));
            b.position(b.position() + 18);
        }
        return names;
    }

    /** The text of one column of a DataRow. */
    private static String column(Message row, int index) {
        return columns(row).get(index);
    }

    /** The texts of a DataRow's columns. */
    private static List<String> columns(Message row) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(row.body());
        int n = b.getShort();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            byte[] v = new byte[Math.max(len, 0)];
            b.get(v);
            values.add(len < 0 ? null : new String(v, java.nio.charset.StandardCharsets.UTF_8));
        }
        return values;
    }
}
