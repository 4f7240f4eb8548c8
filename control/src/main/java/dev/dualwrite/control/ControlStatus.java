package dev.dualwrite.control;

import java.util.List;

/**
 * What an instance's link to the control tables looks like now, for metrics and health.
 *
 * @param instanceId    the instance's id in the control tables, or null before its first poll
 * @param kind          {@code jdbc}, {@code agent} or {@code sidecar}
 * @param fleetVersion  the fleet's configuration version whose windows it applies, or null while it applies its
 *                      file's windows (the control tables not read yet)
 * @param reachable     whether the last poll read and wrote the control tables
 * @param lastHeartbeat when the last heartbeat was written, epoch milliseconds, or 0 if never
 * @param problem       why the last poll failed, or null
 * @param windows       per window it applies: phase and counters, as its heartbeat writes them
 */
public record ControlStatus(String instanceId, String kind, Long fleetVersion, boolean reachable, long lastHeartbeat,
        String problem, List<Heartbeat.WindowUse> windows) {
}
