package dev.dualwrite.sidecar;

import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The interpreters and toolchains of the clients that {@link RollingRename} drives (Python with psycopg 3, Ruby with
 * ActiveRecord and pg, Go with pgx v4 from Debian's sources). Each lookup skips the calling test when the client is
 * missing, or fails it under {@code CI}, with the Debian packages that bring it.
 */
final class ClientRuntimes {
    /** Where Debian's golang-*-dev packages put their sources (a GOPATH). */
    static final Path DEBIAN_GOPATH = Path.of("/usr/share/gocode");

    private ClientRuntimes() {
    }

    /**
     * The first {@code python3} on the PATH that imports {@code module} (a version manager's shim may come first and
     * lack it), else a skip naming the package.
     */
    static Path pythonWith(String module, String debianPackage) {
        for (Path p : ExternalPrograms.onPath("python3")) {
            Result r = new Run(p, "-c", "import " + module).timeout(Duration.ofSeconds(30)).run();
            if (r.ok()) {
                return p;
            }
        }
        ExternalPrograms.missing("no python3 on the PATH can import " + module + " (Debian package "
                + debianPackage + ")");
        return null;
    }

    /** A {@code ruby} that loads ActiveRecord and the pg gem, else a skip. */
    static Path rubyWithActiveRecord() {
        for (Path p : ExternalPrograms.onPath("ruby")) {
            Result r = new Run(p, "-e", "require 'active_record'; require 'pg'").timeout(Duration.ofSeconds(60))
                    .run();
            if (r.ok()) {
                return p;
            }
        }
        ExternalPrograms.missing("no ruby on the PATH loads active_record and pg (Debian packages"
                + " ruby-activerecord and ruby-pg)");
        return null;
    }

    /**
     * Builds a Go program that uses pgx v4 offline, in GOPATH mode against Debian's sources, into {@code dir}, and
     * returns the executable; skips when go or the sources are missing.
     */
    static Path goProgramWithPgx(Path source, Path dir) {
        Path go = ExternalPrograms.find("go").orElse(null);
        if (go == null) {
            ExternalPrograms.missing("go is not on the PATH (Debian package golang-go)");
        }
        if (!Files.isDirectory(DEBIAN_GOPATH.resolve("src/github.com/jackc/pgx/v4"))) {
            ExternalPrograms.missing("pgx v4 sources are not in " + DEBIAN_GOPATH
                    + " (Debian package golang-github-jackc-pgx-v4-dev)");
        }
        Path exe = dir.resolve("workload");
        Path cache = Path.of(System.getProperty("basedir", "."), "target", "go-build-cache").toAbsolutePath();
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result r = new Run(go, "build", "-o", exe, source.getFileName())
                .directory(source.getParent())
                .env("GO111MODULE", "off")
                .env("GOPATH", DEBIAN_GOPATH.toString())
                .env("GOFLAGS", "")
                .env("GOPROXY", "off")
                .env("GOCACHE", cache.toString())
                .timeout(Duration.ofSeconds(300)).run();
        if (!r.ok()) {
            throw new AssertionError("the Go workload did not build\n" + r.describe());
        }
        return exe;
    }
}
