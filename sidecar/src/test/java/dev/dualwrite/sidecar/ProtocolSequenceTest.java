package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.sidecar.RawClient.Message;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Message sequences at the protocol level, where a real client's exact bytes matter: what the sidecar does between
 * the client's messages (its catalog question, re-preparing a statement after a configuration change) must never
 * reorder, drop or add messages, whatever the client's transaction state; and the server's own last word on a
 * connection it ends must be the client's last word too.
 */
@Tag("database")
class ProtocolSequenceTest {
    @RegisterExtension
    static final SidecarDatabase PG = SidecarDatabase.named("sequence",
            "CREATE TABLE people (id int PRIMARY KEY, full_name text, display_name text)",
                "INSERT INTO people (id, full_name, display_name) VALUES (1, 'from-col', 'to-col')");



    @BeforeEach
    void mirror() {
        phase(Phase.MIRROR);
    }

    private static void phase(Phase phase) {
        PG.config().set(Configuration.builder().rename("people", "full_name", "display_name", phase).build());
    }

    /** A session in a transaction that a failed statement aborted, opened before the configuration changes. */
    private static RawClient abortedTransaction() throws Exception {
        RawClient c = RawClient.to(PG.sidecar()).timeout(Duration.ofSeconds(5));
        c.startup("postgres", PG.db(), TestPostgres.unique("sequence"));
        assertEquals("from-col", RawClient.firstValue(c.simpleQuery("SELECT display_name FROM people WHERE id = 1")));
        c.simpleQuery("BEGIN");
        List<Message> failed = c.simpleQuery("SELECT 1/0");
        assertEquals("22012", RawClient.first(failed, 'E').sqlState());
        return c;
    }

    private static char transactionStatus(List<Message> messages) {
        Message z = RawClient.first(messages, 'Z');
        assertNotNull(z, () -> "no ReadyForQuery in " + RawClient.describe(messages));
        return (char) z.body()[0];
    }

    @Test
    void rollbackOfAnAbortedTransactionIsAnsweredAfterAConfigurationChange() throws Exception {
        try (RawClient c = abortedTransaction()) {
            phase(Phase.READ_NEW);
            c.send(RawClient.query("ROLLBACK"));
            List<Message> answer = c.readUntilReady();
            assertNull(RawClient.first(answer, 'E'), () -> RawClient.describe(answer));
            assertEquals('I', transactionStatus(answer), () -> RawClient.describe(answer));
            assertEquals("to-col", RawClient.firstValue(c.simpleQuery("SELECT display_name FROM people WHERE id = 1")));
        }
    }

    @Test
    void extendedMessagesInAnAbortedTransactionKeepTheirOrderAfterAConfigurationChange() throws Exception {
        try (RawClient c = abortedTransaction()) {
            phase(Phase.READ_NEW);
            c.send(RawClient.parse("s1", "SELECT display_name FROM people WHERE id = $1"), RawClient.bind("s1", "1"),
                    RawClient.execute(), RawClient.sync());
            List<Message> answer = c.readUntilReady();
            Message error = RawClient.first(answer, 'E');
            assertNotNull(error, () -> RawClient.describe(answer));
            assertEquals("25P02", error.sqlState(),
                    () -> "the Parse comes first and fails for the aborted transaction: " + RawClient.describe(answer));
            assertEquals(1, answer.stream().filter(m -> m.type() == 'E').count(), () -> RawClient.describe(answer));
            assertEquals('E', transactionStatus(answer));
            c.send(RawClient.query("ROLLBACK"));
            List<Message> rolledBack = c.readUntilReady();
            assertEquals("ROLLBACK", commandTag(rolledBack), () -> RawClient.describe(rolledBack));
            assertEquals('I', transactionStatus(rolledBack));
        }
    }

