package dev.dualwrite.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A step whose {@code ALTER TABLE} cannot get its table lock (another session's open transaction holds one) gives up
 * after the step's timeout with exit 1, a message naming the situation and the rerun; the session's own lock timeout
 * is the same afterwards as before (the step's is not left on the connection); the rerun, once the transaction ends,
 * completes.
 */
class LockTimeoutTest {

    @Test
    void postgres() throws Exception {
        check(TestDb.postgres(), "SET lock_timeout = '42s'", "SHOW lock_timeout", "42s");
    }

    @Test
    void mariadb() throws Exception {
        check(TestDb.mariadb(), "SET SESSION lock_wait_timeout = 42", "SELECT @@SESSION.lock_wait_timeout", "42");
    }

    @Test
    void h2() throws Exception {
        check(TestDb.h2(), "SET LOCK_TIMEOUT 4200", "SELECT LOCK_TIMEOUT()", "4200");
    }

    private static void check(TestDb db, String setOwn, String readOwn, String own) throws Exception {
        try (db) {
            String people = db.table("people");
            db.exec("CREATE TABLE " + people + " (id INT PRIMARY KEY, full_name VARCHAR(40))",
                    "INSERT INTO " + people + " VALUES (1, 'a')");
            Windows windows = TestDb.windows("windows:\n  - table: " + people + "\n    from: full_name\n"
                    + "    to: display_name\n    phase: old-only\n");
            Operations ops = new Operations(db.target(), windows, null);
            try (Connection blocker = db.connect(); Connection c = db.connect(); Statement st = c.createStatement()) {
                blocker.setAutoCommit(false);
                try (Statement b = blocker.createStatement()) {
                    // An open transaction that touched the table: it holds a lock ALTER TABLE must wait for.
                    b.executeUpdate("UPDATE " + people + " SET full_name = 'b' WHERE id = 1");
                }
                st.execute(setOwn);
                long start = System.nanoTime();
                OpsException e = assertThrows(OpsException.class, () -> applyOn(c, db, ops, people));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(OpsException.REFUSED, e.exitCode());
                assertTrue(e.getMessage().contains("could not lock") && e.getMessage().contains("open transaction")
                        && e.getMessage().contains("rerun the step"), e.getMessage());
                assertTrue(millis < 20_000, "gave up after the step's timeout, not the session's: " + millis + " ms");
                assertEquals(own, value(st, readOwn), "the session's own lock timeout is back");
                blocker.rollback();
                List<String> out = new ArrayList<>();
                applyOn(c, db, ops, people, out);
                assertTrue(out.get(out.size() - 1).endsWith("done"), out.toString());
                assertEquals(own, value(st, readOwn));
            }
            assertNotNull(db.string("SELECT " + (db.dialect() == Dialect.H2 ? "DISPLAY_NAME" : "display_name")
                    + " IS NULL FROM " + people));
        }
    }

    private static void applyOn(Connection c, TestDb db, Operations ops, String people) throws Exception {
        applyOn(c, db, ops, people, new ArrayList<>());
    }

    /** The apply step on the test's own connection, so that its session settings can be read afterwards. */
    private static void applyOn(Connection c, TestDb db, Operations ops, String people, List<String> out)
            throws Exception {
        ops.applyOn(c, people + ".full_name", "add-column", out::add);
    }

    private static String value(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
