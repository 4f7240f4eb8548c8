package dev.dualwrite.ops.data;

/**
 * The number of rows of the next batch: fixed when the user fixed it, else moved toward the size that takes the
 * target duration. It grows by at most half per batch (a region of rows that need no change is cheap, and the next
 * region may not be: growing fast overshoots the target there) and shrinks at once by as much as needed.
 */
public final class BatchSizer {
    static final int INITIAL = 1000;
    static final int MIN = 10;
    static final int MAX = 50_000;

    private final boolean fixed;
    private final long targetNanos;
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
        double factor = (double) targetNanos / Math.max(1, nanos);
        factor = Math.max(0.1, Math.min(1.5, factor));
        size = (int) Math.max(MIN, Math.min(MAX, Math.round(size * factor)));
    }

    /** A batch failed on a lock: try a smaller one. */
    public void contended() {
        if (!fixed) {
            size = Math.max(MIN, size / 2);
        }
    }
}