    @Test
    void aStatementWhoseRepreparationFailedInAnAbortedTransactionWorksAfterTheRollback() throws Exception {
        try (RawClient c = RawClient.to(PG.sidecar()).timeout(Duration.ofSeconds(5))) {
            c.startup("postgres", PG.db(), TestPostgres.unique("sequence"));
            c.send(RawClient.parse("s1", "SELECT display_name FROM people WHERE id = $1"), RawClient.sync());
            assertNotNull(RawClient.first(c.readUntilReady(), '1'));
            c.send(RawClient.bind("s1", "1"), RawClient.execute(), RawClient.sync());
            assertEquals("from-col", RawClient.firstValue(c.readUntilReady()));
            c.simpleQuery("BEGIN");
            c.simpleQuery("SELECT 1/0");
            phase(Phase.READ_NEW);
            // Bind first (the sidecar prepares s1 again for the new phase; the server refuses in the aborted
            // transaction), then ROLLBACK in the same write, so that nothing else happens in between.
            c.send(RawClient.bind("s1", "1"), RawClient.execute(), RawClient.sync(), RawClient.query("ROLLBACK"));
            List<Message> bound = c.readUntilReady();
            assertEquals("25P02", RawClient.first(bound, 'E').sqlState(), () -> RawClient.describe(bound));
            List<Message> rolledBack = c.readUntilReady();
            assertEquals('I', transactionStatus(rolledBack), () -> RawClient.describe(rolledBack));
            c.send(RawClient.bind("s1", "1"), RawClient.execute(), RawClient.sync());
            List<Message> after = c.readUntilReady();
            assertNull(RawClient.first(after, 'E'), () -> "s1 must still exist and run with the read-new rewrite: "
                    + RawClient.describe(after));
            assertEquals("to-col", RawClient.firstValue(after));
        }
    }

    @Test
    void pipelinedQueriesOnAFreshSidecarAreAnsweredInOrder() throws Exception {
        ManualConfigSource fresh = Sidecars.rename("people", "full_name", "display_name", Phase.READ_NEW);
        SidecarServer s = Sidecars.start(fresh);
        try (RawClient c = RawClient.to(s).timeout(Duration.ofSeconds(5))) {
            c.startup("postgres", PG.db(), TestPostgres.unique("sequence"));
            c.send(RawClient.query("SELECT 'one'"), RawClient.parse("", "SELECT display_name FROM people WHERE id = $1"),
                    RawClient.bind("", "1"), RawClient.execute(), RawClient.sync(), RawClient.query("SELECT 'three'"));
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                values.add(RawClient.firstValue(c.readUntilReady()));
            }
            assertEquals(List.of("one", "to-col", "three"), values);
        } finally {
            s.close();
        }
    }

    @Test
    void aRepreparationBehindAPipelinedQueryIsInvisibleToTheClient() throws Exception {
        try (RawClient c = RawClient.to(PG.sidecar()).timeout(Duration.ofSeconds(5))) {
            c.startup("postgres", PG.db(), TestPostgres.unique("sequence"));
            c.send(RawClient.parse("s1", "SELECT display_name FROM people WHERE id = $1"), RawClient.sync());
            assertNotNull(RawClient.first(c.readUntilReady(), '1'));
            phase(Phase.READ_NEW);
            // pgjdbc's pattern: a simple Query and, without waiting for its ReadyForQuery, a Bind of a statement
            // that the sidecar must prepare again. The Query's ReadyForQuery arrives before the answers to the
            // sidecar's own Close and Parse, which must still be recognised as the sidecar's.
            c.send(RawClient.query("SELECT 'one'"), RawClient.bind("s1", "1"), RawClient.execute(), RawClient.sync());
            List<Message> first = c.readUntilReady();
            assertEquals("one", RawClient.firstValue(first));
            List<Message> second = c.readUntilReady();
            assertNull(RawClient.first(second, 'E'), () -> RawClient.describe(second));
            assertNull(RawClient.first(second, '3'), () -> "the PG.sidecar()'s Close leaked: " + RawClient.describe(second));
            assertNull(RawClient.first(second, '1'), () -> "the PG.sidecar()'s Parse leaked: " + RawClient.describe(second));
            assertEquals("to-col", RawClient.firstValue(second));
        }
    }

    @Test
    void theServersFatalErrorIsTheLastMessageTheClientGets() throws Exception {
        try (RawClient c = RawClient.to(PG.sidecar()).timeout(Duration.ofSeconds(5))) {
            c.startup("postgres", PG.db(), TestPostgres.unique("sequence"));
            String pid = RawClient.firstValue(c.simpleQuery("SELECT pg_backend_pid()"));
            try (Connection admin = TestPostgres.admin(); Statement s = admin.createStatement()) {
                s.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            List<Message> last = c.readToEnd(Duration.ofSeconds(5));
            assertTrue(!last.isEmpty(), "the client must learn why the session ended");
            Message fatal = last.get(0);
            assertEquals("57P01", fatal.sqlState(), () -> RawClient.describe(last));
            assertEquals("FATAL", fatal.fields().get('V'), () -> RawClient.describe(last));
            assertEquals(1, last.size(), () -> "nothing may follow the server's FATAL error (the server sends nothing"
                    + " after it either): " + RawClient.describe(last));
        }
    }

    private static String commandTag(List<Message> messages) {
        Message c = RawClient.first(messages, 'C');
        return c == null ? null : new String(c.body(), 0, c.body().length - 1,
                StandardCharsets.UTF_8);
    }
}
