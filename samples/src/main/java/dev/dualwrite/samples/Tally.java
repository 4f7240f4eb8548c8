package dev.dualwrite.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** What one version of the application did during one step: statements run, and what went wrong. */
final class Tally {
    private static final int KEPT_PROBLEMS = 5;

    private final LongAdder statements = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final List<String> problems = new ArrayList<>();

    void statement() {
        statements.increment();
    }

    /** A statement failed, or returned something other than what the application expected. */
    void failure(String what) {
        failures.increment();
        synchronized (problems) {
            if (problems.size() < KEPT_PROBLEMS) {
                problems.add(what);
            }
        }
    }

    long statements() {
        return statements.sum();
    }

    long failures() {
        return failures.sum();
    }

    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }
}
