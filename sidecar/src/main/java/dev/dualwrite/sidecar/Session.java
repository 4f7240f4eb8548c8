package dev.dualwrite.sidecar;

import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.sql.SchemaChanges;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The state one client connection's handlers share: where the session is in its life, its encoding, its database
 * (engine and catalog), what the server owes, and the transaction state of the server's last ReadyForQuery. Both
 * channels of a connection run on one event loop, so none of it needs locking.
 */
final class Session {
    enum State { STARTUP, AUTHENTICATING, READY, CLOSED }

    /**
     * What an owed answer is about: a described name (and the statement a described portal was bound to), or a
     * re-preparation: the statement, its new plan, the SQL the engine made for it and the SQL sent (the same, or that
     * SQL with its result columns put back in the order the client was told, {@code reordered}).
     */
    record Subject(Prepared statement, Plan plan, String name, String rewritten, String sent, boolean reordered) {
        static Subject described(Prepared statement, String name) {
            return new Subject(statement, null, name, null, null, false);
        }
    }

    final SidecarServer server;
    final SidecarMetrics metrics;
    final OwedAnswers<Subject> owed = new OwedAnswers<>();
    State state = State.STARTUP;
    Charset charset = StandardCharsets.UTF_8;
    SidecarServer.DatabaseState database;
    /** Catalog knowledge for this session: the shared column lists seen through its own search_path. */
    SidecarCatalog.Session catalog;
    /** Nothing sent since the server's last ReadyForQuery. */
    boolean idle;
    /** The transaction status of that ReadyForQuery: I (idle), T (in a transaction), E (failed transaction). */
    byte transactionStatus = 'I';
    /**
     * A statement that may change the schema went through since the last ReadyForQuery outside a transaction: the
     * transaction may hold DDL that other connections cannot see yet, so no column list is read inside it.
     */
    boolean schemaChangedInTransaction;
    /** The session may have changed its search path: read it again at the next chance. */
    boolean searchPathChanged;
    /**
     * The server reported an error and the client's Sync for that segment has not gone through yet: the server skips
     * whatever is sent until then, so the sidecar starts no exchange of its own.
     */
    boolean skippingToSync;
    /** Held client messages are being sent on: none of them starts a catalog question again. */
    boolean replaying;
    ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
    /** A statement that may be sent again once if the server finds its column lists stale, or null. */
    StaleColumnRetry retry;

    Session(SidecarServer server) {
        this.server = server;
        this.metrics = server.metrics();
    }

    void database(SidecarServer.DatabaseState d) {
        this.database = d;
        this.catalog = d.catalog().session();
    }

    void endRetry() {
        if (retry != null) {
            retry.release();
            retry = null;
        }
    }

    /** A ReadyForQuery with this transaction status. */
    void ready(byte status) {
        idle = true;
        transactionStatus = status;
        if (status == 'I') {
            schemaChangedInTransaction = false;
        }
    }

    /**
     * Whether a column list this session has not read may be read now, at an idle moment: between transactions, or
     * inside a healthy one that has changed no schema (inside a savepoint, see {@link CatalogRefresh}).
     */
    boolean mayReadMissingTables() {
        return transactionStatus == 'I' || (transactionStatus == 'T' && !schemaChangedInTransaction);
    }

    boolean isReady() {
        return state == State.READY;
    }

    /** Plans a statement with this session's catalog and counts it. */
    Plan plan(String sql) {
        return counted(sql, database.engine().plan(sql, catalog));
    }

    /** Counts a planned statement, and notes what it may change in the catalog or the search path. */
    Plan counted(String sql, Plan plan) {
        metrics.statements.increment();
        if (plan.isRejected()) {
            metrics.rejected.increment();
        } else if (plan.isRewritten()) {
            metrics.rewritten.increment();
        }
        if (SchemaChanges.isSchemaChange(sql)) {
            database.catalog().invalidate();
            schemaChangedInTransaction = true;
            // A temporary table puts the session's temporary schema on its search path.
            searchPathChanged = true;
        } else if (SidecarCatalog.Session.changesSearchPath(sql)) {
            searchPathChanged = true;
        }
        return plan;
    }
}
