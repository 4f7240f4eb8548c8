/**
 * The PostgreSQL wire-protocol sidecar: a proxy that applies the windows for applications that are not on the JVM.
 *
 * <h2>What is here</h2>
 * {@link dev.dualwrite.sidecar.SidecarServer} listens, opens one upstream connection per client
 * ({@code UpstreamConnector}, with TLS toward the server if configured) and keeps one rewrite engine and one catalog
 * per database name. {@code AdminServer} serves {@code /health} and {@code /metrics}. Everything else belongs to one
 * client connection and runs on that connection's event loop, without locks.
 *
 * <h2>How a message flows</h2>
 * <ol>
 *   <li>Bytes from either side are cut into whole messages by {@code PgFrameDecoder}. During start-up it emits each
 *       packet typed ({@code StartupPacket}); afterwards it passes on every whole message of one read together, as
 *       one slice of the input (a run), so that relaying many messages costs one write and no object per
 *       message.</li>
 *   <li>On the client's side, {@code StartupHandler} answers SSL and GSS requests, forwards cancel requests, reads the
 *       start-up message, opens the upstream connection and relays authentication untouched; at the server's first
 *       ReadyForQuery it leaves the pipeline, and {@code ProxyConnection} (the wiring) takes the client's runs.</li>
 *   <li>A {@code PassThrough} per direction walks each run message by message and asks an inspector about each one,
 *       in place (the run and the message's index):
 *       {@code ClientMessages} toward the server, {@code ServerMessages} toward the client. Consecutive messages the
 *       inspector leaves as they came are written as one slice of the run; a message it changes is written in its
 *       place, in order.</li>
 *   <li>{@code ClientMessages} reads messages through flyweights over the relayed buffer ({@code QueryMessage},
 *       {@code ParseMessage}, {@code BindMessage}): a Query or Parse is planned by the engine and sent rewritten (or
 *       replaced by a statement that makes the server raise the rejection); a Bind goes to
 *       {@code PreparedStatements}, which renumbers its values and prepares a statement again, invisibly, after a
 *       configuration change, checking that the result shape the client was told ({@code RowDescription},
 *       {@code RowShape}) still holds; it forgets a statement or a portal when the server does (a Close, the end
 *       of the portal's transaction). Every message the server will answer is entered in {@code OwedAnswers}, the
 *       ordered queue that tells the server's answers to the client's messages from those to the sidecar's own.</li>
 *   <li>Between the client's transactions the sidecar may ask the server something of its own on the client's
 *       connection: the catalog ({@code CatalogRefresh}, {@code SidecarCatalog}; one connection at a time reads a stale
 *       answer again for all), the description of a
 *       re-preparation, or a statement sent again once when its column lists proved stale
 *       ({@code StaleColumnRetry}). Meanwhile the client's messages are held and afterwards sent on in order.</li>
 *   <li>{@code ServerMessages} stops the answers owed to the sidecar, rewrites a ParameterDescription into the
 *       application's numbering, and follows the transaction state of each ReadyForQuery.</li>
 *   <li>{@code FlowControl} pauses reading one side while the other cannot take more, or while the client's messages
 *       wait: a slow peer never makes the sidecar buffer without bound.</li>
 * </ol>
 * {@code Session} holds the state these pieces share; {@code Wire} is what they may do to the connection; {@code Pg}
 * writes the few messages the sidecar makes itself.
 */
package dev.dualwrite.sidecar;
