package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at each message the server sends: answers owed to the sidecar's own messages stop here (its catalog question,
 * the Close, Parse and Describe of a re-preparation), a ParameterDescription is written again in the application's
 * numbering, a ReadyForQuery ends what the server owed up to its sync point and tells the transaction state, and the
 * first ReadyForQuery ends start-up. Everything else goes on to the client as it came.
 */
final class ServerMessages implements PassThrough.Inspector {
    private static final Logger log = LoggerFactory.getLogger(ServerMessages.class);

    private final Session session;
    private final Wire wire;
    private final PreparedStatements statements;
    private final CatalogRefresh catalogRefresh;
    private final Runnable authenticated;
    /** The server's last error was FATAL: it closes the connection after it, and nothing may follow it. */
    boolean sentFatal;

    /** @param authenticated run at the first ReadyForQuery: authentication is over */
    ServerMessages(Session session, Wire wire, PreparedStatements statements, CatalogRefresh catalogRefresh,
            Runnable authenticated) {
        this.session = session;
        this.wire = wire;
        this.statements = statements;
        this.catalogRefresh = catalogRefresh;
        this.authenticated = authenticated;
    }

    @Override
    public boolean unchanged(ByteBuf run, int index) {
        byte type = run.getByte(index);
        if (catalogRefresh.inFlight()) {
            return catalogRefresh.answer(type, run, index);
        }
        if (session.retry != null && type != 'N' && type != 'S' && type != 'A' && !retryAnswer(type, run, index)) {
            return false;
        }
        switch (type) {
            case 'Z':
                if (session.state == Session.State.AUTHENTICATING) {
                    session.state = Session.State.READY;
                    authenticated.run();
                }
                session.ready(run.getByte(index + 5));
                // Everything owed up to this sync point that was not answered was skipped after an error.
                statements.ready();
                catalogRefresh.answered();
                return true;
            case '1':
                return statements.parseComplete();
            case '3':
                return statements.closeComplete();
            case 't':
                return statements.parameterDescription(run, index);
            case 'T':
            case 'n':
                return statements.rowDescription(run, index);
            case 'E':
                return error(run, index);
            case 'S':
                ByteBuf b = Pg.body(run, index);
                if (Pg.cstring(b, StandardCharsets.UTF_8).equals("client_encoding")) {
                    session.charset = Pg.charset(Pg.cstring(b, StandardCharsets.UTF_8));
                }
                return true;
            default:
                return true;
        }
    }

    private boolean error(ByteBuf run, int index) {
        sentFatal = Pg.isFatal(run, index);
        boolean unchanged = true;
        if (statements.isShapeChangeError(run, index)) {
            // PostgreSQL's own error names the routine that found the change: clients (pgjdbc, Rails) recognise it
            // by that and prepare their statements anew.
            wire.toClient(Pg.cachedPlanChanged(session.alloc));
            unchanged = false;
        } else if ("42703".equals(Pg.sqlState(run, index))) {
            // An unknown column: the column lists may be stale (DDL elsewhere); read them again soon.
            session.database.catalog().invalidate();
        }
        if (!session.owed.syncOwed()) {
            session.skippingToSync = true;
        }
        statements.error();
        return unchanged;
    }

    /**
     * The server's answer while a statement is kept for a retry: false when the sidecar keeps it from the client (the
     * "column does not exist" error and its ReadyForQuery, after which the catalog is read again and the statement
     * sent again).
     */
    private boolean retryAnswer(byte type, ByteBuf run, int index) {
        StaleColumnRetry retry = session.retry;
        if (retry.failed()) {
            if (type != 'Z') {
                return false;
            }
            session.owed.ready();
            session.ready(run.getByte(index + 5));
            session.skippingToSync = false;
            List<ByteBuf> again = retry.takeMessages();
            session.retry = null;
            session.database.catalog().invalidate();
            wire.holdFirst(again);
            if (!catalogRefresh.ask()) {
                wire.replayHeld();
            }
            return false;
        }
        if (type == 'E' && retry.failedWith(Pg.sqlState(run, index))) {
            log.debug("the server found a column of a statement's expansion unknown: reading the catalog again");
            return false;
        }
        session.endRetry();
        return true;
    }
}
