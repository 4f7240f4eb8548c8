package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sidecar's own catalog question on a client's connection (see {@link SidecarCatalog}): asked between the
 * client's transactions, while the client's messages are held; its answer stops at the sidecar, except the
 * asynchronous messages (notices, notifications, parameter changes), which belong to the client. Once the answer is
 * in, the held messages go on.
 */
final class CatalogRefresh {
    private final Session session;
    private final Wire wire;
    private final FlowControl flow;
    private final List<String[]> rows = new ArrayList<>();
    private final Set<String> asked = new HashSet<>();
    private boolean inFlight;
    private boolean failed;

    CatalogRefresh(Session session, Wire wire, FlowControl flow) {
        this.session = session;
        this.wire = wire;
        this.flow = flow;
    }

    boolean inFlight() {
        return inFlight;
    }

    /** Asks the catalog question; false when there is none to ask (no window names a table). */
    boolean ask() {
        String query = session.database.catalogQuery(asked);
        if (query == null) {
            return false;
        }
        inFlight = true;
        session.metrics.catalogReads.increment();
        rows.clear();
        failed = false;
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
                if (failed) {
                    session.catalog.failed();
                } else {
                    session.catalog.loaded(new ArrayList<>(rows), asked, session.database.engine().configuration());
                    session.searchPathChanged = false;
                }
                rows.clear();
                inFlight = false;
                session.idle = true;
                session.transactionStatus = run.getByte(index + 5);
                wire.replayHeld();
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
}
