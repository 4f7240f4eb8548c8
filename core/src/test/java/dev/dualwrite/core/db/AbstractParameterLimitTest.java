package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.AbstractRewriteDatabaseTest.MirroredPhaseAndName;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bulk INSERT of 25,000 rows with 50,000 parameters, as ORMs send it: mirrored, its name parameter is bound twice,
 * 75,000 in all, which PostgreSQL's protocol cannot carry (65,535 at most).
 */
abstract class AbstractParameterLimitTest extends AbstractOracleTest {
    static String bulkInsert(int rows) {
        StringBuilder b = new StringBuilder("INSERT INTO {t} (id, {n}) VALUES ");
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        return b.toString();
    }

    static Object[] bulkParameters(int rows) {
        Object[] p = new Object[rows * 2];
        for (int i = 0; i < rows; i++) {
            p[2 * i] = 100 + i;
            p[2 * i + 1] = "name " + i;
        }
        return p;
    }

    /** What the 25,000-row insert must give in a phase that writes both columns. */
    abstract void assertLargeMirroredInsert(LogicalOracle.Result r) throws SQLException;

    @MirroredPhaseAndName
    void largeMirroredInsert(Phase phase, String name) throws SQLException {
        assertLargeMirroredInsert(oracle(phase, name).run(bulkInsert(25_000), bulkParameters(25_000)));
    }

    /** In the phases with one column nothing is repeated: the statement runs as it would bare. */
    @ParameterizedTest(name = "{0}, application uses {1}")
    @CsvSource({"OLD_ONLY, display_name", "NEW_ONLY, full_name"})
    void largeInsertWithOneColumn(Phase phase, String name) throws SQLException {
        oracle(phase, name).run(bulkInsert(25_000), bulkParameters(25_000)).assertExact();
    }

    /** 20,000 rows: 40,000 parameters, 60,000 once mirrored, which still fits. */
    @MirroredPhaseAndName
    void insertThatStillFitsMirrored(Phase phase, String name) throws SQLException {
        oracle(phase, name).run(bulkInsert(20_000), bulkParameters(20_000)).assertExact();
    }
}
