package dev.dualwrite.core.rewrite;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/** Executions that used one window's old and new names, and when each was last used. */
public final class UsageCounters {
    private final String window;
    private final LongAdder oldName = new LongAdder();
    private final LongAdder newName = new LongAdder();
    private volatile long oldLastUsed;
    private volatile long newLastUsed;

    UsageCounters(String window) {
        this.window = window;
    }

    void record(int oldRefs, int newRefs, long now) {
        // The times are written only when they change (once a millisecond at most): a volatile write is a full fence
        // on every execution, a volatile read is a plain load.
        if (oldRefs > 0) {
            oldName.increment();
            if (oldLastUsed != now) {
                oldLastUsed = now;
            }
        }
        if (newRefs > 0) {
            newName.increment();
            if (newLastUsed != now) {
                newLastUsed = now;
            }
        }
    }

    Snapshot snapshot() {
        long o = oldLastUsed;
        long n = newLastUsed;
        return new Snapshot(window, oldName.sum(), newName.sum(), o == 0 ? null : Instant.ofEpochMilli(o),
                n == 0 ? null : Instant.ofEpochMilli(n));
    }

    /**
     * @param window            the window's {@link dev.dualwrite.core.config.Window#key() key}
     * @param oldNameStatements executions that used the old name
     * @param newNameStatements executions that used the new name
     * @param oldNameLastUsed   when the old name was last used, or null
     * @param newNameLastUsed   when the new name was last used, or null
     */
    public record Snapshot(String window, long oldNameStatements, long newNameStatements, Instant oldNameLastUsed,
            Instant newNameLastUsed) {
    }
}
