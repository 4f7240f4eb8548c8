package dev.dualwrite.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link DualWriteStartupException} into Spring Boot's "APPLICATION FAILED TO START" report. */
class DualWriteFailureAnalyzer extends AbstractFailureAnalyzer<DualWriteStartupException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DualWriteStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
