package dev.dualwrite.sidecar;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.rewrite.StatementKind;
import dev.dualwrite.sidecar.OwedAnswers.Entry;
import dev.dualwrite.sidecar.OwedAnswers.Kind;
import dev.dualwrite.sidecar.Session.Subject;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepared statements of one connection and their re-preparation. A statement prepared under an older
 * configuration is closed and prepared again, invisibly, before its next Bind; the server's answers to that are the
 * sidecar's and stop here. When the client was told the statement's result shape (by a Describe of the statement or
 * of a portal bound to it), the re-preparation is described too, with the client's messages held until the answer is
 * in: a new shape the client would decode by the old one makes the statement fail, from then on and until the client
 * prepares it anew, with PostgreSQL's own "cached plan must not change result type".
 */
final class PreparedStatements {
    private static final Logger log = LoggerFactory.getLogger(PreparedStatements.class);

    private final Session session;
    private final Wire wire;
    private final FlowControl flow;
    private final Map<String, Prepared> statements = new HashMap<>();
    /**
     * The statement each open portal was bound to, for the shape a Describe of the portal tells the client. The server
     * ends a portal at its Close, at the next Bind of the same name (the unnamed one) and at the end of its
     * transaction; so does this map (see {@link #ready()}), or it would grow with every named portal a client does
     * not close.
     */
    private final Map<String, Bound> portals = new HashMap<>();
    /** The unnamed portal, which most clients bind for every execution: kept apart so that a Bind allocates nothing. */
    private final Bound unnamed = new Bound();
    /** The newest segment a portal in {@link #portals} was bound in. */
    private long newestPortalSegment = -1;
    private final BindMessage bind = new BindMessage();
    private final Iterable<ByteBuf> held;
    /** The sidecar's Describe of a re-preparation, while the client's messages wait for its answer, or null. */
    private Entry<Subject> verifying;
    /** The re-preparation whose RowDescription (or NoData) follows the ParameterDescription just seen. */
    private Subject reshaping;
    /** The statement whose RowDescription (or NoData) follows the ParameterDescription just relayed. */
    private Prepared describing;
    /** How many statements fail for a changed result shape (their errors are told as PostgreSQL tells them). */
    private int shapeChanged;

    /** @param held the client messages the wiring holds (the first is the Bind a re-preparation is checked for) */
    PreparedStatements(Session session, Wire wire, FlowControl flow, Iterable<ByteBuf> held) {
        this.session = session;
        this.wire = wire;
        this.flow = flow;
        this.held = held;
    }

    /** Whether the client's messages wait for the description of a re-preparation. */
    boolean verifying() {
        return verifying != null;
    }

    // ------------------------------------------------------------------------------------------ client messages

    /** The client's Parse: the statement as planned. */
    void parsed(String name, String sql, int[] declaredTypes, Plan plan) {
        statements.put(name, new Prepared(name, sql, declaredTypes, plan));
    }

    /** A portal: the statement it was bound to (null: one the sidecar does not track) and its segment. */
    private static final class Bound {
        Prepared statement;
        long segment;

        Bound set(Prepared p, long s) {
            statement = p;
            segment = s;
            return this;
        }
    }

    /** The client's Close of a statement. */
    void closed(String name) {
        statements.remove(name);
    }

    /** The client's Close of a portal. */
    void portalClosed(String name) {
        if (name.isEmpty()) {
            unnamed.statement = null;
        } else {
            portals.remove(name);
        }
    }

    /** The statement a portal was bound to, or null. */
    Prepared portal(String name) {
        Bound b = name.isEmpty() ? unnamed : portals.get(name);
        return b == null ? null : b.statement;
    }

    /** How many statements and portals this connection tracks (read from another thread: a gauge, not exact). */
    int trackedStatements() {
        return statements.size();
    }

    int trackedPortals() {
        return portals.size() + (unnamed.statement != null ? 1 : 0);
    }

    Prepared statement(String name) {
        return statements.get(name);
    }

