package dev.dualwrite.jdbc;

import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.db.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The three databases the JDBC door's tests run on, reached through their own drivers (URLs from
 * {@link TestDatabases}), with the column types and spellings a test needs, and tables named uniquely per run so that
 * tests running at once never share one.
 */
enum DoorDatabase {
    H2("CLOB", "BLOB", "VARCHAR(200)"),
    POSTGRESQL("TEXT", "BYTEA", "VARCHAR(200)"),
    MARIADB("LONGTEXT", "LONGBLOB", "VARCHAR(200)");

    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String H2_URL = TestDatabases.newH2Url();

    /** A column type for long text, for long binary data, and for a short string. */
    final String text;
    final String binary;
    final String varchar;

    DoorDatabase(String text, String binary, String varchar) {
        this.text = text;
        this.binary = binary;
        this.varchar = varchar;
    }

    /** A direct connection through the database's own driver (fails under CI when the server is down). */
    Connection connect() throws SQLException {
        return switch (this) {
            case H2 -> TestDatabases.h2(H2_URL);
            case POSTGRESQL -> TestDatabases.postgres();
            case MARIADB -> TestDatabases.mariadb();
        };
    }

    /** The URL of the database's own driver (H2's carries no credentials: user sa, empty password). */
    String url() {
        return switch (this) {
            case H2 -> H2_URL;
            case POSTGRESQL -> TestDatabases.PG_URL;
            case MARIADB -> TestDatabases.MARIADB_URL;
        };
    }

    /** A connection through the JDBC door with {@code config}, sharing no caches with other tests. */
    Connection dualwrite(ConfigSource config) throws SQLException {
        Connection physical = connect();
        return DualWrite.wrap(physical, config, name() + "-" + RUN + "-" + TABLES.incrementAndGet());
    }

    /** A table name no other test of any run uses. */
    String newTable(String prefix) {
        return prefix + "_" + RUN + "_" + TABLES.incrementAndGet();
    }

    /** Tables a test created, dropped at its end on a direct connection. */
    static final class Tables implements AutoCloseable {
        private final DoorDatabase db;
        private final List<String> names = new ArrayList<>();

        Tables(DoorDatabase db) {
            this.db = db;
        }

        /** Creates {@code name} with {@code columns} (the text inside the parentheses of CREATE TABLE). */
        String create(String name, String columns) throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + name + " (" + columns + ")");
            }
            names.add(name);
            return name;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String name : names) {
                    s.execute("DROP TABLE IF EXISTS " + name);
                }
            }
        }
    }
}
