package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;

/**
 * The messages of one run (see {@link PgFrameDecoder}) that go on unchanged and are not written yet. Consecutive ones
 * are written as one slice of the run, so relaying a read of many messages costs one write. Whatever else is written in
 * the same direction must first {@link #take} what is pending, so that the order on the wire stays the order of
 * arrival.
 */
final class PassThrough {
    private ByteBuf run;
    private int from;
    private int to;

    /** Starts a run; nothing of it is pending yet. */
    void start(ByteBuf run) {
        this.run = run;
        from = run.readerIndex();
        to = from;
    }

    /** The message of the run that ends at {@code end} goes on unchanged. */
    void pass(int end) {
        to = end;
    }

    /**
     * The message of the run that ends at {@code end} does not go on as it came (it was replaced, held or dropped).
     * Pending messages must have been taken before.
     */
    void skip(int end) {
        assert from == to : "pending messages must be written before a message that does not go on as it came";
        from = end;
        to = end;
    }

    /** Removes the pending messages and returns them as one retained slice, or null when none are pending. */
    ByteBuf take() {
        if (run == null || to == from) {
            return null;
        }
        ByteBuf pending = run.retainedSlice(from, to - from);
        from = to;
        return pending;
    }

    /** Ends the run: nothing of it may be taken afterwards. */
    void end() {
        run = null;
    }
}
