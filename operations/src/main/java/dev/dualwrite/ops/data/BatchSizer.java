package dev.dualwrite.ops.data;

/**
 * The number of rows of the next batch: fixed when the user fixed it, else the size that takes the target duration
 * at the slowest per-row cost of the last few full batches. Taking the slowest of several, not the last one, keeps
 * batches short through a slow period of the database (a checkpoint writing out pages, a burst of other writes),
 * which lasts many batches: one fast batch in the middle of it does not grow the next into the slow moment. The size
 * grows by at most half per batch (a region of rows that need no change is cheap, and the next region may not be)
 * and shrinks at once by as much as needed.
 */
public final class BatchSizer {
    static final int INITIAL = 1000;
    static final int MIN = 10;
    static final int MAX = 50_000;
    /** How many full batches the per-row cost is taken over. */
    static final int HISTORY = 8;

    private final boolean fixed;
    private final long targetNanos;
    private final double[] costs = new double[HISTORY];
    private int recorded;
    private int size;

    /** @param fixedSize the user's batch size, or 0 to adapt to {@code targetMillis} */
    public BatchSizer(int fixedSize, int targetMillis) {
        this.fixed = fixedSize > 0;
        this.size = fixed ? fixedSize : INITIAL;
        this.targetNanos = Math.max(1, targetMillis) * 1_000_000L;
    }

    public int size() {
        return size;
    }

    /** A batch of {@code rows} rows took {@code nanos}. */
    public void took(int rows, long nanos) {
        if (fixed || rows < size) {
            return; // the last, short batch of a range says nothing about the rate
        }
        costs[recorded++ % HISTORY] = (double) Math.max(1, nanos) / rows;
        double slowest = 0;
        for (int i = 0, n = Math.min(recorded, HISTORY); i < n; i++) {
            slowest = Math.max(slowest, costs[i]);
        }
        double next = Math.min(size * 1.5, targetNanos / slowest);
        size = (int) Math.max(MIN, Math.min(MAX, Math.round(next)));
    }

    /** A batch failed on a lock: try a smaller one. */
    public void contended() {
        if (!fixed) {
            size = Math.max(MIN, size / 2);
        }
    }
}
