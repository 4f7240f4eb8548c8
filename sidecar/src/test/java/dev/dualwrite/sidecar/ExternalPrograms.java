package dev.dualwrite.sidecar;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real clients the sidecar is tested with (psql, pgbench, Python, Node) are separate programs. A test that needs
 * one skips when it is not installed, except when the environment variable {@code CI} is set: there a missing client
 * is a failure, exactly like a missing database server.
 */
final class ExternalPrograms {

    private ExternalPrograms() {
    }

    /** Skips the calling test (or fails it under CI) because something it needs is missing. */
    static void missing(String what) {
        if (System.getenv("CI") != null) {
            Assertions.fail(what + "; CI is set, so this test must not be skipped");
        }
        Assumptions.abort(what + "; skipping (set CI to make this a failure)");
    }

    /** Every executable called {@code name} on the PATH, in PATH order. */
    static List<Path> onPath(String name) {
        List<Path> found = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path == null) {
            return found;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !found.contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    static Optional<Path> find(String name) {
        List<Path> all = onPath(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The program on the PATH, or a skip (a failure under CI). */
    static Path require(String name) {
        Optional<Path> p = find(name);
        if (p.isEmpty()) {
            missing(name + " is not on the PATH");
        }
        return p.get();
    }

    /** What a finished program did. */
    record Result(List<String> command, int exit, String out, String err, Duration took) {
        boolean ok() {
            return exit == 0;
        }

        String describe() {
            return "command " + String.join(" ", command) + "\nexit " + exit + " after " + took.toMillis()
                    + " ms\n--- stdout ---\n" + abbreviate(out) + "\n--- stderr ---\n" + abbreviate(err);
        }

        private static String abbreviate(String s) {
            return s.length() <= 6000 ? s : s.substring(0, 3000) + "\n[...]\n" + s.substring(s.length() - 3000);
        }
    }

    /** Options for running a program. */
    static final class Run {
        final List<String> command = new ArrayList<>();
        final Map<String, String> env = new LinkedHashMap<>();
        byte[] stdin = new byte[0];
        Duration timeout = Duration.ofSeconds(60);
        Path directory;

        Run(Object... command) {
            for (Object c : command) {
                this.command.add(String.valueOf(c));
            }
        }

        Run args(Object... more) {
            for (Object c : more) {
                command.add(String.valueOf(c));
            }
            return this;
        }

        Run env(String key, String value) {
            env.put(key, value);
            return this;
        }

        Run stdin(String text) {
            stdin = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        Run stdin(byte[] bytes) {
            stdin = bytes.clone();
            return this;
        }

        Run timeout(Duration value) {
            timeout = value;
            return this;
        }

        Run directory(Path value) {
            directory = value;
            return this;
        }

        /** Starts the program, its stdin written and closed in the background. */
        Started start() {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (directory != null) {
                pb.directory(directory.toFile());
            }
            Map<String, String> e = pb.environment();
            // The tests say exactly where to connect: nothing from the caller's environment may redirect a client.
            e.keySet().removeIf(k -> k.startsWith("PG"));
            e.put("PGCONNECT_TIMEOUT", "10");
            e.putAll(env);
            Process p;
            try {
                p = pb.start();
            } catch (IOException ex) {
                throw new UncheckedIOException("could not start " + command, ex);
            }
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            byte[] input = stdin;
            CompletableFuture.runAsync(() -> {
                try (OutputStream o = p.getOutputStream()) {
                    o.write(input);
                } catch (IOException ignored) {
                    // The program may exit without reading its input.
                }
            });
            return new Started(List.copyOf(command), p, out, err, timeout, System.nanoTime());
        }

        /** Runs the program to its end (killing it after the timeout, which fails the test). */
        Result run() {
            return start().await();
        }
    }

    /** A running program. */
    static final class Started {
        final List<String> command;
        final Process process;
        private final CompletableFuture<byte[]> out;
        private final CompletableFuture<byte[]> err;
        private final Duration timeout;
        private final long started;

        Started(List<String> command, Process process, CompletableFuture<byte[]> out, CompletableFuture<byte[]> err,
                Duration timeout, long started) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
            this.timeout = timeout;
            this.started = started;
        }

        /** Sends a signal by name (INT, TERM...) to the program. */
        void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
                Assertions.assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0,
                        "kill -" + name + " " + process.pid() + " failed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Result await() {
            return await(timeout);
        }

        Result await(Duration limit) {
            try {
                boolean done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                Result r = new Result(command, process.exitValue(), text(out), text(err),
                        Duration.ofNanos(System.nanoTime() - started));
                if (!done) {
                    Assertions.fail("the program did not finish within " + limit.toSeconds() + " s and was killed\n"
                            + r.describe());
                }
                return r;
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String text(CompletableFuture<byte[]> f) {
            try {
                return new String(f.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            } catch (Exception e) {
                return "(output not available: " + e + ")";
            }
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(buf);
            } catch (IOException ignored) {
                // the stream ends when the process does
            }
            f.complete(buf.toByteArray());
        }, "program-output");
        t.setDaemon(true);
        t.start();
        return f;
    }
}
