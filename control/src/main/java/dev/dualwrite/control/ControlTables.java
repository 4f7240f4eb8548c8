package dev.dualwrite.control;

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
 * <p>The fleet's tables (Operations II) belong to the same family:
 * <ul>
 *   <li>{@value #FLEET}: one row ({@code id = 1}) holding the fleet's configuration version, which grows by one in the
 *       same transaction as every change to {@value #WINDOWS} (declare, phase, remove), so an instance polls one
 *       number to learn whether anything changed;</li>
 *   <li>{@value #WINDOWS}: one row per window: {@code kind} ({@code rename} or {@code drop}), the table's physical
 *       schema and name, {@code old_column} (the rename's {@code from} or the dropped column), {@code new_column}
 *       (null for a drop), {@code drop_default} (an SQL literal, or null), {@code phase} (a rename's phase in its
 *       configuration spelling, null for a drop) and {@code version} (the fleet's version at its last change);</li>
 *   <li>{@value #INSTANCES}: one row per instance, written by the instance only: id, {@code kind} ({@code jdbc},
 *       {@code agent}, {@code sidecar}), host, pid, application name, start, its poll interval, the configuration
 *       version it applies, its last heartbeat and, after a clean shutdown, when it stopped;</li>
 *   <li>{@value #INSTANCE_WINDOWS}: per instance and window, written by the instance only: the phase it applies
 *       ({@code drop} for a drop window), statements that used the old name and the new name since it started, and
 *       when it last used the old name.</li>
 * </ul>
 * An instance is live while its last heartbeat is younger than three of its poll intervals and it has not stopped.
 * The rows of instances that are gone are kept: they are the evidence of when the old name was last used.
 */
public final class ControlTables {
    /** How long a claim on a segment of a backfill lasts without being renewed. */
    public static final long LEASE_MILLIS = 15_000;

    public static final String BACKFILL = "dualwrite_backfill";
    public static final String BACKFILL_SEGMENTS = "dualwrite_backfill_segments";
    public static final String VERIFY = "dualwrite_verify";
    public static final String FLEET = "dualwrite_fleet";
    public static final String WINDOWS = "dualwrite_windows";
    public static final String INSTANCES = "dualwrite_instances";
    public static final String INSTANCE_WINDOWS = "dualwrite_instance_windows";

    /** The tables of the backfill and verify (Operations I). */
    public static final List<String> DATA_TABLES = List.of(BACKFILL, BACKFILL_SEGMENTS, VERIFY);
    /** The fleet's tables (Operations II). */
    public static final List<String> FLEET_TABLES = List.of(FLEET, WINDOWS, INSTANCES, INSTANCE_WINDOWS);
    /** Every table, in creation order. */
    public static final List<String> ALL_TABLES = List.of(BACKFILL, BACKFILL_SEGMENTS, VERIFY, FLEET, WINDOWS,
            INSTANCES, INSTANCE_WINDOWS);

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
        String name = "VARCHAR(200)";
        defs.put(FLEET, "id INT NOT NULL, config_version BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
                + " PRIMARY KEY (id)");
        defs.put(WINDOWS, window + ", kind VARCHAR(8) NOT NULL, table_schema " + name + ", table_name " + name
                + " NOT NULL, old_column " + name + " NOT NULL, new_column " + name + ", drop_default " + text()
                + ", phase VARCHAR(16), version BIGINT NOT NULL, created_at BIGINT NOT NULL,"
                + " updated_at BIGINT NOT NULL, PRIMARY KEY (window_key)");
        String instance = "instance_id VARCHAR(100) NOT NULL";
        defs.put(INSTANCES, instance + ", kind VARCHAR(16) NOT NULL, host " + name + ", pid BIGINT, app " + name
                + ", started_at BIGINT NOT NULL, poll_ms BIGINT NOT NULL, config_version BIGINT,"
                + " last_seen BIGINT NOT NULL, stopped_at BIGINT, PRIMARY KEY (instance_id)");
        defs.put(INSTANCE_WINDOWS, instance + ", " + window + ", phase_applied VARCHAR(16) NOT NULL,"
                + " old_name_statements BIGINT NOT NULL, new_name_statements BIGINT NOT NULL,"
                + " old_name_last_used BIGINT, updated_at BIGINT NOT NULL, PRIMARY KEY (instance_id, window_key)");
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
            if (tables.contains(FLEET)) {
                seedFleetVersion(st);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return created;
    }

    /** The one row of {@value #FLEET}, at version 0, unless it is there (or another process just wrote it). */
    private void seedFleetVersion(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table(FLEET) + " WHERE id = 1")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return;
            }
        }
        try {
            st.executeUpdate("INSERT INTO " + table(FLEET) + " (id, config_version, updated_at) VALUES (1, 0, "
                    + System.currentTimeMillis() + ")");
        } catch (SQLException e) {
            // A concurrent init inserted it first (a duplicate key); anything else is a real failure.
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
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
