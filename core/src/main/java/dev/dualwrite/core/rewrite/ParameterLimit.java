package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Dialect;
import java.util.List;

/**
 * PostgreSQL's wire protocol carries at most 65,535 parameters per statement, and pgjdbc numbers every JDBC {@code ?}
 * anew, so a mirrored parameter counts twice: a bulk INSERT that fits as the application wrote it can overflow once
 * rewritten, and would then fail with the driver's message about the protocol. The plan is refused instead, saying
 * how many parameters one statement may carry. With {@code $n} placeholders (the sidecar) a repeated value reuses its
 * number and adds nothing; MySQL and MariaDB drivers prepare on the client by default, and H2 has no such limit.
 *
 * <p>No rewrite avoids the repetition exactly: moving the rows into {@code INSERT ... SELECT ... FROM (VALUES ...)}
 * would make PostgreSQL type the values by the derived table (text for untyped literals) instead of by the target
 * columns.
 */
final class ParameterLimit {
    static final int POSTGRESQL_MAX = 65_535;

    private ParameterLimit() {
    }

    /** {@code plan}, or a rejection of it when its rewritten statement has more parameters than the protocol allows. */
    static Plan check(Plan plan, StatementFacts facts, Dialect dialect, boolean jdbcParameters) {
        if (dialect != Dialect.POSTGRESQL || !jdbcParameters || !plan.isRewritten()) {
            return plan;
        }
        ParameterMap m = plan.parameters();
        if (m.isIdentity()) {
            return plan; // as many parameters as the application wrote
        }
        int physical = m.physicalCount();
        if (physical <= POSTGRESQL_MAX || m.applicationCount() > POSTGRESQL_MAX) {
            return plan; // fits; or too many already as written, which the driver reports as it would without us
        }
        long fitting = (long) m.applicationCount() * POSTGRESQL_MAX / physical;
        Rejection r = new Rejection(plan.uses().isEmpty() ? null : plan.uses().get(0).window().describe(),
                "the rewritten statement needs " + physical + " parameters (mirrored values are bound twice), over"
                + " PostgreSQL's limit of " + POSTGRESQL_MAX + " per statement; send at most " + fitting
                + " parameters per statement, for example by splitting the rows into smaller INSERTs",
                Rejection.TOO_COMPLEX);
        return new Plan(null, false, ParameterMap.IDENTITY, r, null, List.of(), List.of(), plan.version(),
                plan.catalogVersion, facts);
    }
}
