package dev.dualwrite.spring.rename;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Operations and failures of one version during one step of the scenario. */
final class Tally {
    private final LongAdder operations = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    void count() {
        operations.increment();
    }

    void fail(String problem) {
        failures.increment();
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }

    long operations() {
        return operations.sum();
    }

    long failures() {
        return failures.sum();
    }

    List<String> problems() {
        return problems;
    }
}
