package dev.dualwrite.ops.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchSizerTest {
    private static final long MS = 1_000_000;

    @Test
    void adaptsTowardTheTargetGrowingSlowlyAndShrinkingAtOnce() {
        BatchSizer s = new BatchSizer(0, 200);
        assertEquals(1000, s.size());
        s.took(1000, 20 * MS); // ten times too fast: grows by half only
        assertEquals(1500, s.size());
        s.took(1500, 1000 * MS); // five times too slow: down to the size that takes 200 ms
        assertEquals(300, s.size());
        s.took(100, 5000 * MS); // a short last batch of a range says nothing
        assertEquals(300, s.size());
        s.contended();
        assertEquals(150, s.size());
        for (int i = 0; i < 20; i++) {
            s.took(s.size(), 10_000 * MS);
        }
        assertEquals(BatchSizer.MIN, s.size());
        for (int i = 0; i < 50; i++) {
            s.took(s.size(), MS);
        }
        assertEquals(BatchSizer.MAX, s.size());
    }

    @Test
    void aSlowBatchKeepsTheSizeDownForTheNextFewBatches() {
        BatchSizer s = new BatchSizer(0, 200);
        for (int i = 0; i < 30; i++) {
            s.took(s.size(), s.size() * 10_000L); // 10 us a row: 20,000 rows take the target
        }
        assertEquals(20_000, s.size());
        s.took(20_000, 600 * MS); // a slow moment: three times the cost
        assertEquals(6_667, s.size());
        for (int i = 1; i < BatchSizer.HISTORY; i++) {
            s.took(s.size(), s.size() * 10_000L); // fast again, but the slow batch is among the last few
            assertEquals(6_667, s.size(), "batch " + i + " after the slow one");
        }
        s.took(s.size(), s.size() * 10_000L); // the slow batch has left the history: grows by half
        assertEquals(10_001, s.size()); // 6,667 * 1.5
    }

    @Test
    void aFixedSizeStays() {
        BatchSizer s = new BatchSizer(250, 200);
        s.took(250, 10_000 * MS);
        s.contended();
        assertEquals(250, s.size());
    }
}