    /**
     * The client's Bind. Returns true when it goes on as it came; false when what replaces it was written, or it is
     * held until the server has described a re-preparation.
     */
    boolean bind(ByteBuf run, int index) {
        BindMessage b = bind.wrap(run, index);
        String portal = b.portal(session.charset);
        String name = b.statement(session.charset);
        Prepared p = statements.get(name);
        long segment = session.owed.currentSegment();
        if (portal.isEmpty()) {
            unnamed.set(p, segment);
        } else {
            portals.put(portal, new Bound().set(p, segment));
            newestPortalSegment = Math.max(newestPortalSegment, segment);
        }
        if (p == null || session.skippingToSync) {
            // Not the sidecar's business, or the server skips it anyway (an error came before the client's Sync).
            return true;
        }
        Plan current = p.plan;
        if (p.lost || !session.database.engine().isCurrent(p.plan, session.catalog)) {
            Plan next = session.plan(p.sql);
            String after = Prepared.physicalSql(p.sql, next);
            if (p.lost || !p.rewrittenSql.equals(after) || !next.parameters().equals(p.plan.parameters())) {
                // Prepared under an older configuration: prepare it again, invisibly, before binding it. The new
                // plan counts only once the server confirms the Parse.
                Subject reparse = new Subject(p, next, name, after, after, false);
                prepareAgain(reparse);
                if (p.shape != null && !next.isRejected()) {
                    // The client decodes this statement's rows by the shape it was told: learn the new one before
                    // the client's Bind goes on (see shapeAnswered).
                    describe(reparse);
                    wire.hold(PgFrameDecoder.retainedMessage(run, index));
                    return false;
                }
                shapeRestored(p);
            } else {
                p.plan = next;
            }
            current = next;
        }
        current.recordExecution();
        if (p.shapeChanged) {
            wire.toServer(b.physical(session.alloc, null));
            return false;
        }
        ParameterMap map = current.parameters();
        if (!current.isRejected() && map.isIdentity()) {
            return true;
        }
        wire.toServer(b.physical(session.alloc, current.isRejected() ? null : map));
        return false;
    }

    /** Closes the statement on the server and prepares it with the re-preparation's SQL. */
    private void prepareAgain(Subject reparse) {
        Prepared p = reparse.statement();
        int[] types = reparse.sent().equals(Prepared.SHAPE_CHANGED_SQL) ? new int[0]
                : Prepared.physicalTypes(reparse.plan(), p.declaredTypes);
        wire.toServer(Pg.closeStatement(session.alloc, reparse.name(), session.charset));
        wire.toServer(Pg.parse(session.alloc, reparse.name(), reparse.sent(), types, session.charset));
        session.owed.add(Kind.SIDECAR_CLOSE);
        session.owed.add(Kind.SIDECAR_PARSE, reparse);
    }

    /** Asks the server to describe a re-preparation, the client's messages waiting for the answer. */
    private void describe(Subject reparse) {
        wire.toServer(Pg.describeStatement(session.alloc, reparse.name(), session.charset));
        wire.toServer(Pg.flush(session.alloc));
        verifying = session.owed.add(Kind.SIDECAR_DESCRIBE, reparse);
        flow.clientWaitsChanged();
    }

    private void shapeRestored(Prepared p) {
        if (p.shapeChanged) {
            p.shapeChanged = false;
            shapeChanged--;
        }
    }

    // ------------------------------------------------------------------------------------------ server messages

    /** A ParseComplete: false when it answers the sidecar's own Parse. */
    boolean parseComplete() {
        Entry<Subject> o = session.owed.answer(Kind.CLIENT_PARSE, Kind.SIDECAR_PARSE);
        if (o != null && o.kind() == Kind.SIDECAR_PARSE) {
            Subject s = o.subject();
            Prepared p = s.statement();
            p.plan = s.plan();
            p.rewrittenSql = s.rewritten();
            p.serverSql = s.sent();
            p.lost = false;
            return false;
        }
        return true;
    }

    /** A CloseComplete: false when it answers the sidecar's own Close. */
    boolean closeComplete() {
        Entry<Subject> o = session.owed.answer(Kind.CLIENT_CLOSE, Kind.SIDECAR_CLOSE);
        return o == null || o.kind() != Kind.SIDECAR_CLOSE;
    }

