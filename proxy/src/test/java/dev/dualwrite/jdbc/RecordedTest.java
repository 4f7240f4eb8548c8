package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The cursors a stream or reader parameter is read through, and what they keep for a second binding. */
class RecordedTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    /** A stream that hands out at most {@code chunk} bytes per read and says whether it was closed. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int chunk;
        boolean closed;

        Trickle(byte[] content, int chunk) {
            super(content);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Test
    void theFirstCursorIsTheRecordingItselfAndLaterOnesReadTheSameContent() throws IOException {
        byte[] content = bytes(10_000);
        Trickle source = new Trickle(content, 333);
        Recorded.Bytes r = new Recorded.Bytes(source, Recorded.KEEP);
        InputStream first = r.cursor();
        assertSame(r, first, "the first binding reads through the recording without another object");
        assertArrayEquals(content, first.readAllBytes());
        first.close();
        assertFalse(source.closed, "the application's stream stays open for the next binding");
        assertTrue(r.replayable());
        assertArrayEquals(content, r.cursor().readAllBytes());
        assertArrayEquals(content, r.cursor().readAllBytes(), "as often as needed");
    }

    @Test
    void cursorsReadInTurnsEachGetTheWholeContent() throws IOException {
        byte[] content = bytes(5_000);
        Recorded.Bytes r = new Recorded.Bytes(new Trickle(content, 100), Recorded.NOTHING);
        r.keepAll();
        InputStream a = r.cursor();
        InputStream b = r.cursor();
        // b goes first, a overtakes it and pulls the rest from the source, b reads that rest from what a kept.
        byte[] outB = new byte[content.length];
        int doneB = b.readNBytes(outB, 0, 1_000);
        byte[] outA = a.readAllBytes();
        b.readNBytes(outB, doneB, content.length - doneB);
        assertArrayEquals(content, outA);
        assertArrayEquals(content, outB);
        assertEquals(-1, a.read());
        assertEquals(-1, b.read());
    }

    @Test
    void keepingNothingAllowsASecondCursorOnlyWhileNothingWasRead() throws IOException {
        byte[] content = bytes(100);
        Recorded.Bytes untouched = new Recorded.Bytes(new ByteArrayInputStream(content), Recorded.NOTHING);
        untouched.cursor();
        assertTrue(untouched.replayable(), "nothing read yet: a new cursor starts at the start");
        assertArrayEquals(content, untouched.cursor().readAllBytes());

        Recorded.Bytes read = new Recorded.Bytes(new ByteArrayInputStream(content), Recorded.NOTHING);
        assertEquals(content[0], (byte) read.cursor().read());
        assertFalse(read.replayable(), "a byte was read and not kept");
        InputStream late = read.cursor();
        IOException e = assertThrows(IOException.class, late::read);
        assertTrue(e.getMessage().contains("bind the parameter again"), e.getMessage());
    }

    @Test
    void whatIsKeptIsBounded() throws IOException {
        int limit = 1 << 20;
        byte[] content = bytes(limit + 1);
        Recorded.Bytes r = new Recorded.Bytes(new ByteArrayInputStream(content), limit);
        InputStream first = r.cursor();
        assertArrayEquals(Arrays.copyOf(content, limit), first.readNBytes(limit));
        assertTrue(r.replayable(), "exactly the limit is kept");
        assertEquals(content[limit], (byte) first.read());
        assertFalse(r.replayable(), "one byte over the limit: the content is no longer whole");
    }

    @Test
    void availableCountsWhatIsKeptThenTheSource() throws IOException {
        byte[] content = bytes(50);
        Recorded.Bytes r = new Recorded.Bytes(new ByteArrayInputStream(content), Recorded.KEEP);
        InputStream first = r.cursor();
        assertEquals(50, first.available());
        first.readNBytes(20);
        InputStream second = r.cursor();
        assertEquals(20, second.available(), "what the first cursor pulled and kept");
        assertEquals(30, first.available(), "the source's rest");
        assertEquals(0, first.read(new byte[4], 0, 0));
    }

    @Test
    void readersWorkTheSameWay() throws IOException {
        String text = "Grüße, ".repeat(2_000);
        Recorded.Chars r = new Recorded.Chars(new StringReader(text), Recorded.KEEP);
        Reader first = r.cursor();
        assertSame(r, first);
        char[] half = new char[text.length() / 2];
        assertEquals(half.length, first.read(half, 0, half.length));
        Reader second = r.cursor();
        assertTrue(second.ready());
        StringBuilder all = new StringBuilder();
        char[] buf = new char[777];
        for (int n; (n = second.read(buf, 0, buf.length)) > 0; ) {
            all.append(buf, 0, n);
        }
        assertEquals(text, all.toString(), "the second reader read the kept half, then the source's rest");
        StringBuilder rest = new StringBuilder();
        for (int n; (n = first.read(buf, 0, buf.length)) > 0; ) {
            rest.append(buf, 0, n);
        }
        assertEquals(text.substring(half.length), rest.toString(), "the first reader goes on from its position");

        Recorded.Chars dropped = new Recorded.Chars(new StringReader(text), Recorded.NOTHING);
        dropped.cursor().read();
        assertFalse(dropped.replayable());
    }
}
