package dev.dualwrite.ops;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One of the three real databases the operations are tested on, with helpers to create uniquely named tables (so
 * runs never collide) and to drop them afterwards. PostgreSQL and MariaDB come from {@link TestDatabases}, so the
 * environment variables {@code DUALWRITE_TEST_PG_URL} and {@code DUALWRITE_TEST_MARIADB_URL} reach them.
 */
public final class TestDb implements AutoCloseable {
    private final Dialect dialect;
    private final String url;
    private final Connection keepAlive;
    private final List<String> created = new ArrayList<>();

    private TestDb(Dialect dialect, String url, Connection keepAlive) {
        this.dialect = dialect;
        this.url = url;
        this.keepAlive = keepAlive;
    }

    /** A fresh in-memory H2 database (kept alive by this object). */
    public static TestDb h2() throws SQLException {
        String url = TestDatabases.newH2Url() + ";USER=sa";
        return new TestDb(Dialect.H2, url, DriverManager.getConnection(url));
    }

    /** An H2 database reached by URL (for example through a TCP server), kept alive by this object. */
    public static TestDb h2(String url) throws SQLException {
        return new TestDb(Dialect.H2, url, DriverManager.getConnection(url));
    }

    public static TestDb postgres() {
        return new TestDb(Dialect.POSTGRESQL, TestDatabases.PG_URL, TestDatabases.postgres());
    }

    public static TestDb mariadb() {
        return new TestDb(Dialect.MYSQL, TestDatabases.MARIADB_URL, TestDatabases.mariadb());
    }

    public Dialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    public DatabaseTarget target() throws OpsException {
        return DatabaseTarget.of(url, null, null, Map.of());
    }

    /** A table name unique to this run; the table (and any of that name's kin) is dropped by {@link #close}. */
    public String table(String base) {
        String name = base + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        created.add(0, name);
        return name;
    }

    /** Registers another object to drop on close, e.g. a PostgreSQL enum type. */
    public void dropOnClose(String dropStatement) {
        created.add(0, "!" + dropStatement);
    }

    public void exec(String... sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String string(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The name as the database stores an unquoted identifier (H2 folds to upper case). */
    public String stored(String name) {
        return dialect == Dialect.H2 ? name.toUpperCase(Locale.ROOT) : name;
    }

    /** The windows of a YAML text. */
    public static Windows windows(String yaml) throws Exception {
        return Windows.of(Configuration.parse(yaml, "dualwrite.yaml"));
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // Tables first, newest first; then what they used (types, collations, schemas).
            List<String> later = new ArrayList<>();
            for (String name : created) {
                if (name.startsWith("!")) {
                    later.add(name.substring(1));
                    continue;
                }
                try {
                    st.execute("DROP TABLE IF EXISTS " + name + (dialect == Dialect.MYSQL ? "" : " CASCADE"));
                } catch (SQLException e) {
                    // best effort: the next name may still go
                }
                // The rows dualwrite's own tables hold for it (those tables are shared by every test).
                for (String control : List.of("dualwrite_backfill_segments", "dualwrite_backfill", "dualwrite_verify")) {
                    try {
                        st.execute("DELETE FROM " + dialect.quote(control) + " WHERE window_key LIKE '%."
                                + stored(name) + ".%'");
                    } catch (SQLException e) {
                        // not created in this database
                    }
                }
            }
            for (String drop : later) {
                try {
                    st.execute(drop);
                } catch (SQLException e) {
                    throw new SQLException("could not clean up after the test: " + drop, e);
                }
            }
        } finally {
            keepAlive.close();
        }
    }
}