    /**
     * A ParameterDescription: false when it answers the sidecar's own Describe, or when it was written again in the
     * application's numbering.
     */
    boolean parameterDescription(ByteBuf run, int index) {
        Entry<Subject> described = session.owed.answer(Kind.CLIENT_DESCRIBE, Kind.SIDECAR_DESCRIBE);
        if (described != null && described.kind() == Kind.SIDECAR_DESCRIBE) {
            reshaping = described.subject();
            return false;
        }
        Prepared p = described == null ? null : statements.get(described.subject().name());
        describing = p;
        if (p != null && (p.fails() || !p.plan.parameters().isIdentity())) {
            wire.toClient(applicationParameters(run, index, p));
            return false;
        }
        return true;
    }

    /** A RowDescription or NoData: false when it answers the sidecar's own Describe. */
    boolean rowDescription(ByteBuf run, int index) {
        if (reshaping != null) {
            shapeAnswered(RowShape.of(run, index));
            return false;
        }
        Prepared told = describing;
        describing = null;
        if (told == null) {
            Entry<Subject> portal = session.owed.answer(Kind.CLIENT_DESCRIBE_PORTAL, Kind.CLIENT_DESCRIBE_PORTAL);
            told = portal == null ? null : portal.subject().statement();
        }
        if (told != null && !told.shapeChanged && (told.shape == null || !told.shape.isDescribedBy(run, index))) {
            told.shape = RowShape.of(run, index); // a copy only when the shape is new
        }
        return true;
    }

    /** Whether an ErrorResponse is the one a statement whose shape changed raised (told as PostgreSQL tells it). */
    boolean isShapeChangeError(ByteBuf run, int index) {
        return shapeChanged > 0 && Pg.isRaisedShapeChange(run, index);
    }

    /** An ErrorResponse: a re-preparation being described is skipped with what follows up to the client's Sync. */
    void error() {
        if (verifying != null && !session.owed.syncBefore(verifying)) {
            // The server skips the sidecar's Describe and the held messages: send them on, the statement is prepared
            // again at its next Bind (and not reordered again, if that is what the server refused).
            verifying.subject().statement().lost = true;
            if (verifying.subject().reordered()) {
                verifying.subject().statement().reorderFailed = true;
            }
            verifying = null;
            session.skippingToSync = true;
            wire.flushClientRun();
            wire.replayHeld();
        }
    }

    /**
     * A ReadyForQuery: the re-preparations it skipped leave their statement gone. Outside a transaction every portal
     * bound in a segment that has ended is gone on the server too; portals bound after it (a client that pipelines
     * past its Sync) stay.
     */
    void ready() {
        for (Entry<Subject> o : session.owed.ready()) {
            if (o.kind() == Kind.SIDECAR_PARSE) {
                o.subject().statement().lost = true;
            }
        }
        if (session.transactionStatus != 'I') {
            return;
        }
        long ended = session.owed.segmentsEnded();
        if (unnamed.segment < ended) {
            unnamed.statement = null;
        }
        if (!portals.isEmpty()) {
            if (newestPortalSegment < ended) {
                portals.clear(); // the common case, without a scan
            } else {
                portals.values().removeIf(b -> b.segment < ended);
            }
        }
    }

    /**
     * The server described a statement the sidecar prepared again: if the client was told another result shape, the
     * statement fails from now on as PostgreSQL's own would rather than answer rows the client would decode by the
     * wrong columns. Then the held messages go on.
     */
    private void shapeAnswered(RowShape shape) {
        Subject s = reshaping;
        reshaping = null;
        verifying = null;
        Prepared p = s.statement();
        if (shape.equals(p.shape) || (!s.reordered() && redescribedBeforeRows())) {
            shapeRestored(p);
            p.shape = shape;
        } else {
            String reordered = s.reordered() || p.reorderFailed ? null
                    : reordered(s.sent(), s.plan(), shape, p.shape);
            if (reordered != null) {
                // The same columns in another order (a renamed column placed elsewhere by the new expansion): put
                // them back in the order the client was told, and check that the server agrees.
                Subject again = new Subject(p, s.plan(), s.name(), s.rewritten(), reordered, true);
                prepareAgain(again);
                describe(again);
                wire.flushServer();
                return;
            }
            log.debug("a prepared statement changed its result shape ({} -> {}) and fails until prepared anew",
                    p.shape, shape);
            prepareAgain(new Subject(p, s.plan(), s.name(), s.rewritten(), Prepared.SHAPE_CHANGED_SQL, false));
            if (!p.shapeChanged) {
                p.shapeChanged = true;
                shapeChanged++;
            }
        }
        wire.flushClientRun();
        wire.replayHeld();
    }

