package dev.dualwrite.differential;

import dev.dualwrite.differential.Judge.Kind;
import dev.dualwrite.differential.Judge.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of verdicts per class of statements and door, the rejections by reason, and every failure with what is
 * needed to rerun it alone.
 */
final class Report {
    private final Map<String, Map<String, EnumMap<Kind, Integer>>> counts = new TreeMap<>();
    private final Map<String, Integer> reasons = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, long[]> time = new TreeMap<>();

    synchronized void add(String kind, String door, Verdict v, String failureText) {
        counts.computeIfAbsent(kind, k -> new TreeMap<>()).computeIfAbsent(door, k -> new EnumMap<>(Kind.class))
                .merge(v.kind(), 1, Integer::sum);
        if (v.kind() == Kind.REJECTED || v.kind() == Kind.FALSE_REJECTION) {
            reasons.merge(abbreviateReason(v.detail()), 1, Integer::sum);
        }
        if (v.bad()) {
            failures.add(failureText);
        }
    }

    /** Adds the time one run on a door (or {@code bare/<database>}) took. */
    synchronized void time(String door, long nanos) {
        long[] t = time.computeIfAbsent(door, k -> new long[2]);
        t[0]++;
        t[1] += nanos;
    }

    private static String abbreviateReason(String r) {
        return r.length() > 160 ? r.substring(0, 160) + "..." : r;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** Failures whose text starts with a class name's prefix (for a test that owns those classes). */
    synchronized List<String> failuresOf(String kindPrefix) {
        return failures.stream().filter(f -> f.startsWith(kindPrefix)).toList();
    }

    synchronized String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-28s %-20s %7s %8s %8s %7s%n", "class", "door", "exact", "rejected", "false-rej",
                "wrong"));
        EnumMap<Kind, Integer> total = new EnumMap<>(Kind.class);
        for (var byKind : counts.entrySet()) {
            for (var byDoor : byKind.getValue().entrySet()) {
                EnumMap<Kind, Integer> c = byDoor.getValue();
                c.forEach((k, n) -> total.merge(k, n, Integer::sum));
                b.append(String.format("%-28s %-20s %7d %8d %8d %7d%n", byKind.getKey(), byDoor.getKey(),
                        c.getOrDefault(Kind.EXACT, 0), c.getOrDefault(Kind.REJECTED, 0),
                        c.getOrDefault(Kind.FALSE_REJECTION, 0), c.getOrDefault(Kind.WRONG, 0)));
            }
        }
        b.append(String.format("%-28s %-20s %7d %8d %8d %7d%n", "total", "", total.getOrDefault(Kind.EXACT, 0),
                total.getOrDefault(Kind.REJECTED, 0), total.getOrDefault(Kind.FALSE_REJECTION, 0),
                total.getOrDefault(Kind.WRONG, 0)));
        b.append("\nruns and time per door:\n");
        time.forEach((door, t) -> b.append(String.format("%-22s %7d runs %8.1f s %6.2f ms/run%n", door, t[0],
                t[1] / 1e9, t[0] == 0 ? 0 : t[1] / 1e6 / t[0])));
        b.append("\nrejections by reason:\n");
        reasons.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(e -> b.append(String.format("%7d  %s%n", e.getValue(), e.getKey())));
        b.append("\nfailures: ").append(failures.size()).append('\n');
        for (String f : failures) {
            b.append('\n').append(f).append('\n');
        }
        return b.toString();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
