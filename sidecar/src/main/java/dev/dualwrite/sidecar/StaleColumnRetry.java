package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement that may be sent again once: its plan depended on the catalog's column lists, and it went to the
 * server between transactions, as the first message since the last ReadyForQuery. When the server's first answer is
 * "column does not exist" (42703), the column lists were stale (a migration elsewhere dropped a column), and the
 * statement, having failed outside a transaction, had no effect: the sidecar keeps the error and the ReadyForQuery
 * from the client, reads the catalog again and sends the client's messages again, planned anew. Any other first
 * answer ends the chance. A simple Query is one message; an extended-protocol Parse is recorded with what follows it
 * up to its Sync.
 */
final class StaleColumnRetry {
    /** More messages than this between a Parse and its Sync, and the statement is not kept for a retry. */
    private static final int MAX_MESSAGES = 16;

    private final List<ByteBuf> messages = new ArrayList<>(4);
    private boolean complete;
    private boolean abandoned;
    private boolean failed;

    /** Starts with a Query (complete at once) or a Parse (complete at its Sync); keeps a reference to it. */
    StaleColumnRetry(ByteBuf first) {
        messages.add(first.retain());
        complete = first.getByte(first.readerIndex()) == 'Q';
    }

    /** Another client message on its way to the server while the statement is unanswered. */
    void followedBy(ByteBuf message) {
        if (complete || abandoned) {
            // Sent after the statement's sync point: a retry would reorder it.
            abandoned = true;
            return;
        }
        if (messages.size() >= MAX_MESSAGES) {
            abandoned = true;
            return;
        }
        messages.add(message.retain());
        complete = message.getByte(message.readerIndex()) == 'S';
    }

    /**
     * The server's first answer was an error: whether it is the one a retry cures (42703, unknown column) and the
     * client's messages can be sent again as they were; then the error stops at the sidecar.
     */
    boolean failedWith(String sqlState) {
        failed = complete && !abandoned && "42703".equals(sqlState);
        return failed;
    }

    /** Whether the error was kept from the client: the ReadyForQuery that follows is kept too, then the retry runs. */
    boolean failed() {
        return failed;
    }

    /** The client's messages, in order; the caller takes over their references. */
    List<ByteBuf> takeMessages() {
        List<ByteBuf> out = new ArrayList<>(messages);
        messages.clear();
        return out;
    }

    /** Drops the references kept. */
    void release() {
        for (ByteBuf m : messages) {
            m.release();
        }
        messages.clear();
    }
}
