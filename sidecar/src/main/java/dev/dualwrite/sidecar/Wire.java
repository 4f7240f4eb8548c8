package dev.dualwrite.sidecar;

import io.netty.buffer.ByteBuf;

/**
 * What the message handlers of a connection may do to it, provided by {@link ProxyConnection}: write toward either
 * side (after whatever of the current run is still pending, so the order on the wire stays the order of arrival),
 * hold client messages while the sidecar waits for an answer of its own and send them on afterwards, end the
 * connection for a protocol error.
 */
interface Wire {
    /** Writes a message of the sidecar's own toward the server (not flushed). */
    void toServer(ByteBuf message);

    /** Writes a message toward the client (not flushed). */
    void toClient(ByteBuf message);

    /** Flushes what was written toward the server. */
    void flushServer();

    /** Writes the server messages of the current run still pending toward the client. */
    void flushClientRun();

    /** Keeps a client message (its reference is taken over) until {@link #replayHeld()}. */
    void hold(ByteBuf message);

    /** Puts client messages (their references taken over) before those held, to go on first. */
    void holdFirst(java.util.List<ByteBuf> messages);

    /** Whether the client's messages wait: the sidecar waits for an answer of its own. */
    boolean holding();

    /** Sends the held client messages on, in their order, as far as nothing holds them again. */
    void replayHeld();

    /** Ends the connection: the client gets a FATAL error (08P01) with this message. */
    void protocolError(String message);
}
