package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sidecar's own catalog question on a client's connection (see {@link SidecarCatalog}): asked at an idle moment,
 * while the client's messages are held; its answer stops at the sidecar, except the asynchronous messages (notices,
 * notifications, parameter changes), which belong to the client. Once the answer is in, the held messages go on.
 *
 * <p>Inside the client's transaction (for a table not read yet, see {@link Session#mayReadMissingTables}) the question
 * runs inside a savepoint: should it fail, the sidecar rolls back to the savepoint, so that the application's
 * transaction goes on as if nothing had been asked.
 */
final class CatalogRefresh {
    private static final String SAVEPOINT = "dualwrite_catalog";

    private final Session session;
    private final Wire wire;
    private final FlowControl flow;
    private final List<String[]> rows = new ArrayList<>();
    private final Set<String> asked = new HashSet<>();
    private boolean inFlight;
    private boolean failed;
    /** The question was asked inside the client's transaction, in a savepoint. */
    private boolean inTransaction;
    /** The savepoint of a failed question is being rolled back; its answer stops here too. */
    private boolean recovering;
    /**
     * A statement that needs a table not read yet came while the server still owed answers to messages before it
     * (a client that pipelines, such as pgjdbc's BEGIN and first statement in simple mode): it is held, and the
     * question is asked once the server has answered everything before it.
     */
    private boolean waiting;
    /**
     * The question being answered was asked before the held statement was planned (a refresh of a stale answer): the
     * statement, once replayed, may name a table that question did not cover, and may ask once for it.
     */
    private boolean beforePlanning;

    CatalogRefresh(Session session, Wire wire, FlowControl flow) {
        this.session = session;
        this.wire = wire;
        this.flow = flow;
    }

    boolean inFlight() {
        return inFlight;
    }

    /** Whether the client's messages wait for the question (asked, or to be asked once the server caught up). */
    boolean holdsClient() {
        return inFlight || waiting;
    }

    /** The question just asked was asked before the statement held for it was planned. */
    void askedBeforePlanning() {
        beforePlanning = true;
    }

    /**
     * Whether the statement being replayed was held for a question asked before it was planned; true once, so that
     * a statement asks at most once more (a table that cannot be read would otherwise make it ask forever).
     */
    boolean takeAskedBeforePlanning() {
        boolean b = beforePlanning;
        beforePlanning = false;
        return b;
    }

    /** The held statement waits for the answers the server owes before it; then the question is asked. */
    void askOnceAnswered() {
        waiting = true;
        flow.clientWaitsChanged();
    }

    /**
     * A ReadyForQuery went to the client: once it was the last answer owed, the waiting question is asked (if the
     * transaction now allows it) or the held messages go on without it.
     */
    void answered() {
        if (!waiting || !session.owed.isEmpty()) {
            return;
        }
        if (!session.mayReadMissingTables()) {
            waiting = false;
            wire.replayHeld();
        } else if (!ask()) {
            wire.replayHeld();
        }
    }

    /**
     * Asks the catalog question; false when there is none to ask (no window names a table). Either way a statement
     * waiting for it ({@link #askOnceAnswered}) waits no longer: the answer, or the caller, sends the held messages on.
     */
    boolean ask() {
        waiting = false;
        String query = session.database.catalogQuery(asked);
        if (query == null) {
            return false;
        }
        inFlight = true;
        session.metrics.catalogReads.increment();
        rows.clear();
        failed = false;
        inTransaction = session.transactionStatus == 'T';
        if (inTransaction) {
            query = "SAVEPOINT " + SAVEPOINT + "; " + query + "; RELEASE SAVEPOINT " + SAVEPOINT;
        }
        flow.clientWaitsChanged();
        wire.toServer(Pg.query(session.alloc, query, StandardCharsets.UTF_8));
        wire.flushServer();
        return true;
    }

    /** A server message while the question is in flight: true for one that belongs to the client. */
    boolean answer(byte type, ByteBuf run, int index) {
        switch (type) {
            case 'D': {
                ByteBuf b = Pg.body(run, index);
                int n = b.readUnsignedShort();
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    int len = b.readInt();
                    row[i] = len < 0 ? null : b.readCharSequence(len, StandardCharsets.UTF_8).toString();
                }
                rows.add(row);
                return false;
            }
            case 'E':
                failed = true;
                return false;
            case 'Z':
                if (recovering) {
                    recovering = false;
                    finish(run.getByte(index + 5));
                    return false;
                }
                if (failed && inTransaction) {
                    // The failed question aborted the client's transaction: roll back to before it.
                    session.catalog.failed();
                    rows.clear();
                    recovering = true;
                    wire.toServer(Pg.query(session.alloc, "ROLLBACK TO SAVEPOINT " + SAVEPOINT
                            + "; RELEASE SAVEPOINT " + SAVEPOINT, StandardCharsets.UTF_8));
                    wire.flushServer();
                    return false;
                }
                if (failed) {
                    session.catalog.failed();
                } else {
                    session.catalog.loaded(new ArrayList<>(rows), asked, session.database.engine().configuration());
                    session.searchPathChanged = false;
                }
                rows.clear();
                finish(run.getByte(index + 5));
                return false;
            case 'A':
            case 'N':
            case 'S':
                // Asynchronous messages belong to the client even while the sidecar asks its own question.
                return true;
            default:
                return false;
        }
    }

    private void finish(byte transactionStatus) {
        inFlight = false;
        session.ready(transactionStatus);
        wire.replayHeld();
        beforePlanning = false; // the replayed statement has used it, or did not need it
    }
}
