package dev.dualwrite.ops.data;

/** Paces the workers of one process so that together they touch at most {@code rowsPerSecond} rows a second. */
final class RateLimiter {
    private final long rowsPerSecond;
    private long nextFree = System.nanoTime();

    RateLimiter(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    /** Accounts for {@code rows} just processed and sleeps as long as they cost. */
    void pace(long rows) throws InterruptedException {
        if (rowsPerSecond <= 0 || rows <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            // The batch's own duration counts toward its cost (up to a second of slack carried over).
            nextFree = Math.max(nextFree, now - 1_000_000_000L) + rows * 1_000_000_000L / rowsPerSecond;
            wait = nextFree - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        }
    }
}
