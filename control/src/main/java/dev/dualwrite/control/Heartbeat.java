package dev.dualwrite.control;

import java.util.List;

/**
 * What one heartbeat says: the instance is alive (or, with {@code stoppedAt}, has stopped) and applies these windows.
 *
 * @param instance      who
 * @param configVersion the fleet's configuration version whose windows it applies, or null before its first read
 * @param now           when, epoch milliseconds of the instance's clock
 * @param stoppedAt     when it stopped cleanly, or null while it runs
 * @param windows       per window it applies
 */
public record Heartbeat(Instance instance, Long configVersion, long now, Long stoppedAt, List<WindowUse> windows) {

    public Heartbeat {
        windows = List.copyOf(windows);
    }

    /**
     * One window as an instance applies and uses it.
     *
     * @param windowKey         the window's key in the control tables
     * @param phaseApplied      the phase's configuration spelling, or {@code drop} for a drop window
     * @param oldNameStatements statements that used the old name since the instance started
     * @param newNameStatements statements that used the new name since the instance started
     * @param oldNameLastUsed   when the old name was last used, epoch milliseconds, or null
     */
    public record WindowUse(String windowKey, String phaseApplied, long oldNameStatements, long newNameStatements,
            Long oldNameLastUsed) {
    }
}
