package dev.dualwrite.jdbc.scenario;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * How a plain JDBC data-access class reaches the database: one dedicated connection whose prepared statements are
 * kept for the whole run (so they live through every phase change), or a pool borrowed from for each operation.
 */
abstract class JdbcAccess implements AutoCloseable {
    @FunctionalInterface
    interface Work<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    abstract <T> T run(String sql, Work<T> work) throws SQLException;

    @Override
    public abstract void close() throws SQLException;

    static JdbcAccess dedicated(Connection connection) {
        return new Dedicated(connection);
    }

    static JdbcAccess pooled(DataSource pool) {
        return new Pooled(pool);
    }

    private static final class Dedicated extends JdbcAccess {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        Dedicated(Connection connection) {
            this.connection = connection;
        }

        @Override
        <T> T run(String sql, Work<T> work) throws SQLException {
            PreparedStatement ps = statements.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                statements.put(sql, ps);
            }
            return work.apply(ps);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    private static final class Pooled extends JdbcAccess {
        private final DataSource pool;

        Pooled(DataSource pool) {
            this.pool = pool;
        }

        @Override
        <T> T run(String sql, Work<T> work) throws SQLException {
            try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                return work.apply(ps);
            }
        }

        @Override
        public void close() {
            // The pool belongs to the door.
        }
    }
}
