package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import org.junit.jupiter.api.Test;

/** The parse budget counts the parsing thread's CPU time, so a thread that waits for a core is not cut short. */
class ParseGuardTest {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static CCJSqlParser parser() {
        return new CCJSqlParser(new StringProvider("SELECT 1"));
    }

    @Test
    void timeSpentWithoutCpuDoesNotUseTheBudget() throws InterruptedException {
        assumeTrue(CPU.isCurrentThreadCpuTimeSupported() && CPU.isThreadCpuTimeEnabled(),
                "this JVM cannot read a thread's CPU time; the budget is wall-clock time here");
        try (ParseGuard.Armed armed = ParseGuard.arm(parser(), 50)) {
            // Four times the budget in wall-clock time, almost none of it on a CPU: as when the host is oversubscribed.
            Thread.sleep(200);
            assertFalse(armed.expired(), "the guard stopped a parse that had used almost no CPU time");
        }
    }

    @Test
    void cpuTimeOverTheBudgetStopsTheParse() {
        try (ParseGuard.Armed armed = ParseGuard.arm(parser(), 20)) {
            long start = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long sink = 0;
            while (!armed.expired() && System.nanoTime() < deadline) {
                sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
            }
            assertTrue(armed.expired(), "30 s of spinning did not spend a 20 ms budget (" + sink + ")");
            long used = (CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : System.nanoTime())
                    - start;
            assertTrue(used >= TimeUnit.MILLISECONDS.toNanos(20), "expired after only " + used + " ns");
        }
    }

    @Test
    void aClosedGuardNeverFires() throws InterruptedException {
        CCJSqlParser p = parser();
        ParseGuard.arm(p, 5).close();
        Thread.sleep(50);
        assertFalse(p.interrupted);
    }
}
