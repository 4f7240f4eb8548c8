package dev.dualwrite.control;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who an instance is, as its row in {@value ControlTables#INSTANCES} says.
 *
 * @param id        stable for the life of the process: host, pid and a random part (pids are reused)
 * @param kind      {@code jdbc}, {@code agent} or {@code sidecar}
 * @param host      the host name
 * @param pid       the process id
 * @param app       the application's name when known, else null
 * @param startedAt when the instance started, epoch milliseconds
 * @param pollMs    its poll interval
 */
public record Instance(String id, String kind, String host, long pid, String app, long startedAt, long pollMs) {
    public static final String JDBC = "jdbc";
    public static final String AGENT = "agent";
    public static final String SIDECAR = "sidecar";

    /** This process as an instance of {@code kind}. Looks up the host name: call it off the statement path. */
    public static Instance of(String kind, String app, long pollMs) {
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String id = host + "-" + pid + "-" + HexFormat.of().formatHex(random);
        if (id.length() > 100) {
            id = id.substring(id.length() - 100);
        }
        return new Instance(id, kind, host, pid, app == null || app.isBlank() ? null : truncate(app.strip()),
                System.currentTimeMillis(), pollMs);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        try {
            return truncate(InetAddress.getLocalHost().getHostName());
        } catch (Exception e) {
            return env != null && !env.isBlank() ? truncate(env) : "unknown-host";
        }
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }
}
