package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One direction of a connection: relays each run of messages (see {@link PgFrameDecoder}) through an {@link Inspector}
 * and writes the messages that go on unchanged. Consecutive unchanged messages are written as one slice of the run, so
 * relaying a read of many messages costs one write. Whatever else the sidecar writes in this direction goes through
 * {@link #write}, which first writes what is pending, so that the order on the wire stays the order of arrival.
 */
final class PassThrough {
    /**
     * Looks at one message of a run, in place: the message is the bytes of the run from {@code index} (its type
     * byte) for {@link PgFrameDecoder#messageLength} bytes, read with absolute getters, so that looking costs no slice
     * per message. An inspector that keeps a message takes a retained slice of it.
     */
    interface Inspector {
        /**
         * Returns true when the message goes on as it came; false when the inspector wrote what replaces it (through
         * {@link #write}), held it or dropped it.
         */
        boolean unchanged(ByteBuf run, int index);
    }

    private final Inspector inspector;
    private final BooleanSupplier relaying;
    private final Consumer<ByteBuf> out;
    private ByteBuf run;
    /** Pending: the unchanged messages in [from, to) of the run; {@code to} is also where the next message starts. */
    private int from;
    private int to;

    /**
     * @param inspector looks at each message
     * @param relaying  checked before each message: false stops the run (the connection closed or left its state)
     * @param out       writes toward the peer (without flushing)
     */
    PassThrough(Inspector inspector, BooleanSupplier relaying, Consumer<ByteBuf> out) {
        this.inspector = inspector;
        this.relaying = relaying;
        this.out = out;
    }

    /** Relays one run; the caller keeps its reference, slices written are retained. */
    void relay(ByteBuf run) {
        this.run = run;
        from = run.readerIndex();
        to = from;
        try {
            int end = run.writerIndex();
            while (to < end && relaying.getAsBoolean()) {
                int length = PgFrameDecoder.messageLength(run, to);
                if (inspector.unchanged(run, to)) {
                    to += length;
                } else {
                    flush();
                    to += length;
                    from = to;
                }
            }
            flush();
        } finally {
            this.run = null;
        }
    }

    /** Writes a message of the sidecar's own, after the messages of the run still pending. */
    void write(ByteBuf message) {
        flush();
        out.accept(message);
    }

    /** Writes the messages of the run still pending, if any, as one retained slice. */
    void flush() {
        if (run != null && to > from) {
            out.accept(run.retainedSlice(from, to - from));
            from = to;
        }
    }
}
