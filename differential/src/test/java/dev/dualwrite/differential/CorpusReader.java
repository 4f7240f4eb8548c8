package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.Case.Oracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the hand-written cases: every {@code *.sql} file of a directory, the file's name being the class of the
 * cases in it. The format is described in {@code corpus/README.md}:
 * <pre>
 * -- a comment
 * == title of the case
 * &#64;version new                  old | new | any (default any)
 * &#64;dialects postgresql, h2      default: all three
 * &#64;phases mirror, read-new      default: all four
 * &#64;must-rewrite                 a rejection is a failure
 * &#64;ordered                      compare rows in order
 * &#64;keys                         request generated keys (&#64;keys id: by column name)
 * &#64;params 'alice', 2, null      values for the ? of the statements, in order
 * &#64;oracle physical              compare with the statement run as written on the physical schema
 * &#64;oracle data                  compare with the old version's schema that keeps its phone numbers
 * &#64;commits t1                   a statement creates t1, which commits on H2 and MariaDB
 * &#64;cleanup SET sql_mode = DEFAULT  run after the case whatever happened (one statement per line)
 * DELETE FROM users WHERE ...;    one or more statements, each ending with ; at the end of a line
 * </pre>
 */
final class CorpusReader {
    private CorpusReader() {
    }

    static List<Case> readDirectory(Path dir) {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                cases.addAll(read(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static List<Case> read(Path file) {
        String kind = file.getFileName().toString().replaceFirst("\\.sql$", "");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        Builder b = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.trim();
            if (t.startsWith("==")) {
                if (b != null) {
                    cases.add(b.build());
                }
                b = new Builder(kind, t.substring(2).trim(), file.getFileName() + ":" + (i + 1));
            } else if (t.isEmpty() || t.startsWith("--") && (b == null || b.sql.isEmpty())) {
                continue;
            } else if (b == null) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": text before the first '== title'");
            } else if (t.startsWith("@") && b.sql.isEmpty() && b.statements.isEmpty()) {
                b.attribute(t.substring(1), file + ":" + (i + 1));
            } else {
                b.sql.append(b.sql.isEmpty() ? "" : "\n").append(line);
                if (t.endsWith(";")) {
                    b.endStatement();
                }
            }
        }
        if (b != null) {
            cases.add(b.build());
        }
        return cases;
    }

    private static final class Builder {
        final String kind;
        final String title;
        final String origin;
        Set<Version> versions = EnumSet.allOf(Version.class);
        Set<Family> families = EnumSet.allOf(Family.class);
        Set<Phase> phases = EnumSet.allOf(Phase.class);
        boolean mustRewrite;
        boolean ordered;
        List<String> keys;
        Oracle oracle = Oracle.LOGICAL;
        List<Object> params = new ArrayList<>();
        List<String> committing = new ArrayList<>();
        List<String> cleanup = new ArrayList<>();
        final StringBuilder sql = new StringBuilder();
        final List<String> statements = new ArrayList<>();

        Builder(String kind, String title, String origin) {
            this.kind = kind;
            this.title = title;
            this.origin = origin;
        }

        void attribute(String text, String where) {
            int sp = text.indexOf(' ');
            String name = (sp < 0 ? text : text.substring(0, sp)).toLowerCase(Locale.ROOT);
            String value = sp < 0 ? "" : text.substring(sp + 1).trim();
            switch (name) {
                case "version" -> versions = value.equalsIgnoreCase("any") ? EnumSet.allOf(Version.class)
                        : EnumSet.of(Version.parse(value));
                case "dialects" -> {
                    families = EnumSet.noneOf(Family.class);
                    for (String d : value.split("[,\\s]+")) {
                        families.add(Family.parse(d));
                    }
                }
                case "phases" -> {
                    phases = EnumSet.noneOf(Phase.class);
                    for (String p : value.split("[,\\s]+")) {
                        phases.add(Phase.fromConfigName(p));
                    }
                }
                case "must-rewrite" -> mustRewrite = true;
                case "ordered" -> ordered = true;
                case "keys" -> keys = value.isEmpty() ? List.of() : List.of(value.split("[,\\s]+"));
                case "params" -> params = Literals.parseList(value);
                case "oracle" -> oracle = Oracle.valueOf(value.toUpperCase(Locale.ROOT));
                case "commits" -> committing = List.of(value.split("[,\\s]+"));
                case "cleanup" -> cleanup.add(value);
                default -> throw new IllegalArgumentException(where + ": unknown attribute @" + name);
            }
        }

        void endStatement() {
            String s = sql.toString().trim();
            statements.add(s.substring(0, s.length() - 1).trim());
            sql.setLength(0);
        }

        Case build() {
            if (!sql.toString().isBlank()) {
                statements.add(sql.toString().trim());
            }
            if (statements.isEmpty()) {
                throw new IllegalArgumentException(origin + ": a case without a statement");
            }
            return new Case(kind, title, origin, versions, families, phases, mustRewrite, ordered, keys, oracle,
                    List.copyOf(statements), java.util.Collections.unmodifiableList(new ArrayList<>(params)), committing,
                    List.copyOf(cleanup));
        }
    }
}
