package dev.dualwrite.agent;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Forks application JVMs with and without the agent. The JDKs to test come from the environment variable
 * {@code DUALWRITE_TEST_JAVA_HOMES} (paths separated by the path separator) or are found next to the running JDK;
 * a required major version that is missing skips the test locally and fails it when {@code CI} is set.
 */
final class Forks {
    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");
    private static Map<Integer, Path> jdks;

    private Forks() {
    }

    static Path agentJar() {
        Path jar = Paths.get(System.getProperty("dualwrite.agent.jar", "target/dualwrite-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("the agent jar " + jar + " is missing; these tests run after packaging (mvn verify)");
        }
        return jar;
    }

    /** The java executable of a JDK with this major version. */
    static synchronized Path java(int major) {
        if (jdks == null) {
            jdks = findJdks();
        }
        Path home = jdks.get(major);
        if (home == null) {
            String message = "no JDK " + major + " found (set DUALWRITE_TEST_JAVA_HOMES); found " + jdks.keySet();
            if (System.getenv("CI") != null) {
                fail(message + "; CI is set, so the agent must be tested on it");
            }
            Assumptions.abort(message);
        }
        return home.resolve("bin").resolve("java");
    }

    private static Map<Integer, Path> findJdks() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("DUALWRITE_TEST_JAVA_HOMES");
        if (configured != null) {
            for (String p : configured.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    candidates.add(Paths.get(p.strip()));
                }
            }
        }
        Path current = Paths.get(System.getProperty("java.home")).toAbsolutePath();
        candidates.add(current);
        Path parent = current.getParent();
        if (parent != null) {
            try (Stream<Path> s = Files.list(parent)) {
                s.forEach(candidates::add);
            } catch (IOException ignored) {
                // no siblings to look at
            }
        }
        Map<Integer, Path> found = new LinkedHashMap<>();
        for (Path home : candidates) {
            Path java = home.resolve("bin").resolve("java");
            if (!Files.isExecutable(java)) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(20, TimeUnit.SECONDS);
                Matcher m = VERSION.matcher(out);
                if (m.find()) {
                    found.putIfAbsent(Integer.parseInt(m.group(1)), home.toRealPath());
                }
            } catch (IOException | InterruptedException ignored) {
                // not a usable JDK
            }
        }
        return found;
    }

    /** The test class path without dualwrite's own classes, as an application that never heard of dualwrite has. */
    static String applicationClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path ownClasses = Paths.get("target", "classes").toAbsolutePath();
        List<String> kept = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Paths.get(entry).toAbsolutePath();
            String file = p.getFileName() == null ? "" : p.getFileName().toString();
            if (p.equals(ownClasses) || file.startsWith("dualwrite-")) {
                continue;
            }
            kept.add(entry);
        }
        return String.join(File.pathSeparator, kept);
    }

    /** A finished application process. */
    record Run(int exit, String stdout, String stderr) {
        /** The value of a {@code RESULT key=value} line, or null. */
        String result(String key) {
            for (String line : stdout.split("\n")) {
                if (line.startsWith("RESULT " + key + "=")) {
                    return line.substring(("RESULT " + key + "=").length()).strip();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Starts an application JVM; {@code agentArgs} null runs it without the agent. */
    static Process start(int major, String agentArgs, Path dir, String mainClass, String... args) throws IOException {
        return start(major, agentArgs, List.of(), dir, mainClass, args);
    }

    /** Starts an application JVM with these JVM options; {@code agentArgs} null runs it without the agent. */
    static Process start(int major, String agentArgs, List<String> jvmOptions, Path dir, String mainClass,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java(major).toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions);
        if (agentArgs != null) {
            cmd.add("-javaagent:" + agentJar().toAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        cmd.add("-cp");
        cmd.add(applicationClassPath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DUALWRITE_CONFIG");
        String name = mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-" + System.nanoTime();
        pb.redirectOutput(dir.resolve(name + ".out").toFile());
        pb.redirectError(dir.resolve(name + ".err").toFile());
        Process p = pb.start();
        PROCESS_FILES.put(p, dir.resolve(name));
        return p;
    }

    private static final Map<Process, Path> PROCESS_FILES = new java.util.concurrent.ConcurrentHashMap<>();

    static Run await(Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("an application JVM did not finish within 120 s");
        }
        Path base = PROCESS_FILES.remove(p);
        String out = Files.readString(Paths.get(base + ".out"), StandardCharsets.UTF_8);
        String err = Files.readString(Paths.get(base + ".err"), StandardCharsets.UTF_8);
        return new Run(p.exitValue(), out, err);
    }

    static Run run(int major, String agentArgs, Path dir, String mainClass, String... args) throws Exception {
        return await(start(major, agentArgs, dir, mainClass, args));
    }
}
