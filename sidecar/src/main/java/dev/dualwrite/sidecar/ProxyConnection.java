package dev.dualwrite.sidecar;

import dev.dualwrite.core.rewrite.ParameterMap;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.sql.SchemaChanges;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection and its upstream connection. Messages pass through as they arrived (retained slices, no
 * copy) except the few the sidecar must change:
 * <ul>
 *   <li>Query and Parse: the SQL is planned by the rewrite engine; a rejected statement is replaced by one that makes
 *       the server raise the rejection, so the error and the transaction state are the server's own;</li>
 *   <li>Bind: when the rewrite removed a placeholder (a dropped column), the values are renumbered; a statement
 *       prepared under an older configuration is closed and prepared again, invisibly, before it is bound;</li>
 *   <li>ParameterDescription: answered in the application's numbering.</li>
 * </ul>
 * Both channels run on one event loop, so this object's state needs no locking. Reading from one side pauses while
 * the other side cannot take more, so a slow peer never makes the sidecar buffer without bound.
 */
final class ProxyConnection extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyConnection.class);

    private enum State { STARTUP, AUTHENTICATING, READY, CLOSED }

    /** What the sidecar knows about one prepared statement of this connection. */
    private static final class Prepared {
        final String sql;
        final int[] declaredTypes;
        Plan plan;
        /** The server no longer has it: a re-preparation was closed but its Parse failed. */
        boolean lost;
        /** The result shape the client was told by a Describe of this statement, or null if it never asked. */
        RowShape shape;
        /**
         * Prepared again with a result shape other than {@link #shape}: like PostgreSQL, every execution fails with
         * "cached plan must not change result type" until the client prepares it anew.
         */
        boolean shapeChanged;

        Prepared(String sql, int[] declaredTypes, Plan plan) {
            this.sql = sql;
            this.declaredTypes = declaredTypes;
            this.plan = plan;
        }
    }

    private final SidecarServer server;
    private final SidecarMetrics metrics;
    private final PgFrameDecoder clientFrames;
    private Channel client;
    private Channel upstream;
    private State state = State.STARTUP;
    private Charset charset = StandardCharsets.UTF_8;
    private SidecarServer.DatabaseState database;
    private final Map<String, Prepared> statements = new HashMap<>();
    /** The statement each open portal was bound to, for the shape a Describe of the portal tells the client. */
    private final Map<String, Prepared> portals = new HashMap<>();
    /** What the server still owes an answer to: see {@link OwedAnswers}. */
    private final OwedAnswers<Subject> owed = new OwedAnswers<>();

    /** What an owed answer is about: the statement (and the plan of a re-preparation), or a described name. */
    private record Subject(Prepared statement, Plan plan, String name) {
    }

    /**
     * A re-preparation whose result shape is being compared with the one the client was told: the client's messages
     * are held until the server has described the statement again.
     */
    private OwedAnswers.Entry<Subject> verifying;
    /** The sidecar's re-preparation whose RowDescription (or NoData) follows the ParameterDescription just seen. */
    private Subject reshaping;
    /** The statement whose RowDescription (or NoData) follows the ParameterDescription just relayed, if any. */
    private Prepared describing;
    /**
     * The server reported an error and the client's Sync for that segment has not gone through yet: the server skips
     * whatever the sidecar sends until then, so the sidecar starts no exchange of its own.
     */
    private boolean skippingToSync;
    /** A statement that may be sent again once if the server finds its column lists stale, or null. */
    private StaleColumnRetry retry;
    /** How many statements fail for a changed result shape (their errors are told as PostgreSQL tells them). */
    private int shapeChangedStatements;

    /** Nothing sent since the server's last ReadyForQuery. */
    private boolean idle;
    /** The transaction status of that ReadyForQuery: I (idle), T (in a transaction), E (failed transaction). */
    private byte transactionStatus = 'I';
    /** Catalog knowledge for this session: the shared column lists seen through its own search_path. */
    private SidecarCatalog.Session catalog;
    private boolean searchPathChanged;
    private boolean replaying;
    private boolean serverSentFatal;
    /** The client sent Terminate: the server's close that follows is the end the client asked for, not a loss. */
    private boolean clientTerminated;
    private boolean refreshingCatalog;
    private final List<String[]> catalogRows = new ArrayList<>();
    /** The table names the catalog question in flight asks for. */
    private final java.util.Set<String> catalogAsked = new java.util.HashSet<>();
    /** The message being looked at arrived at a moment the sidecar may ask the catalog (see canAsk). */
    private boolean askable;
    private boolean catalogFailed;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    /** Client to server: the client's runs of messages, and the sidecar's own messages toward the server. */
    private final PassThrough toServer = new PassThrough(this::fromClient, () -> state == State.READY,
            this::writeUpstream);
    /** Server to client: the server's runs of messages, and the sidecar's own messages toward the client. */
    private final PassThrough toClient = new PassThrough(this::fromServer, () -> state != State.CLOSED,
            this::writeClient);
    private final List<ByteBuf> pendingToUpstream = new ArrayList<>();

    ProxyConnection(SidecarServer server, PgFrameDecoder clientFrames) {
        this.server = server;
        this.metrics = server.metrics();
        this.clientFrames = clientFrames;
    }

    // ---------------------------------------------------------------------------------------------- client side

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        metrics.connectionsOpen.incrementAndGet();
        metrics.connectionsTotal.increment();
        client.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        metrics.connectionsOpen.decrementAndGet();
        state = State.CLOSED;
        releaseHeld();
        closeQuietly(upstream);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            switch (state) {
                case STARTUP:
                    startup(frame);
                    break;
                case AUTHENTICATING:
                    toServer.write(frame.retain());
                    break;
                case READY:
                    toServer.relay(frame);
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            protocolError("the sidecar could not read a message from the client: " + e.getMessage());
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (upstream != null) {
            upstream.flush();
        }
        if (client.config().isAutoRead()) {
            return;
        }
        if (state != State.STARTUP && (upstream == null || upstream.isWritable()) && !holding()) {
            client.read();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The client drains slowly: stop reading the server until it catches up.
        if (upstream != null) {
            upstream.config().setAutoRead(client.isWritable());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            protocolError("the client sent a malformed message: " + cause.getMessage());
        } else {
            log.debug("client connection failed", cause);
            close();
        }
    }

    private void protocolError(String message) {
        metrics.protocolErrors.increment();
        log.info("closing a client connection: {}", message);
        if (client.isActive()) {
            toClient.flush();
            client.writeAndFlush(Pg.fatal(client.alloc(), "08P01", "dualwrite sidecar: " + message))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        closeQuietly(upstream);
        state = State.CLOSED;
    }

    private void close() {
        state = State.CLOSED;
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static void closeQuietly(Channel c) {
        if (c != null && c.isOpen()) {
            c.close();
        }
    }

    private void startup(ByteBuf frame) {
        int code = frame.getInt(4);
        if (code == Pg.SSL_REQUEST) {
            boolean tls = server.clientTls() != null;
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) (tls ? 'S' : 'N')}));
            if (tls) {
                client.pipeline().addFirst("tls", server.clientTls().newHandler(client.alloc()));
            }
            client.read();
            return;
        }
        if (code == Pg.GSSENC_REQUEST) {
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {'N'}));
            client.read();
            return;
        }
        if (code == Pg.CANCEL_REQUEST) {
            // Cancellation keys are the server's own (BackendKeyData is relayed untouched): pass it on.
            ByteBuf request = frame.retainedDuplicate();
            server.connectUpstream(client.eventLoop(), new CancelForwarder(request));
            client.close();
            state = State.CLOSED;
            return;
        }
        if (code != Pg.PROTOCOL_3) {
            protocolError("unsupported protocol version " + (code >> 16) + "." + (code & 0xffff));
            return;
        }
        String database = null;
        String user = null;
        ByteBuf params = frame.duplicate().skipBytes(8);
        while (params.isReadable() && params.getByte(params.readerIndex()) != 0) {
            String key = Pg.cstring(params, StandardCharsets.UTF_8);
            String value = Pg.cstring(params, StandardCharsets.UTF_8);
            if (key.equals("database")) {
                database = value;
            } else if (key.equals("user")) {
                user = value;
            } else if (key.equals("client_encoding")) {
                charset = Pg.charset(value);
            }
        }
        this.database = server.database(database != null ? database : user);
        this.catalog = this.database.catalog().session();
        state = State.AUTHENTICATING;
        clientFrames.startTyped();
        ByteBuf startupMessage = frame.retainedDuplicate();
        server.connectUpstream(client.eventLoop(), new Upstream(startupMessage));
    }

    /**
     * READY: one client message, looked into where it carries SQL or parameters. Returns true when the message goes on
     * to the server as it came (the caller writes it); false when this method wrote what replaces it, or held it.
     */
    private boolean fromClient(ByteBuf frame) {
        if (holding()) {
            held.add(frame.retain());
            return false;
        }
        if (retry != null) {
            retry.followedBy(frame);
        }
        byte type = frame.getByte(0);
        // The catalog is read only between transactions: inside one, the question would become part of the
        // application's transaction (and fail if that transaction had failed).
        askable = (type == 'Q' || type == 'P') && idle && !replaying && !skippingToSync && transactionStatus == 'I';
        if (askable && (searchPathChanged || catalog.needsRefresh(database.engine().configuration()))
                && askCatalog(frame)) {
            return false;
        }
        idle = false;
        switch (type) {
            case 'Q':
                return query(frame);
            case 'P':
                return parse(frame);
            case 'B':
                return bind(frame);
            case 'D': {
                ByteBuf b = frame.duplicate().skipBytes(6);
                String described = Pg.cstring(b, charset);
                if (frame.getByte(5) == 'S') {
                    owed.add(OwedAnswers.Kind.CLIENT_DESCRIBE, new Subject(null, null, described));
                } else {
                    owed.add(OwedAnswers.Kind.CLIENT_DESCRIBE_PORTAL, new Subject(portals.get(described), null,
                            described));
                }
                return true;
            }
            case 'C':
                if (frame.getByte(5) == 'S') {
                    ByteBuf b = frame.duplicate().skipBytes(6);
                    statements.remove(Pg.cstring(b, charset));
                }
                owed.add(OwedAnswers.Kind.CLIENT_CLOSE);
                return true;
            case 'S':
                owed.add(OwedAnswers.Kind.SYNC);
                skippingToSync = false;
                return true;
            case 'X':
                clientTerminated = true;
                return true;
            default:
                return true;
        }
    }

    /**
     * Plans a Query's or Parse's statement; null when the plan needed tables the catalog has not read and the sidecar
     * reads them now (the message is held and planned again once the answer is in).
     */
    private Plan planOrAsk(ByteBuf frame, String sql) {
        catalog.takeMissed();
        Plan plan = database.engine().plan(sql, catalog);
        if (catalog.takeMissed() && askable && catalog.mayRefresh() && askCatalog(frame)) {
            return null;
        }
        return counted(sql, plan);
    }

    /** A statement planned from the catalog, sent between transactions: kept for one retry (StaleColumnRetry). */
    private void keepForRetry(ByteBuf frame, Plan plan) {
        if (askable && plan.usedCatalog() && !plan.isRejected()) {
            endRetry();
            retry = new StaleColumnRetry(frame);
        }
    }

    private void endRetry() {
        if (retry != null) {
            retry.release();
            retry = null;
        }
    }

    /** Holds the message and asks the catalog; false when there is nothing to ask. */
    private boolean askCatalog(ByteBuf frame) {
        String query = database.catalogQuery(catalogAsked);
        if (query == null) {
            return false;
        }
        held.add(frame.retain());
        refreshCatalog(query);
        return true;
    }

    private Plan plan(String sql) {
        return counted(sql, database.engine().plan(sql, catalog));
    }

    private Plan counted(String sql, Plan plan) {
        metrics.statements.increment();
        if (plan.isRejected()) {
            metrics.rejected.increment();
        } else if (plan.isRewritten()) {
            metrics.rewritten.increment();
        }
        if (SchemaChanges.isSchemaChange(sql)) {
            database.catalog().invalidate();
            // A temporary table puts the session's temporary schema on its search path.
            searchPathChanged = true;
        } else if (SidecarCatalog.Session.changesSearchPath(sql)) {
            searchPathChanged = true;
        }
        return plan;
    }

    private String physical(String sql, Plan plan) {
        return plan.isRejected() ? Pg.raise(plan.rejection().sqlState(), plan.rejection().message())
                : plan.physicalSql(sql);
    }

    private boolean query(ByteBuf frame) {
        String sql = Pg.cstring(frame.duplicate().skipBytes(5), charset);
        Plan plan = planOrAsk(frame, sql);
        if (plan == null) {
            return false;
        }
        keepForRetry(frame, plan);
        plan.recordExecution();
        // A simple Query ends with its own ReadyForQuery, like a Sync.
        owed.add(OwedAnswers.Kind.SYNC);
        if (!plan.isRejected() && !plan.isRewritten()) {
            return true;
        }
        toServer.write(Pg.query(client.alloc(), physical(sql, plan), charset));
        return false;
    }

    private boolean parse(ByteBuf frame) {
        ByteBuf b = frame.duplicate().skipBytes(5);
        String name = Pg.cstring(b, charset);
        String sql = Pg.cstring(b, charset);
        int n = b.readUnsignedShort();
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            types[i] = b.readInt();
        }
        Plan plan = planOrAsk(frame, sql);
        if (plan == null) {
            return false;
        }
        keepForRetry(frame, plan);
        statements.put(name, new Prepared(sql, types, plan));
        owed.add(OwedAnswers.Kind.CLIENT_PARSE);
        if (!plan.isRejected() && !plan.isRewritten()) {
            return true;
        }
        toServer.write(Pg.parse(client.alloc(), name, physical(sql, plan), physicalTypes(plan, types), charset));
        return false;
    }

    /** Declared parameter types in the physical numbering (none for a rejected statement). */
    private static int[] physicalTypes(Plan plan, int[] declared) {
        if (plan.isRejected()) {
            return new int[0];
        }
        ParameterMap map = plan.parameters();
        if (map.isIdentity() || declared.length == 0) {
            return declared;
        }
        int[] physical = new int[map.physicalCount()];
        for (int a = 1; a <= map.applicationCount() && a <= declared.length; a++) {
            for (int p : map.physical(a)) {
                physical[p - 1] = declared[a - 1];
            }
        }
        return physical;
    }

    private boolean bind(ByteBuf frame) {
        ByteBuf b = frame.duplicate().skipBytes(5);
        String portal = Pg.cstring(b, charset);
        String name = Pg.cstring(b, charset);
        Prepared p = statements.get(name);
        portals.put(portal, p);
        if (p == null || skippingToSync) {
            // Not the sidecar's business, or the server skips it anyway (an error came before the client's Sync).
            return true;
        }
        Plan current = p.plan;
        if (p.lost || !database.engine().isCurrent(p.plan, catalog)) {
            Plan next = plan(p.sql);
            String before = physical(p, p.plan);
            String after = physical(p.sql, next);
            if (p.lost || !before.equals(after) || !next.parameters().equals(p.plan.parameters())) {
                // Prepared under an older configuration: prepare it again, invisibly, before binding it. The new
                // plan counts only once the server confirms the Parse.
                toServer.write(Pg.closeStatement(client.alloc(), name, charset));
                toServer.write(Pg.parse(client.alloc(), name, after, physicalTypes(next, p.declaredTypes), charset));
                owed.add(OwedAnswers.Kind.SIDECAR_CLOSE);
                Subject reparse = new Subject(p, next, name);
                owed.add(OwedAnswers.Kind.SIDECAR_PARSE, reparse);
                if (p.shape != null && !next.isRejected()) {
                    // The client decodes this statement's rows by the shape it was told: learn the new one before
                    // the client's Bind goes on (see shapeAnswered).
                    toServer.write(Pg.describeStatement(client.alloc(), name, charset));
                    toServer.write(Pg.flush(client.alloc()));
                    verifying = owed.add(OwedAnswers.Kind.SIDECAR_DESCRIBE, reparse);
                    client.config().setAutoRead(false);
                    held.add(frame.retain());
                    return false;
                }
                if (p.shapeChanged) {
                    p.shapeChanged = false;
                    shapeChangedStatements--;
                }
            } else {
                p.plan = next;
            }
            current = next;
        }
        current.recordExecution();
        if (p.shapeChanged) {
            toServer.write(rebind(b, portal, name, null));
            return false;
        }
        ParameterMap map = current.parameters();
        if (!current.isRejected() && map.isIdentity()) {
            return true;
        }
        toServer.write(rebind(b, portal, name, current));
        return false;
    }

    /** What the server holds prepared for this statement now. */
    private String physical(Prepared p, Plan plan) {
        return p.shapeChanged ? SHAPE_CHANGED : physical(p.sql, plan);
    }

    /** PostgreSQL's own words when a prepared statement's result would change its columns. */
    private static final String SHAPE_CHANGED = Pg.raise("0A000", Pg.CACHED_PLAN_CHANGED);

    /** Rebuilds a Bind in the physical numbering; a rejected statement (null plan: failing) gets no values. */
    private ByteBuf rebind(ByteBuf b, String portal, String name, Plan plan) {
        int formatCount = b.readUnsignedShort();
        int[] formats = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            formats[i] = b.readUnsignedShort();
        }
        int valueCount = b.readUnsignedShort();
        ByteBuf[] values = new ByteBuf[valueCount];
        for (int i = 0; i < valueCount; i++) {
            int len = b.readInt();
            values[i] = len < 0 ? null : b.readSlice(len);
        }
        int resultCount = b.readUnsignedShort();
        ByteBuf results = b.readSlice(resultCount * 2);

        ByteBufAllocator alloc = client.alloc();
        ByteBuf out = Pg.begin(alloc, 'B', b.capacity());
        Pg.writeCString(out, portal, charset);
        Pg.writeCString(out, name, charset);
        if (plan == null || plan.isRejected()) {
            out.writeShort(0);
            out.writeShort(0);
        } else {
            ParameterMap map = plan.parameters();
            int physicalCount = map.physicalCount();
            int[] source = new int[physicalCount];
            for (int a = 1; a <= map.applicationCount(); a++) {
                for (int p : map.physical(a)) {
                    source[p - 1] = a;
                }
            }
            if (formatCount <= 1) {
                out.writeShort(formatCount);
                if (formatCount == 1) {
                    out.writeShort(formats[0]);
                }
            } else {
                out.writeShort(physicalCount);
                for (int p = 0; p < physicalCount; p++) {
                    out.writeShort(formats[source[p] - 1]);
                }
            }
            out.writeShort(physicalCount);
            for (int p = 0; p < physicalCount; p++) {
                int a = source[p];
                ByteBuf v = a >= 1 && a <= valueCount ? values[a - 1] : null;
                if (v == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(v.readableBytes());
                    out.writeBytes(v, v.readerIndex(), v.readableBytes());
                }
            }
        }
        out.writeShort(resultCount);
        out.writeBytes(results);
        return Pg.finish(out);
    }

    private void writeUpstream(ByteBuf message) {
        if (upstream == null || !upstream.isActive()) {
            if (upstream == null && state == State.AUTHENTICATING) {
                pendingToUpstream.add(message);
                return;
            }
            message.release();
            return;
        }
        upstream.write(message, upstream.voidPromise());
        if (!upstream.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    private void refreshCatalog(String query) {
        refreshingCatalog = true;
        catalogRows.clear();
        catalogFailed = false;
        client.config().setAutoRead(false);
        toServer.write(Pg.query(client.alloc(), query, StandardCharsets.UTF_8));
        upstream.flush();
    }

    private void releaseHeld() {
        endRetry();
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
        for (ByteBuf p : pendingToUpstream) {
            p.release();
        }
        pendingToUpstream.clear();
    }

    // ---------------------------------------------------------------------------------------------- server side

    /** Sets up the upstream connection, sends the start-up message and relays the server's messages. */
    private final class Upstream implements SidecarServer.UpstreamHandler {
        private final ByteBuf startupMessage;

        Upstream(ByteBuf startupMessage) {
            this.startupMessage = startupMessage;
        }

        @Override
        public void connected(Channel ch) {
            if (state == State.CLOSED) {
                startupMessage.release();
                ch.close();
                return;
            }
            upstream = ch;
            ch.pipeline().addLast("frames", new PgFrameDecoder(true, server.maxMessage()));
            ch.pipeline().addLast("relay", new ServerHandler());
            ch.write(startupMessage, ch.voidPromise());
            for (ByteBuf p : pendingToUpstream) {
                ch.write(p, ch.voidPromise());
            }
            pendingToUpstream.clear();
            ch.flush();
            ch.config().setAutoRead(true);
            client.config().setAutoRead(true);
        }

        @Override
        public void failed(Throwable cause) {
            startupMessage.release();
            metrics.upstreamFailures.increment();
            String reason = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
            log.warn("dualwrite sidecar could not reach the upstream server at {}: {}", server.upstreamAddress(),
                    reason);
            if (client.isActive()) {
                client.writeAndFlush(Pg.fatal(client.alloc(), "08001", "dualwrite sidecar could not reach the"
                        + " upstream server at " + server.upstreamAddress() + ": " + reason))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            state = State.CLOSED;
        }
    }

    /** Forwards a CancelRequest on a connection of its own, then closes it. */
    private static final class CancelForwarder implements SidecarServer.UpstreamHandler {
        private final ByteBuf request;

        CancelForwarder(ByteBuf request) {
            this.request = request;
        }

        @Override
        public void connected(Channel ch) {
            ch.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void failed(Throwable cause) {
            request.release();
        }
    }

    /** The server's messages. */
    private final class ServerHandler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                toClient.relay(frame);
            } catch (RuntimeException e) {
                log.warn("dualwrite sidecar could not read a message from the server: {}", e.toString());
                close();
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            client.flush();
            if (!ctx.channel().config().isAutoRead() && client.isWritable()) {
                ctx.channel().read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            // The server drains slowly: stop reading the client until it catches up.
            if (!holding() && state != State.STARTUP) {
                client.config().setAutoRead(ctx.channel().isWritable());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (state != State.CLOSED && client.isActive()) {
                if (clientTerminated) {
                    // The server closes the session the client ended: the client waits for the close, nothing else.
                    client.close();
                } else if (serverSentFatal) {
                    // The server said why it closed: nothing may follow its FATAL error.
                    client.flush();
                    client.close();
                } else {
                    client.writeAndFlush(Pg.fatal(client.alloc(), "08006",
                            "dualwrite sidecar: the upstream server closed the connection"))
                            .addListener(ChannelFutureListener.CLOSE);
                }
            }
            state = State.CLOSED;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("upstream connection failed", cause);
            close();
        }
    }

    private void writeClient(ByteBuf message) {
        client.write(message, client.voidPromise());
        if (upstream != null && !client.isWritable()) {
            upstream.config().setAutoRead(false);
        }
    }

    /**
     * One server message. Returns true when it goes on to the client as it came (the caller writes it); false when
     * this method wrote what replaces it, or it answers the sidecar and stops here.
     */
    private boolean fromServer(ByteBuf frame) {
        byte type = frame.getByte(0);
        if (refreshingCatalog) {
            return catalogMessage(type, frame);
        }
        if (retry != null && type != 'N' && type != 'S' && type != 'A' && !retryAnswer(type, frame)) {
            return false;
        }
        switch (type) {
            case 'Z':
                if (state == State.AUTHENTICATING) {
                    state = State.READY;
                    client.config().setAutoRead(true);
                }
                idle = true;
                transactionStatus = frame.getByte(5);
                // Everything owed up to this sync point that was not answered was skipped after an error; a
                // re-preparation skipped that way leaves its statement gone (its Close ran or it was never there).
                for (OwedAnswers.Entry<Subject> o : owed.ready()) {
                    if (o.kind() == OwedAnswers.Kind.SIDECAR_PARSE) {
                        o.subject().statement().lost = true;
                    }
                }
                break;
            case '1': {
                OwedAnswers.Entry<Subject> o = owed.answer(OwedAnswers.Kind.CLIENT_PARSE,
                        OwedAnswers.Kind.SIDECAR_PARSE);
                if (o != null && o.kind() == OwedAnswers.Kind.SIDECAR_PARSE) {
                    Prepared p = o.subject().statement();
                    p.plan = o.subject().plan();
                    p.lost = false;
                    return false;
                }
                break;
            }
            case 'E':
                serverSentFatal = isFatal(frame);
                if (shapeChangedStatements > 0 && Pg.isRaisedShapeChange(frame)) {
                    // PostgreSQL's own error names the routine that found the change: clients (pgjdbc, Rails)
                    // recognise it by that and prepare their statements anew.
                    toClient.write(Pg.cachedPlanChanged(client.alloc()));
                    onError();
                    return false;
                }
                if ("42703".equals(Pg.sqlState(frame))) {
                    // An unknown column: the column lists may be stale (DDL elsewhere); read them again soon.
                    database.catalog().invalidate();
                }
                onError();
                break;

            case '3': {
                OwedAnswers.Entry<Subject> o = owed.answer(OwedAnswers.Kind.CLIENT_CLOSE,
                        OwedAnswers.Kind.SIDECAR_CLOSE);
                if (o != null && o.kind() == OwedAnswers.Kind.SIDECAR_CLOSE) {
                    return false;
                }
                break;
            }
            case 't': {
                OwedAnswers.Entry<Subject> described = owed.answer(OwedAnswers.Kind.CLIENT_DESCRIBE,
                        OwedAnswers.Kind.SIDECAR_DESCRIBE);
                if (described != null && described.kind() == OwedAnswers.Kind.SIDECAR_DESCRIBE) {
                    reshaping = described.subject();
                    return false;
                }
                Prepared p = described == null ? null : statements.get(described.subject().name());
                describing = p;
                if (p != null && (p.plan.isRejected() || p.shapeChanged || !p.plan.parameters().isIdentity())) {
                    toClient.write(parameterDescription(frame, p));
                    return false;
                }
                break;
            }
            case 'T':
            case 'n':
                if (reshaping != null) {
                    shapeAnswered(RowShape.of(frame));
                    return false;
                }
                Prepared told = describing;
                describing = null;
                if (told == null) {
                    OwedAnswers.Entry<Subject> portal = owed.answer(OwedAnswers.Kind.CLIENT_DESCRIBE_PORTAL,
                            OwedAnswers.Kind.CLIENT_DESCRIBE_PORTAL);
                    told = portal == null ? null : portal.subject().statement();
                }
                if (told != null && !told.shapeChanged) {
                    told.shape = RowShape.of(frame);
                }
                break;
            case 'S':
                ByteBuf b = frame.duplicate().skipBytes(5);
                if (Pg.cstring(b, StandardCharsets.UTF_8).equals("client_encoding")) {
                    charset = Pg.charset(Pg.cstring(b, StandardCharsets.UTF_8));
                }
                break;
            default:
                break;
        }
        return true;
    }

    private static boolean isFatal(ByteBuf frame) {
        ByteBuf b = frame.duplicate().skipBytes(5);
        while (b.isReadable()) {
            byte field = b.readByte();
            if (field == 0) {
                break;
            }
            String value = Pg.cstring(b, StandardCharsets.UTF_8);
            if (field == 'S' || field == 'V') {
                return value.equals("FATAL") || value.equals("PANIC");
            }
        }
        return false;
    }

    /** A ParameterDescription in the application's numbering. */
    private ByteBuf parameterDescription(ByteBuf frame, Prepared p) {
        int physicalCount = frame.getUnsignedShort(5);
        int[] physical = new int[physicalCount];
        for (int i = 0; i < physicalCount; i++) {
            physical[i] = frame.getInt(7 + 4 * i);
        }
        int appCount;
        int[] app;
        if (p.plan.isRejected() || p.shapeChanged) {
            appCount = Math.max(p.declaredTypes.length, server.parameterCount(p.sql));
            app = new int[appCount];
            java.util.Arrays.fill(app, 25);
        } else {
            ParameterMap map = p.plan.parameters();
            appCount = map.applicationCount();
            app = new int[appCount];
            for (int a = 1; a <= appCount; a++) {
                int[] targets = map.physical(a);
                app[a - 1] = targets.length == 0 ? 25 : physical[targets[0] - 1];
            }
        }
        ByteBuf out = Pg.begin(client.alloc(), 't', 2 + 4 * appCount);
        out.writeShort(appCount);
        for (int oid : app) {
            out.writeInt(oid);
        }
        return Pg.finish(out);
    }

    /** An ErrorResponse from the server: it skips what follows up to the client's next Sync. */
    private void onError() {
        if (!owed.syncOwed()) {
            skippingToSync = true;
        }
        if (verifying != null && !owed.syncBefore(verifying)) {
            // The server skips the sidecar's Describe and the held messages up to the client's Sync: send them on,
            // the statement is prepared again at its next Bind.
            verifying.subject().statement().lost = true;
            verifying = null;
            skippingToSync = true;
            toClient.flush();
            replayHeld();
        }
    }

    /** Whether the client's messages wait while the sidecar asks the server something of its own. */
    private boolean holding() {
        return refreshingCatalog || verifying != null || (retry != null && retry.failed());
    }

    /**
     * The server's answer while a statement is kept for a retry: false when the sidecar keeps it from the client (the
     * "column does not exist" error and its ReadyForQuery, after which the catalog is read again and the statement
     * sent again).
     */
    private boolean retryAnswer(byte type, ByteBuf frame) {
        if (retry.failed()) {
            if (type != 'Z') {
                return false;
            }
            owed.ready();
            idle = true;
            transactionStatus = frame.getByte(5);
            skippingToSync = false;
            List<ByteBuf> again = retry.takeMessages();
            retry = null;
            database.catalog().invalidate();
            for (int i = again.size() - 1; i >= 0; i--) {
                held.addFirst(again.get(i));
            }
            String query = database.catalogQuery(catalogAsked);
            if (query != null) {
                refreshCatalog(query);
            } else {
                replayHeld();
            }
            return false;
        }
        if (type == 'E' && retry.failedWith(Pg.sqlState(frame))) {
            log.debug("the server found a column of a statement's expansion unknown: reading the catalog again");
            return false;
        }
        endRetry();
        return true;
    }

    /**
     * The server described a statement the sidecar prepared again: if the client was told another result shape, the
     * statement fails from now on as PostgreSQL's own would ("cached plan must not change result type") rather than
     * answer rows the client would decode by the wrong columns. Then the held messages go on.
     */
    private void shapeAnswered(RowShape shape) {
        Subject s = reshaping;
        reshaping = null;
        verifying = null;
        Prepared p = s.statement();
        if (shape.equals(p.shape) || redescribedBeforeRows(held.peekFirst())) {
            if (p.shapeChanged) {
                p.shapeChanged = false;
                shapeChangedStatements--;
            }
            p.shape = shape;
        } else {
            log.debug("a prepared statement changed its result shape ({} -> {}) and fails until prepared anew",
                    p.shape, shape);
            toServer.write(Pg.closeStatement(client.alloc(), s.name(), charset));
            toServer.write(Pg.parse(client.alloc(), s.name(), SHAPE_CHANGED, new int[0], charset));
            owed.add(OwedAnswers.Kind.SIDECAR_CLOSE);
            owed.add(OwedAnswers.Kind.SIDECAR_PARSE, s);
            p.shapeChanged = true;
            shapeChangedStatements++;
        }
        toClient.flush();
        replayHeld();
    }

    /**
     * Whether the client, after the held Bind, describes that portal before it executes it, with one result format for
     * every column: then it learns the new shape before any row, and decodes rows by it (node-postgres does so).
     */
    private boolean redescribedBeforeRows(ByteBuf bind) {
        if (bind == null || bind.getByte(0) != 'B') {
            return false;
        }
        ByteBuf b = bind.duplicate().skipBytes(5);
        String portal = Pg.cstring(b, charset);
        Pg.cstring(b, charset);
        b.skipBytes(2 * b.readUnsignedShort());
        int values = b.readUnsignedShort();
        for (int i = 0; i < values; i++) {
            int len = b.readInt();
            if (len > 0) {
                b.skipBytes(len);
            }
        }
        if (b.readUnsignedShort() > 1) {
            return false;
        }
        boolean first = true;
        for (ByteBuf m : held) {
            if (first) {
                first = false;
                continue;
            }
            byte type = m.getByte(0);
            if (type == 'D' || type == 'E') {
                String name = Pg.cstring(m.duplicate().skipBytes(type == 'D' ? 6 : 5), charset);
                if (name.equals(portal)) {
                    return type == 'D' && m.getByte(5) == 'P';
                }
            } else if (type == 'B' || type == 'S' || type == 'Q') {
                return false;
            }
        }
        return false;
    }

    /** The held client messages go on in their order; none of them asks the catalog again. */
    private void replayHeld() {
        ArrayDeque<ByteBuf> replay = new ArrayDeque<>(held);
        held.clear();
        replaying = true;
        try {
            ByteBuf next;
            while (state == State.READY && !holding() && (next = replay.poll()) != null) {
                try {
                    if (fromClient(next)) {
                        writeUpstream(next.retain());
                    }
                } catch (RuntimeException e) {
                    protocolError("the sidecar could not read a message from the client: " + e.getMessage());
                } finally {
                    next.release();
                }
            }
        } finally {
            replaying = false;
            // A message that started another exchange of the sidecar's was held again; the rest follow it, in order.
            ByteBuf left;
            while ((left = replay.poll()) != null) {
                if (state == State.READY) {
                    held.add(left);
                } else {
                    left.release();
                }
            }
        }
        if (upstream != null) {
            upstream.flush();
        }
        if (!holding()) {
            client.config().setAutoRead(true);
        }
    }

    /** A message of the answer to the sidecar's catalog question: true for one that belongs to the client. */
    private boolean catalogMessage(byte type, ByteBuf frame) {
        switch (type) {
            case 'D': {
                ByteBuf b = frame.duplicate().skipBytes(5);
                int n = b.readUnsignedShort();
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    int len = b.readInt();
                    row[i] = len < 0 ? null : b.readCharSequence(len, StandardCharsets.UTF_8).toString();
                }
                catalogRows.add(row);
                return false;
            }
            case 'E':
                catalogFailed = true;
                return false;
            case 'Z':
                if (catalogFailed) {
                    catalog.failed();
                } else {
                    catalog.loaded(new ArrayList<>(catalogRows), catalogAsked, database.engine().configuration());
                    searchPathChanged = false;
                }
                catalogRows.clear();
                refreshingCatalog = false;
                idle = true;
                transactionStatus = frame.getByte(5);
                replayHeld();
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
