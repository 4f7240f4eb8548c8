package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the {@code dualwrite} executable as a process of its own, on the test class path. */
final class Cli {
    private Cli() {
    }

    /** A finished run. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Starts {@code dualwrite args...} with stdout and stderr going to the two files. */
    static Process start(Map<String, String> env, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("DUALWRITE_PASSWORD");
        pb.environment().remove("DUALWRITE_CONFIG");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs {@code dualwrite args...} to its end (at most two minutes). */
    static Result run(Map<String, String> env, String... args) throws Exception {
        Path dir = Files.createTempDirectory("dualwrite-cli");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = start(env, out, err, args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("dualwrite " + String.join(" ", args) + " did not end within two minutes");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Files.deleteIfExists(dir);
        return r;
    }

    static Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }
}