    /**
     * A query whose result has the columns of {@code told} in the order {@code shape} gives them, wrapped so that
     * they come in the order of {@code told}, under the names the client was told; null when the shapes do not have
     * the same columns or the statement is not a plain query that can be read as a derived table (the engine's
     * {@link StatementKind#QUERY}, and no semicolon, which may not stand inside the wrapper). The engine's text is kept
     * whole inside the wrapper.
     */
    private String reordered(String sql, Plan plan, RowShape shape, RowShape told) {
        int[] at = told == null ? null : shape.positionsOf(told);
        // A semicolon inside a literal also refuses the wrapper: rare, and failing as PostgreSQL would is safe.
        if (at == null || plan.kind() != StatementKind.QUERY || sql.indexOf(';') >= 0) {
            return null;
        }
        StringBuilder b = new StringBuilder(sql.length() + 32 * at.length).append("SELECT ");
        for (int k = 0; k < at.length; k++) {
            b.append(k > 0 ? ", " : "").append("dualwrite_shape.c").append(at[k] + 1).append(" AS \"")
                    .append(told.name(k, session.charset).replace("\"", "\"\"")).append('"');
        }
        b.append(" FROM (").append(sql).append("\n) AS dualwrite_shape(");
        for (int j = 0; j < at.length; j++) {
            b.append(j > 0 ? ", " : "").append('c').append(j + 1);
        }
        return b.append(')').toString();
    }

    /**
     * Whether the client, after the held Bind, describes that portal before it executes it, with one result format for
     * every column: then it learns the new shape before any row and decodes the rows by it (node-postgres does so).
     */
    private boolean redescribedBeforeRows() {
        Iterator<ByteBuf> messages = held.iterator();
        if (!messages.hasNext()) {
            return false;
        }
        ByteBuf first = messages.next();
        if (first.getByte(first.readerIndex()) != 'B') {
            return false;
        }
        BindMessage b = bind.wrap(first);
        String portal = b.portal(session.charset);
        if (b.resultFormatCount() > 1) {
            return false;
        }
        while (messages.hasNext()) {
            ByteBuf m = messages.next();
            byte type = m.getByte(m.readerIndex());
            if (type == 'D' || type == 'E') {
                if (QueryMessage.name(m, type == 'D' ? 1 : 0, session.charset).equals(portal)) {
                    return type == 'D' && m.getByte(m.readerIndex() + 5) == 'P';
                }
            } else if (type == 'B' || type == 'S' || type == 'Q') {
                return false;
            }
        }
        return false;
    }

    /** A ParameterDescription in the application's numbering. */
    private ByteBuf applicationParameters(ByteBuf run, int index, Prepared p) {
        int physicalCount = run.getUnsignedShort(index + 5);
        int appCount;
        int[] app;
        if (p.fails()) {
            appCount = Math.max(p.declaredTypes.length, p.plan.parameterCount());
            app = new int[appCount];
            Arrays.fill(app, 25);
        } else {
            ParameterMap map = p.plan.parameters();
            appCount = map.applicationCount();
            app = new int[appCount];
            for (int a = 1; a <= appCount; a++) {
                int[] targets = map.physical(a);
                app[a - 1] = targets.length == 0 || targets[0] > physicalCount ? 25
                        : run.getInt(index + 7 + 4 * (targets[0] - 1));
            }
        }
        ByteBuf out = Pg.begin(session.alloc, 't', 2 + 4 * appCount);
        out.writeShort(appCount);
        for (int oid : app) {
            out.writeInt(oid);
        }
        return Pg.finish(out);
    }
}
