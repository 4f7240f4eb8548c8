package dev.dualwrite.sidecar;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters exported by the admin endpoint in Prometheus text format. */
final class SidecarMetrics {
    final AtomicLong connectionsOpen = new AtomicLong();
    final LongAdder connectionsTotal = new LongAdder();
    final LongAdder statements = new LongAdder();
    final LongAdder rewritten = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder upstreamFailures = new LongAdder();
    /** Catalog questions the sidecar asked on client connections (see {@link SidecarCatalog}). */
    final LongAdder catalogReads = new LongAdder();
}
