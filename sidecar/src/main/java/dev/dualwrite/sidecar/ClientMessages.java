package dev.dualwrite.sidecar;

import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.sidecar.OwedAnswers.Kind;
import dev.dualwrite.sidecar.Session.Subject;
import io.netty.buffer.ByteBuf;

/**
 * Looks at each message the client sends once the session is ready, and changes the few that carry SQL or
 * parameters: a Query or Parse is planned by the rewrite engine (a rejected statement is replaced by one that makes the
 * server raise the rejection, so that the error and the transaction state are the server's own); a Bind goes through
 * {@link PreparedStatements} (renumbered values, re-preparation). Every message the server will answer is entered in
 * the session's {@link OwedAnswers}. Between transactions, before a statement, the catalog may be read first
 * ({@link CatalogRefresh}), the statement waiting for it.
 */
final class ClientMessages implements PassThrough.Inspector {
    private final Session session;
    private final Wire wire;
    private final PreparedStatements statements;
    private final CatalogRefresh catalogRefresh;
    private final ParseMessage parse = new ParseMessage();
    /**
     * The message just seen comes at a moment when the sidecar may read a table it has not read yet (a replayed
     * message asks only in one case, see {@link #planOrAsk}).
     */
    private boolean askingMoment;
    /** ... and, not replayed, between transactions (a refresh, and a retry, only happen then). */
    private boolean betweenTransactions;
    /** The client sent Terminate: the server's close that follows is the end the client asked for, not a loss. */
    boolean terminated;

    ClientMessages(Session session, Wire wire, PreparedStatements statements, CatalogRefresh catalogRefresh) {
        this.session = session;
        this.wire = wire;
        this.statements = statements;
        this.catalogRefresh = catalogRefresh;
    }

    @Override
    public boolean unchanged(ByteBuf run, int index) {
        if (wire.holding()) {
            wire.hold(PgFrameDecoder.retainedMessage(run, index));
            return false;
        }
        if (session.retry != null) {
            session.retry.followedBy(run, index);
        }
        byte type = run.getByte(index);
        // Column lists are refreshed only between transactions: inside one the answer would be the transaction's
        // view. A table not read yet is read inside a healthy transaction too (see CatalogRefresh), or its first
        // statement there would be planned without it.
        askingMoment = (type == 'Q' || type == 'P') && session.idle && !session.skippingToSync
                && session.mayReadMissingTables();
        betweenTransactions = askingMoment && !session.replaying && session.transactionStatus == 'I';
        if (betweenTransactions && (session.searchPathChanged
                || session.catalog.needsRefresh(session.database.engine().configuration())) && askCatalog(run, index)) {
            // Asked before the statement was planned: the question covers the tables already known, not those the
            // statement may name for the first time. Replayed, the statement may ask once more for those.
            catalogRefresh.askedBeforePlanning();
            return false;
        }
        session.idle = false;
        switch (type) {
            case 'Q':
                return query(run, index);
            case 'P':
                return parse(run, index);
            case 'B':
                return statements.bind(run, index);
            case 'D': {
                String name = QueryMessage.name(run, index, 1, session.charset);
                if (run.getByte(index + 5) == 'S') {
                    session.owed.add(Kind.CLIENT_DESCRIBE, Subject.described(null, name));
                } else {
                    session.owed.add(Kind.CLIENT_DESCRIBE_PORTAL, Subject.described(statements.portal(name), name));
                }
                return true;
            }
            case 'C':
                if (run.getByte(index + 5) == 'S') {
                    statements.closed(QueryMessage.name(run, index, 1, session.charset));
                } else {
                    statements.portalClosed(QueryMessage.name(run, index, 1, session.charset));
                }
                session.owed.add(Kind.CLIENT_CLOSE);
                return true;
            case 'S':
                session.owed.add(Kind.SYNC);
                session.skippingToSync = false;
                return true;
            case 'X':
                terminated = true;
                return true;
            default:
                return true;
        }
    }

    private boolean query(ByteBuf run, int index) {
        String sql = QueryMessage.sql(run, index, session.charset);
        Plan plan = planOrAsk(run, index, sql);
        if (plan == null) {
            return false;
        }
        keepForRetry(run, index, plan);
        plan.recordExecution();
        // A simple Query ends with its own ReadyForQuery, like a Sync.
        session.owed.add(Kind.SYNC);
        if (!plan.isRejected() && !plan.isRewritten()) {
            return true;
        }
        wire.toServer(Pg.query(session.alloc, Prepared.physicalSql(sql, plan), session.charset));
        return false;
    }

    private boolean parse(ByteBuf run, int index) {
        ParseMessage m = parse.wrap(run, index);
        String name = m.name(session.charset);
        String sql = m.sql(session.charset);
        int[] types = m.declaredTypes();
        Plan plan = planOrAsk(run, index, sql);
        if (plan == null) {
            return false;
        }
        keepForRetry(run, index, plan);
        statements.parsed(name, sql, types, plan);
        session.owed.add(Kind.CLIENT_PARSE);
        if (!plan.isRejected() && !plan.isRewritten()) {
            return true;
        }
        wire.toServer(Pg.parse(session.alloc, name, Prepared.physicalSql(sql, plan),
                Prepared.physicalTypes(plan, types), session.charset));
        return false;
    }

    /**
     * Plans a Query's or Parse's statement; null when the plan needed tables the catalog has not read and the sidecar
     * reads them now (the message is held and planned again once the answer is in).
     */
    private Plan planOrAsk(ByteBuf run, int index, String sql) {
        session.catalog.takeMissed();
        Plan plan = session.database.engine().plan(sql, session.catalog);
        if (session.catalog.takeMissed() && session.catalog.mayRefresh()) {
            // A replayed statement asks only when the question it was held for came before it was planned (once).
            boolean mayAsk = askingMoment && (!session.replaying || catalogRefresh.takeAskedBeforePlanning());
            if (mayAsk && askCatalog(run, index)) {
                return null;
            }
            if (!session.skippingToSync && session.owed.endsWithSync()) {
                // Pipelined behind messages the server has yet to answer, each up to a sync point (or replayed
                // behind such messages that were held with it): wait for them.
                wire.hold(PgFrameDecoder.retainedMessage(run, index));
                catalogRefresh.askOnceAnswered();
                return null;
            }
        }
        return session.counted(sql, plan);
    }

    /** Holds the message and asks the catalog; false when there is nothing to ask. */
    private boolean askCatalog(ByteBuf run, int index) {
        if (!catalogRefresh.ask()) {
            return false;
        }
        wire.hold(PgFrameDecoder.retainedMessage(run, index));
        return true;
    }

    /** A statement planned from the catalog, sent between transactions: kept for one retry (StaleColumnRetry). */
    private void keepForRetry(ByteBuf run, int index, Plan plan) {
        if (betweenTransactions && plan.usedCatalog() && !plan.isRejected()) {
            session.endRetry();
            session.retry = new StaleColumnRetry(PgFrameDecoder.retainedMessage(run, index));
        }
    }
}
