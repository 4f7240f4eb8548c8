package dev.dualwrite.sidecar;

import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Client programs in other languages (test resources under {@code clients/}) and the interpreters that run them. */
final class ClientScripts {
    /** The node-postgres release the tests install. */
    static final String NODE_PG_VERSION = "8.23.1";

    private ClientScripts() {
    }

    /** Copies a script from the test resources to {@code dir} and returns its path. */
    static Path script(String name, Path dir) {
        try (InputStream in = ClientScripts.class.getResourceAsStream("/clients/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource clients/" + name);
            }
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key=value lines a client script printed (later keys win). */
    static Map<String, String> report(Result r) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : r.out().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    /**
     * A Python 3 with psycopg2: the system property {@code dualwrite.test.python}, else the first {@code python3} on
     * the PATH that can import it (a version manager's shim may come first and lack it). Skips, or fails under CI.
     */
    static Path pythonWithPsycopg2() {
        String configured = System.getProperty("dualwrite.test.python");
        if (configured != null && !configured.isBlank()) {
            if (!Files.isExecutable(Path.of(configured))) {
                ExternalPrograms.missing("dualwrite.test.python names " + configured + ", which is not executable");
            }
            return Path.of(configured);
        }
        for (Path p : ExternalPrograms.onPath("python3")) {
            Result r = new Run(p, "-c", "import psycopg2").timeout(Duration.ofSeconds(30)).run();
            if (r.ok()) {
                return p;
            }
        }
        ExternalPrograms.missing("no python3 on the PATH can import psycopg2");
        return null;
    }

    /**
     * A directory with node-postgres installed (by npm, into the build directory, once per version), or a skip
     * (a failure under CI) when node or npm is missing or the installation fails.
     */
    static Path nodeModulesDir() {
        ExternalPrograms.require("node");
        Optional<Path> npm = ExternalPrograms.find("npm");
        if (npm.isEmpty()) {
            ExternalPrograms.missing("npm is not on the PATH");
        }
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "node-clients").toAbsolutePath();
        Path installed = dir.resolve("node_modules").resolve("pg").resolve("package.json");
        try {
            if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + NODE_PG_VERSION
                    + "\"")) {
                return dir;
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), "{\n  \"name\": \"sidecar-node-clients\",\n"
                    + "  \"private\": true,\n  \"dependencies\": {\n    \"pg\": \"" + NODE_PG_VERSION + "\"\n  }\n}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result r = new Run(npm.get(), "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error")
                .directory(dir).timeout(Duration.ofSeconds(180)).run();
        if (!r.ok() || !Files.exists(installed)) {
            ExternalPrograms.missing("npm could not install pg@" + NODE_PG_VERSION + "\n" + r.describe());
        }
        return dir;
    }
}
