package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.sidecar.RawClient.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the sidecar remembers per connection follows what the server keeps: a portal ends at its Close, at the end of
 * its transaction (a Sync outside one), and the unnamed one at the next Bind; a statement at its Close. 10,000
 * extended-protocol executions with a new portal name each, never closed, leave nothing behind. Counted by the
 * sidecar's gauges of tracked statements and portals.
 */
@Tag("database")
class PortalBoundsTest {
    private static final int EXECUTIONS = 10_000;
    private static final int BATCH = 500;

    @RegisterExtension
    static final SidecarDatabase PG = SidecarDatabase.named("portals",
            "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
            "INSERT INTO people (id, full_name, display_name) VALUES (1, 'from-col', 'to-col')");

    private static long gauge(String name) {
        return Sidecars.metric(PG.sidecar(), name);
    }

    private static RawClient client() throws Exception {
        RawClient c = RawClient.to(PG.sidecar()).timeout(Duration.ofSeconds(30));
        c.startup("postgres", PG.db(), TestPostgres.unique("portals"));
        return c;
    }

    /** Sends {@code n} pipelined segments and reads their answers, failing on any error. */
    private static void segments(RawClient c, int n, java.util.function.IntFunction<byte[][]> segment)
            throws Exception {
        for (int done = 0; done < n; done += BATCH) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            int k = Math.min(BATCH, n - done);
            for (int i = 0; i < k; i++) {
                for (byte[] m : segment.apply(done + i)) {
                    all.writeBytes(m);
                }
            }
            c.send(all.toByteArray());
            for (int i = 0; i < k; i++) {
                List<Message> answer = c.readUntilReady();
                assertNull(RawClient.first(answer, 'E'), () -> RawClient.describe(answer));
                assertEquals("from-col", RawClient.firstValue(answer), "mirror reads full_name");
            }
        }
    }

    @Test
    void tenThousandNamedPortalsNeverClosedLeaveNothingBehind() throws Exception {
        try (RawClient c = client()) {
            c.send(RawClient.parse("s1", "SELECT display_name FROM people WHERE id = $1"), RawClient.sync());
            c.readUntilReady();
            segments(c, EXECUTIONS, i -> new byte[][] {RawClient.bindPortal("p" + i, "s1", "1"),
                    RawClient.execute("p" + i), RawClient.sync()});
            assertEquals(0, gauge("dualwrite_open_portals"), "each portal ended with its implicit transaction");
            assertEquals(1, gauge("dualwrite_prepared_statements"), "s1");

            segments(c, EXECUTIONS, i -> new byte[][] {RawClient.bind("s1", "1"), RawClient.execute(),
                    RawClient.sync()});
            assertEquals(0, gauge("dualwrite_open_portals"), "the unnamed portal ended too");

            segments(c, 1_000, i -> new byte[][] {RawClient.parse("u" + i, "SELECT display_name FROM people"
                    + " WHERE id = $1"), RawClient.bind("u" + i, "1"), RawClient.execute(),
                    RawClient.close('S', "u" + i), RawClient.sync()});
            assertEquals(1, gauge("dualwrite_prepared_statements"), "closed statements are forgotten");
        }
    }

    @Test
    void insideATransactionPortalsLiveUntilClosedOrCommitted() throws Exception {
        try (RawClient c = client()) {
            assertTrue(c.simpleQuery("BEGIN").stream().anyMatch(m -> m.type() == 'Z'));
            c.send(RawClient.parse("s1", "SELECT display_name FROM people WHERE id = $1"), RawClient.sync());
            c.readUntilReady();
            segments(c, 100, i -> new byte[][] {RawClient.bindPortal("t" + i, "s1", "1"),
                    RawClient.execute("t" + i), RawClient.sync()});
            assertEquals(100, gauge("dualwrite_open_portals"), "the server keeps them until the transaction ends");
            segments(c, 40, i -> new byte[][] {RawClient.close('P', "t" + i), RawClient.bind("s1", "1"),
                    RawClient.execute(), RawClient.sync()});
            assertEquals(60 + 1, gauge("dualwrite_open_portals"), "60 named and the unnamed one");
            c.simpleQuery("COMMIT");
            assertEquals(0, gauge("dualwrite_open_portals"));
        }
    }
}
