package dev.dualwrite.sidecar;

import io.netty.channel.Channel;
import java.util.function.BooleanSupplier;

/**
 * Back-pressure between the two channels of a connection, in one place: reading one side pauses while the other
 * cannot take more (its outbound buffer is over the high-water mark), and reading the client also pauses while the
 * sidecar waits for an answer of its own ({@link #holdClient}). Both channels read only when asked (auto-read off
 * until start-up is done), so a slow peer never makes the sidecar buffer without bound.
 */
final class FlowControl {
    private final Channel client;
    private final BooleanSupplier clientWaits;
    private Channel upstream;

    /** @param clientWaits whether the client's messages wait for an answer to the sidecar's own question */
    FlowControl(Channel client, BooleanSupplier clientWaits) {
        this.client = client;
        this.clientWaits = clientWaits;
    }

    void upstream(Channel ch) {
        this.upstream = ch;
    }

    /** Start-up (authentication) is over: both sides read on their own. */
    void ready() {
        client.config().setAutoRead(!clientWaits.getAsBoolean());
    }

    /** The upstream connection is open: both sides read, the client within its start-up. */
    void connected() {
        upstream.config().setAutoRead(true);
        client.config().setAutoRead(true);
    }

    /**
     * The sidecar started waiting for an answer of its own (stop reading the client), or stopped (read it again,
     * unless it still waits or the server cannot take more).
     */
    void clientWaitsChanged() {
        client.config().setAutoRead(!clientWaits.getAsBoolean() && (upstream == null || upstream.isWritable()));
    }

    /** After a message was written toward the server. */
    void wroteUpstream() {
        if (!upstream.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    /** After a message was written toward the client. */
    void wroteClient() {
        if (upstream != null && !client.isWritable()) {
            upstream.config().setAutoRead(false);
        }
    }

    /** A read of the client is done: what it produced goes out, and the next read is asked for when allowed. */
    void clientReadComplete(boolean startingUp) {
        if (upstream != null) {
            upstream.flush();
        }
        if (!client.config().isAutoRead() && !startingUp && !clientWaits.getAsBoolean()
                && (upstream == null || upstream.isWritable())) {
            client.read();
        }
    }

    /** A read of the server is done. */
    void upstreamReadComplete() {
        client.flush();
        if (!upstream.config().isAutoRead() && client.isWritable()) {
            upstream.read();
        }
    }

    /** The client drains slowly (or caught up): stop (or resume) reading the server. */
    void clientWritabilityChanged() {
        if (upstream != null) {
            upstream.config().setAutoRead(client.isWritable());
        }
    }

    /** The server drains slowly (or caught up): stop (or resume) reading the client. */
    void upstreamWritabilityChanged() {
        if (!clientWaits.getAsBoolean()) {
            client.config().setAutoRead(upstream.isWritable());
        }
    }
}
