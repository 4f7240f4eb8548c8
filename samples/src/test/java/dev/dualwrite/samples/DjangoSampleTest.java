package dev.dualwrite.samples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.db.TestDatabases;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Django sample ({@code samples/django/rolling_rename.py}) as a user would: the whole rename of
 * {@code people.full_name} and the whole drop of {@code people.phone_number}, with version 1 and version 2 of the
 * application serving requests through the dualwrite sidecar the whole time, against a scratch database on the test
 * PostgreSQL server. The sidecar is the dualwrite executable run from this module's test class path. Asserts the
 * script's outcome: every step done, zero failed requests, zero rows that are not as last written.
 *
 * <p>Skips without Python 3 with Django and psycopg2 or without psql (Debian packages python3-django,
 * python3-psycopg2, postgresql-client), or without the server; fails instead when the environment variable {@code CI}
 * is set.
 */
@Tag("database")
@Tag("process")
class DjangoSampleTest {
    @TempDir
    Path work;

    @Test
    void theDjangoSampleRenamesAndDropsWhileBothVersionsServe() throws Exception {
        Path python = pythonWith("django, psycopg2");
        if (onPath("psql").isEmpty()) {
            missing("psql is not on the PATH (Debian package postgresql-client)");
        }
        URI server = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        String host = server.getHost() == null ? "127.0.0.1" : server.getHost();
        int port = server.getPort() < 0 ? 5432 : server.getPort();
        String database = ("dw_django_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000)
                .toLowerCase(Locale.ROOT);
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        try {
            Path script = Path.of(System.getProperty("basedir", "."), "django", "rolling_rename.py");
            String dualwrite = quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()) + " -cp "
                    + quote(testClassPath()) + " dev.dualwrite.cli.Main";
            List<String> command = List.of(python.toString(), script.toString(), "--database", database,
                    "--pg-host", host, "--pg-port", Integer.toString(port), "--dualwrite", dualwrite,
                    "--python", python.toString(), "--cycles-per-step", "4", "--work-dir", work.toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("output.txt").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            Process p = pb.start();
            boolean finished = p.waitFor(240, TimeUnit.SECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String out = Files.readString(work.resolve("output.txt"), StandardCharsets.UTF_8);
            System.out.println(out);
            if (!finished) {
                fail("the Django sample did not finish within 240 s\n" + out);
            }
            Map<String, String> seen = report(out);
            assertAll(out,
                    () -> assertEquals(0, p.exitValue(), "exit status"),
                    () -> assertEquals("clean", seen.get("result")),
                    () -> assertEquals("0", seen.get("failed_requests")),
                    () -> assertEquals("0", seen.get("divergent_rows")),
                    () -> assertTrue(Long.parseLong(seen.getOrDefault("requests_v1", "0")) > 0, "v1 served"),
                    () -> assertTrue(Long.parseLong(seen.getOrDefault("requests_v2", "0")) > 0, "v2 served"),
                    () -> assertTrue(out.contains("checks:  0 rows differ (must be 0 before reads move)"),
                            "the verify step ran and found the columns equal"),
                    () -> assertTrue(out.contains("backfill of people.full_name complete: "),
                            "dualwrite backfill ran to its end"),
                    () -> assertTrue(out.matches("(?s).*verify people\\.full_name: 0 of [1-9][0-9]* rows differ.*"),
                            "dualwrite verify compared the rows and found none differing"),
                    () -> assertTrue(out.contains("checks:  table people has: id, email, display_name\n"),
                            "the contract migration dropped both old columns"));
        } finally {
            try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** The class path of this test run (Surefire's own property when it launches through a manifest-only jar). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Map<String, String> report(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[a-z_0-9]+")) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /** The first python3 on the PATH that imports the modules (a version manager's shim may come first). */
    private static Path pythonWith(String modules) throws IOException, InterruptedException {
        for (Path p : onPath("python3")) {
            Process check = new ProcessBuilder(p.toString(), "-c", "import " + modules).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0) {
                return p;
            }
            check.destroyForcibly();
        }
        missing("no python3 on the PATH imports " + modules + " (Debian packages python3-django and"
                + " python3-psycopg2)");
        return null;
    }

    private static List<Path> onPath(String name) {
        List<Path> found = new ArrayList<>();
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate) && !found.contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    private static void missing(String what) {
        if (System.getenv("CI") != null) {
            fail(what + "; CI is set, so this test must not be skipped");
        }
        Assumptions.abort(what + "; skipping (set CI to make this a failure)");
    }
}
