package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In a rolling deploy the DDL comes from elsewhere: a column added or dropped by a migration on another connection
 * must not leave the sidecar's {@code SELECT *} expansion behind. A column dropped elsewhere is noticed when the
 * server reports it unknown (the catalog is read again and the statement, which had no effect, is sent again once); a
 * column added elsewhere appears once the catalog's short time-to-live has passed.
 */
@Tag("database")
class StaleCatalogTest {
    private String db;
    private SidecarServer sidecar;

    @BeforeEach
    void setUp() throws SQLException {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("stale");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
                "INSERT INTO people VALUES (1, 'from-col', 'to-col')");
        // Read-new expands SELECT * over the window table from the catalog: full_name is read from display_name.
        sidecar = Sidecars.start(Sidecars.rename("people", "full_name", "display_name", Phase.READ_NEW));
    }

    @AfterEach
    void tearDown() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    private static List<String> labels(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT * FROM people")) {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnLabel(i));
            }
            assertTrue(rs.next());
            assertEquals("to-col", rs.getString("full_name"), "read-new reads display_name");
            return out;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aColumnDroppedElsewhereIsNoticedAtOnce(String mode) throws SQLException {
        TestPostgres.execute(db, "ALTER TABLE people ADD COLUMN age int");
        try (Connection c = Sidecars.connect(sidecar, db, "preferQueryMode=" + mode);
                Statement s = c.createStatement()) {
            assertTrue(labels(s).contains("age"));
            TestPostgres.execute(db, "ALTER TABLE people DROP COLUMN age");
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of("id", "full_name", "display_name"), labels(s),
                        "the expansion must not name the dropped column");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "extended"})
    void aColumnAddedElsewhereAppearsWithinTheCatalogsTimeToLive(String mode) throws Exception {
        try (Connection c = Sidecars.connect(sidecar, db, "preferQueryMode=" + mode);
                Statement s = c.createStatement()) {
            assertEquals(List.of("id", "full_name", "display_name"), labels(s));
            TestPostgres.execute(db, "ALTER TABLE people ADD COLUMN age int");
            long added = System.nanoTime();
            long limit = SidecarCatalog.TTL_MILLIS + 1_500;
            while (!labels(s).contains("age")) {
                long ms = (System.nanoTime() - added) / 1_000_000;
                assertTrue(ms < limit, "the added column is still missing from SELECT * after " + ms + " ms");
                Thread.sleep(50);
            }
            assertTrue(SidecarCatalog.TTL_MILLIS <= 5_000, "the default time-to-live is short");
        }
    }
}
