package dev.dualwrite.benchmarks;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Start-up cost of the agent: runs {@link StartupApp} in fresh JVMs, alternately without and with
 * {@code -javaagent:dualwrite-agent.jar}, and reports the median and spread of the time from JVM start to the end of
 * the first query, and of the whole process. Alternating runs share the machine's noise between both sides.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dualwrite.benchmarks.AgentStartup agent/target/dualwrite-agent.jar 20
 * </pre>
 */
public final class AgentStartup {
    private AgentStartup() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Paths.get(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Paths.get(AgentStartup.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Path dir = Files.createTempDirectory("dualwrite-startup");
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n");
        List<Long> plainQuery = new ArrayList<>();
        List<Long> agentQuery = new ArrayList<>();
        List<Long> plainProcess = new ArrayList<>();
        List<Long> agentProcess = new ArrayList<>();
        for (int i = -2; i < runs; i++) {
            for (boolean withAgent : new boolean[] {false, true}) {
                List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto"));
                if (withAgent) {
                    cmd.add("-javaagent:" + agent + "=config=" + config);
                }
                cmd.addAll(List.of("-cp", cp, StartupApp.class.getName()));
                long start = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = p.waitFor();
                long process = (System.nanoTime() - start) / 1_000_000;
                if (exit != 0 || !out.contains("first-query-ms=")) {
                    throw new IllegalStateException("the application failed: " + out);
                }
                long query = Long.parseLong(out.substring(out.indexOf('=') + 1).strip());
                if (i < 0) {
                    continue; // warm the file system cache
                }
                (withAgent ? agentQuery : plainQuery).add(query);
                (withAgent ? agentProcess : plainProcess).add(process);
            }
        }
        System.out.printf(Locale.ROOT, "runs per side: %d (%s)%n", runs, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "JVM start to first query, without agent: %s%n", describe(plainQuery));
        System.out.printf(Locale.ROOT, "JVM start to first query, with agent:    %s%n", describe(agentQuery));
        System.out.printf(Locale.ROOT, "whole process, without agent:            %s%n", describe(plainProcess));
        System.out.printf(Locale.ROOT, "whole process, with agent:               %s%n", describe(agentProcess));
        System.out.printf(Locale.ROOT, "median cost of the agent to the first query: %+d ms%n",
                median(agentQuery) - median(plainQuery));
        for (File f : dir.toFile().listFiles()) {
            Files.deleteIfExists(f.toPath());
        }
        Files.deleteIfExists(dir);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String describe(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "median %d ms (min %d, max %d)", median(sorted), sorted.get(0),
                sorted.get(sorted.size() - 1));
    }
}
