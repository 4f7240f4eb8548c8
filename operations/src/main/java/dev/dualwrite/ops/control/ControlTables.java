package dev.dualwrite.ops.control;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dualwrite's own tables in the application's database, all named {@code dualwrite_*} and kept in one schema (the
 * connection's current one unless {@code --schema} names another). This class is the one definition of the family:
 * the backfill's checkpoints and the verify results live here, and so will the windows, instances and heartbeats
 * that {@code dualwrite init} creates for the whole fleet. Every table is created with {@code IF NOT EXISTS}, so the
 * commands that need one create it on first use and {@code init} may run at any time.
 *
 * <p>Times are stored as epoch milliseconds (BIGINT), the same in every database; hosts are assumed to keep their
 * clocks within a few seconds of each other (leases last {@value #LEASE_MILLIS} ms). A window is keyed everywhere by
 * its physical {@code schema.table.old_column}, so every spelling of its name meets the same rows.
 *
 * <p>The fleet's tables of Operations II belong to the same family and are to be defined here beside these:
 * {@code dualwrite_windows} (one row per window: kind, table, old and new or dropped column, default, phase, a
 * version that grows with every change), {@code dualwrite_instances} (one row per instance: id, kind, host, pid,
 * application, start, configuration version applied, last heartbeat) and {@code dualwrite_instance_windows} (per
 * instance and window: phase applied, statements by old and by new name, when the old name was last used). The gates
 * of {@code phase} and {@code apply drop} then read the backfill's completion and the latest verify from the tables
 * above.
 */
public final class ControlTables {
    /** How long a claim on a segment of a backfill lasts without being renewed. */
    public static final long LEASE_MILLIS = 15_000;

    public static final String BACKFILL = "dualwrite_backfill";
    public static final String BACKFILL_SEGMENTS = "dualwrite_backfill_segments";
    public static final String VERIFY = "dualwrite_verify";

    private final Dialect dialect;
    private final String schema;

    /**
     * @param schema the physical schema (MariaDB: database) to keep the tables in, or null for the connection's own
     */
    public ControlTables(Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    /** The quoted name of one of the tables. */
    public String table(String name) {
        return (schema == null ? "" : dialect.quote(schema) + ".") + dialect.quote(name);
    }

    private String text() {
        switch (dialect) {
            case POSTGRESQL:
                return "text";
            case MYSQL:
                return "MEDIUMTEXT";
            default:
                return "CHARACTER LARGE OBJECT";
        }
    }

    /** Table name to its column definitions and primary key, in creation order. */
    private Map<String, String> definitions() {
        String key = "VARCHAR(4000)";
        String window = "window_key VARCHAR(500) NOT NULL";
        Map<String, String> defs = new LinkedHashMap<>();
        // One row per window: the latest backfill run and, once it completes, its totals.
        defs.put(BACKFILL, window + ", run_id VARCHAR(64) NOT NULL, state VARCHAR(16) NOT NULL,"
                + " key_columns VARCHAR(1000) NOT NULL, high_key " + key + ", segments INT NOT NULL,"
                + " estimated_rows BIGINT NOT NULL, rows_scanned BIGINT NOT NULL, rows_updated BIGINT NOT NULL,"
                + " batches BIGINT NOT NULL, longest_batch_ms BIGINT NOT NULL, started_at BIGINT NOT NULL,"
                + " updated_at BIGINT NOT NULL, finished_at BIGINT, PRIMARY KEY (window_key)");
        // The key range of a run in segments; each is claimed by one worker at a time under a lease and carries the
        // checkpoint of its last committed batch.
        defs.put(BACKFILL_SEGMENTS, window + ", segment_no INT NOT NULL, run_id VARCHAR(64) NOT NULL,"
                + " low_key " + key + ", high_key " + key + ", last_key " + key + ", state VARCHAR(16) NOT NULL,"
                + " rows_scanned BIGINT NOT NULL, rows_updated BIGINT NOT NULL, batches BIGINT NOT NULL,"
                + " longest_batch_ms BIGINT NOT NULL, owner VARCHAR(200), owner_host VARCHAR(200), owner_pid BIGINT,"
                + " lease_until BIGINT, updated_at BIGINT NOT NULL, PRIMARY KEY (window_key, segment_no)");
        // One row per window: the latest verify.
        defs.put(VERIFY, window + ", started_at BIGINT NOT NULL, finished_at BIGINT NOT NULL,"
                + " rows_checked BIGINT NOT NULL, differing BIGINT NOT NULL, sample_keys " + text() + ","
                + " backfill_run_id VARCHAR(64), PRIMARY KEY (window_key)");
        return defs;
    }

    /**
     * Creates the schema (when one is named) and the tables that do not exist yet.
     *
     * @return the tables created now
     */
    public List<String> ensure(Connection c, List<String> tables) throws SQLException {
        List<String> created = new ArrayList<>();
        Map<String, String> defs = definitions();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            if (schema != null && !schemaExists(c)) {
                st.execute((dialect == Dialect.MYSQL ? "CREATE DATABASE IF NOT EXISTS " : "CREATE SCHEMA IF NOT EXISTS ")
                        + dialect.quote(schema));
            }
            for (String name : tables) {
                if (!exists(c, name)) {
                    st.execute("CREATE TABLE IF NOT EXISTS " + table(name) + " (" + defs.get(name) + ")");
                    created.add(name);
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return created;
    }

    private boolean schemaExists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        if (dialect == Dialect.MYSQL) {
            try (ResultSet rs = md.getCatalogs()) {
                while (rs.next()) {
                    if (rs.getString(1).equalsIgnoreCase(schema)) {
                        return true;
                    }
                }
            }
            return false;
        }
        try (ResultSet rs = md.getSchemas(null, schema)) {
            return rs.next();
        }
    }

    /** Whether one of the tables exists. */
    public boolean exists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        // Always created quoted, so stored exactly as written (lower case) in every database.
        String stored = name;
        String storedSchema = schema;
        String catalog = null;
        if (dialect == Dialect.MYSQL) {
            catalog = schema == null ? c.getCatalog() : schema;
            storedSchema = null;
        } else if (storedSchema == null) {
            storedSchema = c.getSchema();
        }
        try (ResultSet rs = md.getTables(catalog, storedSchema, stored, null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
