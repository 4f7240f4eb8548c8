package dev.dualwrite.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Arrays;

/**
 * A stream or reader parameter as dualwrite hands it to the driver, so that it can be bound again with the same
 * content: to a second column when the value is mirrored, or to the statement prepared again after a configuration
 * change. The driver reads through a cursor; what a cursor pulls from the application's stream is kept up to a limit,
 * and a new cursor first reads what was kept, then goes on with the application's stream.
 *
 * <p>The limit decides what a later binding can get back: {@link #NOTHING} keeps nothing (a parameter bound once, to
 * one column, of a statement that names no window), {@link #KEEP} keeps a bounded amount (a statement a phase change may
 * prepare again), {@link #keepAll()} keeps everything (the value goes to several columns). A cursor after bytes that
 * were not kept is refused through {@link #replayable()}: the caller reports it, nothing is bound with missing content.
 */
sealed interface Recorded {
    /** Keeps nothing: a later cursor works only while nothing has been read. */
    int NOTHING = 0;
    /** What a statement that a phase change may prepare again keeps of each stream: 8 MiB. */
    int KEEP = 8 << 20;

    /** Whether a new cursor would read the content from its start: nothing read so far was dropped. */
    boolean replayable();

    /** Keeps everything read from now on; call it before the value is bound more than once. */
    void keepAll();

    /** An {@code InputStream} parameter. */
    final class Bytes extends InputStream implements Recorded {
        private final InputStream source;
        private int limit;
        private byte[] kept = new byte[0];
        private int size;
        private long pulled;
        private long position;
        private final Bytes origin;
        private boolean handedOut;
        /** The buffer of {@link #read()}, for a driver that reads a byte at a time. */
        private byte[] one;

        Bytes(InputStream source, int limit) {
            this.source = source;
            this.limit = limit;
            this.origin = this;
        }

        private Bytes(Bytes origin) {
            this.source = null;
            this.origin = origin;
        }

        /** A stream that reads the content from its start; the first call returns this object itself. */
        InputStream cursor() {
            if (!origin.handedOut) {
                origin.handedOut = true;
                return origin;
            }
            return new Bytes(origin);
        }

        @Override
        public boolean replayable() {
            return origin.pulled == origin.size;
        }

        @Override
        public void keepAll() {
            origin.limit = Integer.MAX_VALUE - 8;
        }

        @Override
        public int read() throws IOException {
            if (one == null) {
                one = new byte[1];
            }
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Bytes o = origin;
            if (len == 0) {
                return 0;
            }
            if (position < o.size) {
                int n = (int) Math.min(len, o.size - position);
                System.arraycopy(o.kept, (int) position, b, off, n);
                position += n;
                return n;
            }
            if (position != o.pulled) {
                throw new IOException("dualwrite no longer holds the first " + o.pulled + " bytes of this stream"
                        + " parameter; bind the parameter again");
            }
            int n = o.source.read(b, off, len);
            if (n > 0) {
                o.keep(b, off, n);
                position += n;
            }
            return n;
        }

        private void keep(byte[] b, int off, int n) {
            if (size == pulled && (long) size + n <= limit) {
                if (size + n > kept.length) {
                    kept = Arrays.copyOf(kept, (int) Math.min(limit, Math.max(size + n, 2L * kept.length + 64)));
                }
                System.arraycopy(b, off, kept, size, n);
                size += n;
            }
            pulled += n;
        }

        @Override
        public int available() throws IOException {
            Bytes o = origin;
            return position < o.size ? (int) (o.size - position) : position == o.pulled ? o.source.available() : 0;
        }

        /** Leaves the application's stream open: another binding may still read it. */
        @Override
        public void close() {
        }
    }

    /** A {@code Reader} parameter. */
    final class Chars extends Reader implements Recorded {
        private final Reader source;
        private int limit;
        private char[] kept = new char[0];
        private int size;
        private long pulled;
        private long position;
        private final Chars origin;
        private boolean handedOut;
        /** The buffer of {@link #read()}, for a driver that reads a character at a time. */
        private char[] one;

        Chars(Reader source, int limit) {
            this.source = source;
            // The limit counts bytes of memory, two per char.
            this.limit = limit / 2;
            this.origin = this;
        }

        private Chars(Chars origin) {
            this.source = null;
            this.origin = origin;
        }

        /** A reader that reads the content from its start; the first call returns this object itself. */
        Reader cursor() {
            if (!origin.handedOut) {
                origin.handedOut = true;
                return origin;
            }
            return new Chars(origin);
        }

        @Override
        public boolean replayable() {
            return origin.pulled == origin.size;
        }

        @Override
        public void keepAll() {
            origin.limit = Integer.MAX_VALUE - 8;
        }

        @Override
        public int read() throws IOException {
            if (one == null) {
                one = new char[1];
            }
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] b, int off, int len) throws IOException {
            Chars o = origin;
            if (len == 0) {
                return 0;
            }
            if (position < o.size) {
                int n = (int) Math.min(len, o.size - position);
                System.arraycopy(o.kept, (int) position, b, off, n);
                position += n;
                return n;
            }
            if (position != o.pulled) {
                throw new IOException("dualwrite no longer holds the first " + o.pulled + " characters of this"
                        + " reader parameter; bind the parameter again");
            }
            int n = o.source.read(b, off, len);
            if (n > 0) {
                o.keep(b, off, n);
                position += n;
            }
            return n;
        }

        private void keep(char[] b, int off, int n) {
            if (size == pulled && (long) size + n <= limit) {
                if (size + n > kept.length) {
                    kept = Arrays.copyOf(kept, (int) Math.min(limit, Math.max(size + n, 2L * kept.length + 64)));
                }
                System.arraycopy(b, off, kept, size, n);
                size += n;
            }
            pulled += n;
        }

        @Override
        public boolean ready() throws IOException {
            Chars o = origin;
            return position < o.size || (position == o.pulled && o.source.ready());
        }

        /** Leaves the application's reader open: another binding may still read it. */
        @Override
        public void close() {
        }
    }
}
