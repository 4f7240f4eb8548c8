package dev.dualwrite.differential;

import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.differential.SchemaModel.Column;
import dev.dualwrite.differential.SchemaModel.Table;
import dev.dualwrite.differential.SchemaModel.Variant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database product the tester runs on, and how it holds one database per {@link Variant}: in-memory databases for
 * H2, databases named after the test database ({@code <db>_l_old}, {@code <db>_p_mirror}, ...) on the PostgreSQL and
 * MariaDB servers of {@link TestDatabases}. It knows the product's DDL, how to force the old version's
 * {@code phone_number} to NULL, and how to put the identity columns back after a run.
 */
enum Family {
    H2("h2"),
    POSTGRESQL("postgresql"),
    MARIADB("mariadb");

    private static final String H2_RUN = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

    /** The spelling in corpus files' {@code @dialects}. */
    final String label;

    Family(String label) {
        this.label = label;
    }

    static Family parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "postgresql", "postgres", "pg" -> POSTGRESQL;
            case "mariadb", "mysql" -> MARIADB;
            default -> throw new IllegalArgumentException("unknown dialect '" + s + "' (h2 | postgresql | mariadb)");
        };
    }

    /** The database name of a variant on a server (PostgreSQL, MariaDB). */
    String databaseName(Variant v) {
        return baseDatabase() + "_" + v.suffix();
    }

    private String baseDatabase() {
        String url = this == POSTGRESQL ? TestDatabases.PG_URL : TestDatabases.MARIADB_URL;
        String rest = url.substring(url.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        int end = rest.indexOf('?');
        return rest.substring(slash + 1, end < 0 ? rest.length() : end);
    }

    /** The JDBC URL of a variant's database. */
    String url(Variant v) {
        if (this == H2) {
            return "jdbc:h2:mem:dt_" + v.suffix() + "_" + H2_RUN + ";DB_CLOSE_DELAY=-1";
        }
        String url = this == POSTGRESQL ? TestDatabases.PG_URL : TestDatabases.MARIADB_URL;
        int start = url.indexOf('/', url.indexOf("//") + 2) + 1;
        int end = url.indexOf('?', start);
        return url.substring(0, start) + databaseName(v) + (end < 0 ? "" : url.substring(end));
    }

    /** A direct connection to a variant's database, in manual-commit mode. */
    Connection connect(Variant v) throws SQLException {
        Connection c = this == H2 ? DriverManager.getConnection(url(v), "sa", "")
                : TestDatabases.connect(url(v), label);
        c.setAutoCommit(false);
        return c;
    }

    /** Creates (or re-creates) a variant's database with its tables and seed rows. */
    void create(Variant v) throws SQLException {
        if (this != H2) {
            try (Connection admin = TestDatabases.connect(this == POSTGRESQL ? TestDatabases.PG_URL
                    : TestDatabases.MARIADB_URL, label); Statement s = admin.createStatement()) {
                String db = databaseName(v);
                if (this == POSTGRESQL) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                    s.execute("CREATE DATABASE " + db + " ENCODING 'UTF8' TEMPLATE template0");
                } else {
                    s.execute("DROP DATABASE IF EXISTS " + db);
                    s.execute("CREATE DATABASE " + db + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
            }
        }
        try (Connection c = connect(v); Statement s = c.createStatement()) {
            if (this == H2) {
                for (Table t : v.tables()) {
                    s.execute("DROP TABLE IF EXISTS " + t.name() + " CASCADE");
                }
            }
            for (Table t : v.tables()) {
                s.execute(createTable(t));
            }
            if (v == Variant.L_OLD) {
                for (String q : nullPhoneTrigger()) {
                    s.execute(q);
                }
            }
            if (this == POSTGRESQL && !v.logical()) {
                for (String q : SidecarFunctions.DEFINITIONS) {
                    s.execute(q);
                }
            }
            c.commit();
            seed(c, v);
        }
    }

    /** Deletes every row and inserts the seed again (after a statement that committed on its own, such as DDL). */
    void seed(Connection c, Variant v) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Table t : v.tables()) {
                s.executeUpdate("DELETE FROM " + t.name());
            }
        }
        for (Table t : v.tables()) {
            List<String> cols = t.columnNames();
            StringJoiner marks = new StringJoiner(", ");
            cols.forEach(x -> marks.add("?"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.name() + " (" + String.join(", ", cols)
                    + ") VALUES (" + marks + ")")) {
                for (Map<String, Object> row : SchemaModel.seed(t, v)) {
                    for (int i = 0; i < cols.size(); i++) {
                        ps.setObject(i + 1, row.get(cols.get(i)));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        c.commit();
        resetIdentities(c, v);
    }

    /**
     * Puts the identity columns back to {@link SchemaModel#NEXT_ID}, so that an INSERT gets the same ids on every
     * database. H2 and MariaDB commit on this DDL: call it outside a transaction that matters.
     */
    void resetIdentities(Connection c, Variant v) throws SQLException {
        resetIdentities(c, v, null);
    }

    /** As {@link #resetIdentities(Connection, Variant)}, for the tables whose names {@code sql} mentions (all if null). */
    void resetIdentities(Connection c, Variant v, String sql) throws SQLException {
        String lower = sql == null ? null : sql.toLowerCase(Locale.ROOT);
        try (Statement s = c.createStatement()) {
            List<String> setvals = new java.util.ArrayList<>();
            for (Table t : v.tables()) {
                if (!t.identity() || lower != null && !lower.contains(t.name())) {
                    continue;
                }
                switch (this) {
                    case H2 -> s.execute("ALTER TABLE " + t.name() + " ALTER COLUMN id RESTART WITH "
                            + SchemaModel.NEXT_ID);
                    case POSTGRESQL -> setvals.add("setval(pg_get_serial_sequence('" + t.name() + "', 'id'), "
                            + (SchemaModel.NEXT_ID - 1) + ")");
                    case MARIADB -> s.execute("ALTER TABLE " + t.name() + " AUTO_INCREMENT = " + SchemaModel.NEXT_ID);
                }
            }
            if (!setvals.isEmpty()) {
                s.execute("SELECT " + String.join(", ", setvals));
            }
        }
        c.commit();
    }

    String createTable(Table t) {
        StringJoiner cols = new StringJoiner(", ");
        for (Column col : t.columns()) {
            String type = col.text() ? "VARCHAR(100)" : "INT";
            if (t.identity() && col.name().equals("id")) {
                type = this == MARIADB ? "INT AUTO_INCREMENT" : "INT GENERATED BY DEFAULT AS IDENTITY";
            }
            cols.add(col.name() + " " + type);
        }
        cols.add("PRIMARY KEY (" + String.join(", ", t.key()) + ")");
        if (t.has("email")) {
            cols.add("UNIQUE (email)");
        }
        return "CREATE TABLE " + t.name() + " (" + cols + ")";
    }

    /** An expression as text, the way {@code getString} would give it. */
    String castToText(String expression) {
        return "CAST(" + expression + (this == MARIADB ? " AS CHAR)" : this == H2 ? " AS VARCHAR)" : " AS TEXT)");
    }

    /** The DDL that makes the old version's logical {@code phone_number} always NULL. */
    private List<String> nullPhoneTrigger() {
        return switch (this) {
            case H2 -> List.of("CREATE TRIGGER users_phone_null BEFORE INSERT, UPDATE ON users FOR EACH ROW CALL '"
                    + H2NullPhoneTrigger.class.getName() + "'");
            case POSTGRESQL -> List.of("CREATE FUNCTION users_phone_null() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$ BEGIN NEW.phone_number := NULL; RETURN NEW; END $$",
                    "CREATE TRIGGER users_phone_null BEFORE INSERT OR UPDATE ON users FOR EACH ROW "
                            + "EXECUTE FUNCTION users_phone_null()");
            case MARIADB -> List.of(
                    "CREATE TRIGGER users_phone_null_i BEFORE INSERT ON users FOR EACH ROW SET NEW.phone_number = NULL",
                    "CREATE TRIGGER users_phone_null_u BEFORE UPDATE ON users FOR EACH ROW SET NEW.phone_number = NULL");
        };
    }

    /** Drops a variant's server database at the end of a run. */
    void drop(Variant v) {
        if (this == H2) {
            return;
        }
        try (Connection admin = TestDatabases.connect(this == POSTGRESQL ? TestDatabases.PG_URL
                : TestDatabases.MARIADB_URL, label); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + databaseName(v) + (this == POSTGRESQL ? " WITH (FORCE)" : ""));
        } catch (SQLException | RuntimeException e) {
            System.err.println("differential: could not drop " + databaseName(v) + ": " + e.getMessage());
        }
    }
}
