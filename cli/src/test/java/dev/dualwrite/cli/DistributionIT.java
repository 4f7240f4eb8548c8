package dev.dualwrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution archive, unpacked: bin/dualwrite runs lib/dualwrite.jar with nothing else on the class path. */
@Tag("process")
class DistributionIT {
    @TempDir
    Path dir;

    private String run(Path launcher, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = launcher.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("DUALWRITE_CONFIG");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() + "\n" + out;
    }

    @Test
    void unpacksAndRuns() throws Exception {
        Path archive = Paths.get(System.getProperty("dualwrite.dist"));
        assertTrue(Files.isRegularFile(archive), archive + " is built by mvn package");
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", dir.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path home = Files.list(dir).findFirst().orElseThrow();
        Path launcher = home.resolve("bin/dualwrite");
        assertTrue(Files.isExecutable(launcher));
        assertTrue(Files.isRegularFile(home.resolve("lib/dualwrite.jar")));
        assertTrue(Files.isRegularFile(home.resolve("docs/operations.md")));
        // Every page the README links to is in the archive.
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("\\]\\((docs/[a-z-]+\\.md)")
                .matcher(Files.readString(home.resolve("README.md")));
        int links = 0;
        while (link.find()) {
            assertTrue(Files.isRegularFile(home.resolve(link.group(1))), link.group(1) + " is in the archive");
            links++;
        }
        assertTrue(links >= 4, "README links to the docs: " + links);

        String version = run(launcher, "--version");
        assertTrue(version.startsWith("0\ndualwrite "), version);
        String plan = run(launcher, "plan", "--help");
        assertTrue(plan.startsWith("0\n") && plan.contains("--json"), plan);
        // The drivers travel in the jar: an H2 URL connects, and the missing table is the one problem named.
        Path config = dir.resolve("dualwrite.yaml");
        Files.writeString(config, "windows:\n  - table: people\n    from: full_name\n    to: display_name\n"
                + "    phase: mirror\n");
        String missing = run(launcher, "plan", "people.full_name", "--url", "jdbc:h2:mem:dist", "--config",
                config.toString());
        assertTrue(missing.startsWith("2\n") && missing.contains("table people of window people.full_name does not"
                + " exist"), missing);
    }
}
