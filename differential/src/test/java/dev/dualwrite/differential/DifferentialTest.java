package dev.dualwrite.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential tester: the hand-written corpus and the generated statements, each through every door in every
 * phase, compared with the bare driver (see docs/differential.md). System properties:
 * <ul>
 * <li>{@code differential.doors}: doors or databases to run, e.g. {@code h2,sidecar/simple} (default all)</li>
 * <li>{@code differential.class}, {@code differential.case}: only the corpus classes (comma list) / titles containing
 * this text</li>
 * <li>{@code differential.corpus}: {@code corpus} (default) or {@code findings}, the known-wrong cases</li>
 * <li>{@code differential.generated}: how many generated statements (default 150; 0 for none)</li>
 * <li>{@code differential.seed}: the generator's first seed (each statement i uses seed + i)</li>
 * <li>{@code differential.features}: generator forms tied to a class of issue ({@code all}, {@code none}, or names of
 * {@link Generator.Feature})</li>
 * </ul>
 * The report is printed and written to {@code target/differential-report.txt}. A wrong outcome or the rejection of a
 * case marked {@code @must-rewrite} fails the test.
 */
class DifferentialTest {
    private static final int SHOWN = 25;
    private static Fleet fleet;
    private static Report report;
    private static Harness harness;

    @BeforeAll
    static void start() throws SQLException {
        Set<Door> doors = Door.parse(System.getProperty("differential.doors"));
        fleet = new Fleet(doors);
        report = new Report();
        harness = new Harness(fleet, doors, report);
    }

    @AfterAll
    static void finish() {
        if (harness != null) {
            harness.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (report != null) {
            String text = report.render();
            System.out.println(text);
            report.write(Path.of("target", "differential-report.txt"));
        }
    }

    @Test
    void corpus() throws Exception {
        String dir = System.getProperty("differential.corpus", "corpus");
        List<Case> cases = Harness.select(CorpusReader.readDirectory(resource(dir)),
                System.getProperty("differential.class"), System.getProperty("differential.case"));
        assertTrue(!cases.isEmpty(), "no corpus case selected in " + dir);
        int bad = 0;
        for (Case c : cases) {
            bad += harness.run(c);
        }
        assertNone(bad, report.failures().stream().filter(f -> !f.startsWith("generated")).toList());
    }

    @Test
    void generated() throws Exception {
        int count = Integer.getInteger("differential.generated", 150);
        long seed = Long.getLong("differential.seed", 20_261_201L);
        Generator generator = new Generator(Generator.Feature.parse(System.getProperty("differential.features")));
        System.out.println("differential: " + count + " generated statements from seed " + seed);
        int bad = 0;
        for (int i = 0; i < count; i++) {
            bad += harness.run(generator.generate(seed + i));
        }
        assertNone(bad, report.failures().stream().filter(f -> f.startsWith("generated")).toList());
    }

    private static void assertNone(int bad, List<String> failures) {
        if (bad > 0) {
            StringBuilder b = new StringBuilder(bad + " wrong outcomes or false rejections "
                    + "(all in target/differential-report.txt):\n");
            failures.stream().limit(SHOWN).forEach(f -> b.append('\n').append(f));
            throw new AssertionError(b.toString());
        }
    }

    static Path resource(String dir) throws URISyntaxException {
        URL url = DifferentialTest.class.getClassLoader().getResource(dir);
        if (url == null) {
            throw new IllegalStateException("no test resource directory " + dir);
        }
        return Path.of(url.toURI());
    }
}
