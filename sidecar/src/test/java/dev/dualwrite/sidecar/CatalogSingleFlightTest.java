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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;

/**
 * Connections to one database share the catalog: when it goes stale, the connections that find it so at once read it
 * once between them (single flight), not once each; the others go on with the lists they have. Counted by the
 * sidecar's own metric of catalog questions.
 */
@Tag("database")
class CatalogSingleFlightTest {
    private static final int CONNECTIONS = 8;
    private String db;
    private SidecarServer sidecar;

    @BeforeEach
    void setUp() throws SQLException {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase("flight");
        TestPostgres.execute(db, "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
                "INSERT INTO people VALUES (1, 'from-col', 'to-col')");
        sidecar = Sidecars.start(Sidecars.rename("people", "full_name", "display_name", Phase.READ_NEW));
    }

    @AfterEach
    void tearDown() {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    @RepeatedTest(3)
    void connectionsThatFindTheCatalogStaleTogetherReadItOnce() throws Exception {
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Connection c = Sidecars.connect(sidecar, db, "preferQueryMode=simple");
                connections.add(c);
                assertEquals("to-col", star(c), "each connection has read its search path");
            }
            long before = Sidecars.metric(sidecar, "dualwrite_catalog_reads_total");
            sidecar.database(db).catalog().invalidate();
            CyclicBarrier start = new CyclicBarrier(CONNECTIONS);
            List<Future<String>> reads = new ArrayList<>();
            for (Connection c : connections) {
                reads.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return star(c);
                }));
            }
            for (Future<String> r : reads) {
                assertEquals("to-col", r.get(30, TimeUnit.SECONDS), "every statement ran, read-new");
            }
            long asked = Sidecars.metric(sidecar, "dualwrite_catalog_reads_total") - before;
            assertEquals(1, asked, "one question for " + CONNECTIONS + " connections that found the catalog stale");
            assertTrue(sidecar.database(db).catalog().session().needsRefresh(sidecar.database(db).engine()
                    .configuration()), "a new session has no search path yet, so it asks its own");
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static String star(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM people")) {
            assertTrue(rs.next());
            return rs.getString("full_name");
        }
    }
}
