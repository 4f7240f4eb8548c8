package dev.dualwrite.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.sidecar.OwedAnswers.Entry;
import dev.dualwrite.sidecar.OwedAnswers.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue of answers the server owes, without a server: the order PostgreSQL answers in, and errors' skips. */
class OwedAnswersTest {

    @Test
    void answersGoToTheOldestEntryOfTheirKindBeforeTheOldestSyncPoint() {
        OwedAnswers<String> q = new OwedAnswers<>();
        q.add(Kind.CLIENT_PARSE);
        q.add(Kind.SIDECAR_CLOSE, "s1");
        q.add(Kind.SIDECAR_PARSE, "s1");
        q.add(Kind.SYNC);
        q.add(Kind.CLIENT_PARSE);
        // ParseComplete, CloseComplete, ParseComplete, in the order the messages were sent.
        assertEquals(Kind.CLIENT_PARSE, q.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE).kind());
        assertEquals(Kind.SIDECAR_CLOSE, q.answer(Kind.CLIENT_CLOSE, Kind.SIDECAR_CLOSE).kind());
        Entry<String> reparse = q.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE);
        assertEquals(Kind.SIDECAR_PARSE, reparse.kind());
        assertEquals("s1", reparse.subject());
        assertTrue(reparse.isSidecars());
        // The Parse after the Sync is not answered before its ReadyForQuery.
        assertNull(q.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE));
        assertEquals(List.of(), q.ready());
        assertEquals(Kind.CLIENT_PARSE, q.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE).kind());
        assertTrue(q.isEmpty());
    }

    @Test
    void aReadyForQueryReturnsWhatAnErrorMadeTheServerSkip() {
        OwedAnswers<String> q = new OwedAnswers<>();
        q.add(Kind.SIDECAR_CLOSE, "s1");
        q.add(Kind.SIDECAR_PARSE, "s1");
        q.add(Kind.CLIENT_DESCRIBE, "s1");
        q.add(Kind.SYNC);
        q.add(Kind.CLIENT_CLOSE);
        q.add(Kind.SYNC);
        assertEquals(Kind.SIDECAR_CLOSE, q.answer(Kind.CLIENT_CLOSE, Kind.SIDECAR_CLOSE).kind());
        // The Parse failed: ErrorResponse, then the server skips to the Sync.
        List<Entry<String>> skipped = q.ready();
        assertEquals(List.of(Kind.SIDECAR_PARSE, Kind.CLIENT_DESCRIBE), skipped.stream().map(Entry::kind).toList());
        assertEquals(2, q.size(), "the next segment is untouched");
        assertEquals(Kind.CLIENT_CLOSE, q.answer(Kind.CLIENT_CLOSE, Kind.SIDECAR_CLOSE).kind());
        assertEquals(List.of(), q.ready());
        assertTrue(q.isEmpty());
    }

    @Test
    void anAnswerNothingIsOwedForIsTheClients() {
        OwedAnswers<String> q = new OwedAnswers<>();
        assertNull(q.answer(Kind.CLIENT_CLOSE, Kind.SIDECAR_CLOSE));
        assertEquals(List.of(), q.ready(), "a ReadyForQuery with nothing owed (start-up's) changes nothing");
        q.add(Kind.CLIENT_DESCRIBE, "a");
        q.add(Kind.CLIENT_DESCRIBE_PORTAL, "b");
        assertEquals("b", q.answer(Kind.CLIENT_DESCRIBE_PORTAL, Kind.CLIENT_DESCRIBE_PORTAL).subject(),
                "a portal's RowDescription does not take the statement Describe's entry");
        assertEquals("a", q.answer(Kind.CLIENT_DESCRIBE, Kind.SIDECAR_DESCRIBE).subject());
    }

    @Test
    void aSyncPointBeforeAnEntryTellsWhetherAnErrorNowSkipsIt() {
        OwedAnswers<String> q = new OwedAnswers<>();
        assertFalse(q.syncOwed());
        q.add(Kind.CLIENT_PARSE);
        q.add(Kind.SYNC);
        Entry<String> describe = q.add(Kind.SIDECAR_DESCRIBE, "s1");
        assertTrue(q.syncOwed());
        assertTrue(q.syncBefore(describe), "an error now belongs to the earlier segment and ends at its Sync");
        q.ready();
        assertFalse(q.syncBefore(describe), "now an error skips the sidecar's Describe");
        assertFalse(q.syncOwed());
        assertSame(describe, q.answer(Kind.CLIENT_DESCRIBE, Kind.SIDECAR_DESCRIBE));
    }

    /** A pipelining client keeps many answers owed: the queue grows past its first capacity and keeps the order. */
    @Test
    void aLongPipelineIsAnsweredInOrder() {
        OwedAnswers<String> q = new OwedAnswers<>();
        for (int i = 0; i < 1_000; i++) {
            q.add(Kind.CLIENT_DESCRIBE, "d" + i);
            q.add(Kind.SIDECAR_PARSE, "p" + i);
            q.add(Kind.SYNC);
        }
        assertEquals(3_000, q.size());
        for (int i = 0; i < 1_000; i++) {
            assertEquals("d" + i, q.answer(Kind.CLIENT_DESCRIBE, Kind.SIDECAR_DESCRIBE).subject());
            assertEquals("p" + i, q.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE).subject());
            assertNull(q.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE), "nothing more is owed before the Sync");
            assertEquals(List.of(), q.ready());
        }
        assertTrue(q.isEmpty());
    }
}
