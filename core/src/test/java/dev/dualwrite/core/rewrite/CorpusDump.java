package dev.dualwrite.core.rewrite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A tool, not a test: writes what the engine actually produces for every corpus case, in corpus format, to help write
 * and review expectations. Run it with
 * {@code mvn -pl core test-compile exec:java -Dexec.mainClass=dev.dualwrite.core.rewrite.CorpusDump
 * -Dexec.classpathScope=test}; the optional argument ({@code -Dexec.args=DIR}) is the output directory (default
 * {@code core/target/corpus-actual}).
 */
public final class CorpusDump {
    private CorpusDump() {
    }

    public static void main(String[] args) throws Exception {
        // By default next to the compiled tests (core/target/test-classes): core/target/corpus-actual.
        Path out = args.length > 0 ? Paths.get(args[0])
                : Paths.get(CorpusDump.class.getResource("/corpus").toURI()).getParent().getParent()
                        .resolve("corpus-actual");
        Files.createDirectories(out);
        int cases = 0;
        for (Path file : CorpusTest.corpusFiles()) {
            StringBuilder b = new StringBuilder();
            String last = null;
            for (CorpusTest.Case c : CorpusTest.parse(file)) {
                if (!c.sql.equals(last)) {
                    b.append("\n== ").append(c.title).append('\n').append(c.sql).append('\n');
                    last = c.sql;
                }
                Plan p = c.engine().plan(c.sql);
                String actual = p.isRejected() ? "reject " + p.rejection().sqlState() + " " + p.rejection().reason()
                        : p.physicalSql(c.sql).equals(c.sql) ? "same" : p.physicalSql(c.sql).replace("\n", "\\n");
                b.append("-> ").append(c.phase).append(": ").append(actual).append('\n');
                if (!p.parameters().isIdentity()) {
                    b.append("   params: ").append(p.parameters()).append('\n');
                }
                cases++;
            }
            Files.writeString(out.resolve(file.getFileName().toString()), b.toString());
        }
        System.out.println("wrote " + cases + " cases to " + out.toAbsolutePath());
    }
}
