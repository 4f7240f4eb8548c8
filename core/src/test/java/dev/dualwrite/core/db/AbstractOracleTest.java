package dev.dualwrite.core.db;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that judge the engine by an outcome oracle ({@link LogicalOracle}, or {@link LogicalVsPhysical} in
 * {@link AbstractScopeTest}): each statement through the bare driver on the
 * schema the application version expects against the same statement through the engine on the physical schema of the
 * phase. Subclasses supply the database; the cases live in subclasses by topic and dialect.
 */
abstract class AbstractOracleTest {
    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
            36L * 36 * 36 * 36 * 36 * 36), 36);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    protected Connection connection;
    protected final List<String> cleanup = new ArrayList<>();

    abstract Dialect dialect();

    abstract Connection open() throws SQLException;

    @BeforeEach
    void connect() throws SQLException {
        connection = open();
    }

    @AfterEach
    void dropAndDisconnect() throws SQLException {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            for (String statement : cleanup) {
                try (var st = connection.createStatement()) {
                    st.execute(statement);
                }
            }
        } finally {
            connection.close();
        }
    }

    /** {@code prefix} followed by a name no other test of this run uses. */
    static String uniqueName(String prefix) {
        return prefix + RUN + "_" + COUNTER.incrementAndGet();
    }

    /** A logical/physical pair for the application version using {@code name} in {@code phase}. */
    LogicalOracle oracle(Phase phase, String name) throws SQLException {
        int n = COUNTER.incrementAndGet();
        return new LogicalOracle(connection, dialect(), phase, name, "dwl_" + RUN + "_" + n, "dwp_" + RUN + "_" + n,
                cleanup);
    }

    /** The same, seeded with three rows (ids 1 to 3; the third with a NULL name), the unread column marked. */
    LogicalOracle seeded(Phase phase, String name) throws SQLException {
        return oracle(phase, name).seedMarked(LogicalOracle.row(1, "a@example.org", "Ada"),
                LogicalOracle.row(2, "b@example.org", "Bo"), LogicalOracle.row(3, "c@example.org", null));
    }

    /** A table {@code (id, full_name, display_name)} that no window is about, rows 1 and 2; returns its name. */
    String otherTable() throws SQLException {
        String name = "dwo_" + RUN + "_" + COUNTER.incrementAndGet();
        cleanup.add("DROP TABLE IF EXISTS " + name);
        try (var st = connection.createStatement()) {
            st.execute("CREATE TABLE " + name + " (id INTEGER NOT NULL PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100))");
            st.execute("INSERT INTO " + name + " VALUES (1, 'Other One', 'Other One'), (2, 'Other Two', 'Other Two')");
        }
        return name;
    }
}
