package dev.dualwrite.sidecar;

import java.util.Arrays;
import java.util.List;

/**
 * What the server still owes an answer to on one connection, oldest first. The server answers in order and, after an
 * error, skips every message up to the next Sync; so a ParseComplete answers the oldest Parse before the oldest sync
 * point, a CloseComplete the oldest Close, a ParameterDescription the oldest statement Describe, and a ReadyForQuery
 * ends everything up to the oldest sync point (a Sync, or a simple Query, which ends with its own ReadyForQuery).
 * Pipelined clients (pgjdbc sends a Query and then Bind/Execute/Sync without waiting) make this ordering necessary;
 * the sidecar's own messages (a re-preparation) are entries of their own, so their answers are told apart from the
 * client's and never reach it.
 *
 * @param <T> what an entry is about (the prepared statement, for the sidecar's entries), or nothing
 */
final class OwedAnswers<T> {
    /** What the server owes an answer to. */
    enum Kind {
        /** The client's Parse: its ParseComplete goes to the client. */
        CLIENT_PARSE,
        /** The sidecar's Parse of a re-preparation: its ParseComplete stops at the sidecar. */
        SIDECAR_PARSE,
        /** The client's Close. */
        CLIENT_CLOSE,
        /** The sidecar's Close of a statement it prepares again. */
        SIDECAR_CLOSE,
        /** The client's Describe of a statement: ParameterDescription, then RowDescription or NoData. */
        CLIENT_DESCRIBE,
        /** The client's Describe of a portal: RowDescription or NoData. */
        CLIENT_DESCRIBE_PORTAL,
        /** The sidecar's Describe of a statement it prepared again, to compare the result shape. */
        SIDECAR_DESCRIBE,
        /** A Sync or a simple Query: answered by a ReadyForQuery. */
        SYNC
    }

    /** One answer owed. */
    record Entry<T>(Kind kind, T subject) {
        boolean isSidecars() {
            return kind == Kind.SIDECAR_PARSE || kind == Kind.SIDECAR_CLOSE || kind == Kind.SIDECAR_DESCRIBE;
        }
    }

    /**
     * The entries, oldest first, in {@code [0, size)}. A plain array rather than a deque: answers are taken from
     * anywhere before the oldest sync point, and the queue is short (a few entries while a client pipelines), so a
     * scan and a shift cost less than an iterator per answer.
     */
    @SuppressWarnings("unchecked")
    private Entry<T>[] owed = new Entry[8];
    private int size;
    private final Entry<T> sync = new Entry<>(Kind.SYNC, null);
    private final Entry<T> clientParse = new Entry<>(Kind.CLIENT_PARSE, null);
    private final Entry<T> clientClose = new Entry<>(Kind.CLIENT_CLOSE, null);
    /** How many sync points were added, and how many a ReadyForQuery ended: the segments of the conversation. */
    private long syncsAdded;
    private long syncsEnded;

    /** Adds an entry; the sidecar's entries and client Describes carry their subject. */
    Entry<T> add(Kind kind, T subject) {
        Entry<T> e = switch (kind) {
            case SYNC -> sync;
            case CLIENT_PARSE -> subject == null ? clientParse : new Entry<>(kind, subject);
            case CLIENT_CLOSE -> subject == null ? clientClose : new Entry<>(kind, subject);
            default -> new Entry<>(kind, subject);
        };
        if (size == owed.length) {
            owed = Arrays.copyOf(owed, size * 2);
        }
        owed[size++] = e;
        if (kind == Kind.SYNC) {
            syncsAdded++;
        }
        return e;
    }

    Entry<T> add(Kind kind) {
        return add(kind, null);
    }

    /**
     * Removes and returns the oldest entry of one of these kinds before the oldest sync point, or null when the server
     * answered something this queue does not know of (then the answer is the client's).
     */
    Entry<T> answer(Kind a, Kind b) {
        for (int i = 0; i < size; i++) {
            Entry<T> o = owed[i];
            if (o.kind == Kind.SYNC) {
                return null;
            }
            if (o.kind == a || o.kind == b) {
                removeFirst(i + 1, i);
                return o;
            }
        }
        return null;
    }

    /** Shifts the entries from {@code from} on down to {@code to}, dropping those in between. */
    private void removeFirst(int from, int to) {
        System.arraycopy(owed, from, owed, to, size - from);
        int newSize = size - (from - to);
        Arrays.fill(owed, newSize, size, null);
        size = newSize;
    }

    /**
     * A ReadyForQuery: removes everything up to and including the oldest sync point and returns the entries that were
     * not answered (the server skipped them after an error).
     */
    List<Entry<T>> ready() {
        int end = 0;
        while (end < size && owed[end].kind != Kind.SYNC) {
            end++;
        }
        List<Entry<T>> skipped = end == 0 ? List.of() : List.copyOf(Arrays.asList(owed).subList(0, end));
        if (end < size) {
            syncsEnded++;
        }
        removeFirst(Math.min(end + 1, size), 0);
        return skipped;
    }

    /**
     * The segment a client message sent now belongs to: how many sync points came before it. The segment has ended
     * once {@link #segmentsEnded()} is above it.
     */
    long currentSegment() {
        return syncsAdded;
    }

    /** How many segments a ReadyForQuery has ended. */
    long segmentsEnded() {
        return syncsEnded;
    }

    /** Whether a sync point is owed before {@code entry} (or anywhere, for null): an error now ends at that point. */
    boolean syncBefore(Entry<T> entry) {
        for (int i = 0; i < size; i++) {
            Entry<T> o = owed[i];
            if (o == entry) {
                return false;
            }
            if (o.kind == Kind.SYNC) {
                return true;
            }
        }
        return false;
    }

    /** Whether a sync point is owed at all. */
    boolean syncOwed() {
        return syncBefore(null);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Whether everything owed ends in a sync point: a ReadyForQuery will come for all of it. */
    boolean endsWithSync() {
        return size > 0 && owed[size - 1].kind == Kind.SYNC;
    }

    int size() {
        return size;
    }
}
