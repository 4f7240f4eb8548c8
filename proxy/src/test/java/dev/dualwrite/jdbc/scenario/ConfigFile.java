package dev.dualwrite.jdbc.scenario;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The dualwrite.yaml of one run, as an operator edits it: the rename window full_name -> display_name and the drop
 * window on phone_number. A change is written atomically; the connections of the URL wrapper pick it up at their next
 * poll of the file, and {@link #apply} returns once a probe connection through the same file rewrites for the new
 * phase.
 */
final class ConfigFile implements AutoCloseable {
    private static final long APPLY_TIMEOUT_MILLIS = 10_000;

    final Path path;
    private final String table;
    private final Connection probe;

    private ConfigFile(Path path, String table, Connection probe) {
        this.path = path;
        this.table = table;
        this.probe = probe;
    }

    /** Writes the file for {@code phase} and opens the probe connection through it. */
    static ConfigFile create(ScenarioDatabase db, Path dir, String table, Phase phase) throws Exception {
        Path path = dir.resolve("dualwrite.yaml");
        write(path, table, phase);
        return new ConfigFile(path, table, db.dualwrite(path));
    }

    static String yaml(String table, Phase phase) {
        return "windows:\n"
                + "  - table: " + table + "\n"
                + "    from: full_name\n"
                + "    to: display_name\n"
                + "    phase: " + phase.configName() + "\n"
                + "  - table: " + table + "\n"
                + "    drop: phone_number\n";
    }

    /** The same windows built in code, for doors that take a configuration source. */
    static Configuration configuration(String table, Phase phase) {
        return Configuration.builder().rename(table, "full_name", "display_name", phase)
                .drop(table, "phone_number").build();
    }

    private static void write(Path path, String table, Phase phase) throws Exception {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(tmp, yaml(table, phase), StandardCharsets.UTF_8);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Rewrites the file for {@code phase} and waits until the wrapper applies it. */
    void apply(Phase phase) throws Exception {
        write(path, table, phase);
        long deadline = System.currentTimeMillis() + APPLY_TIMEOUT_MILLIS;
        Phase seen;
        while ((seen = observed()) != phase) {
            if (System.currentTimeMillis() > deadline) {
                fail("the URL wrapper did not apply phase " + phase + " from " + path + " within "
                        + APPLY_TIMEOUT_MILLIS + " ms; it still rewrites for " + seen);
            }
            Thread.sleep(10);
        }
    }

    /**
     * The phase the wrapper currently rewrites for, read from how it rewrites an UPDATE that assigns and filters on
     * full_name: which names the SET writes tells old-only, mirror/read-new and new-only apart, and which name the
     * WHERE reads separates mirror from read-new.
     */
    Phase observed() throws SQLException {
        String out = probe.nativeSQL("UPDATE " + table + " SET full_name = 'p' WHERE full_name = 'q'")
                .toLowerCase(Locale.ROOT);
        int w = out.lastIndexOf(" where ");
        String set = out.substring(0, w);
        String where = out.substring(w);
        boolean writesOld = set.contains("full_name");
        boolean writesNew = set.contains("display_name");
        boolean readsNew = where.contains("display_name");
        if (writesOld && !writesNew) {
            return Phase.OLD_ONLY;
        }
        if (writesOld && writesNew) {
            return readsNew ? Phase.READ_NEW : Phase.MIRROR;
        }
        return writesNew ? Phase.NEW_ONLY : null;
    }

    @Override
    public void close() throws SQLException {
        probe.close();
    }
}
