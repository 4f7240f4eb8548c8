package dev.dualwrite.jdbc.scenario;

import com.zaxxer.hikari.HikariConfig;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.jdbc.DualWriteDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A database a scenario runs against, reached through one JDBC driver: its direct URL (for the migration's DDL, the
 * backfill and the checks, which bypass dualwrite) and the same URL behind {@code jdbc:dualwrite:}.
 */
final class ScenarioDatabase {
    final String name;
    final String rawUrl;
    private final String user;
    private final String password;
    private final boolean mysqlSyntax;
    /**
     * Whether ALTER TABLE may run while other sessions use the table. H2's may not: its ALTER TABLE rebuilds the table,
     * and concurrent statements of other sessions fail with "table not found" or miss rows, dualwrite or not.
     */
    final boolean onlineDdl;

    private ScenarioDatabase(String name, String rawUrl, String user, String password, boolean mysqlSyntax) {
        this.onlineDdl = !rawUrl.startsWith("jdbc:h2:");
        this.name = name;
        this.rawUrl = rawUrl;
        this.user = user;
        this.password = password;
        this.mysqlSyntax = mysqlSyntax;
    }

    /** A fresh in-memory H2 database. */
    static ScenarioDatabase h2() {
        return new ScenarioDatabase("H2", TestDatabases.newH2Url(), "sa", "", false);
    }

    /** PostgreSQL through pgjdbc. */
    static ScenarioDatabase postgres() {
        return new ScenarioDatabase("PostgreSQL", TestDatabases.PG_URL, null, null, false);
    }

    /** MariaDB through MariaDB Connector/J. */
    static ScenarioDatabase mariadb() {
        return new ScenarioDatabase("MariaDB", TestDatabases.MARIADB_URL, null, null, true);
    }

    /** The MariaDB server through MySQL Connector/J. */
    static ScenarioDatabase mysqlConnectorJ() {
        String url = TestDatabases.MARIADB_URL.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        return new ScenarioDatabase("MariaDB via MySQL Connector/J", url, null, null, true);
    }

    /** The URL behind the dualwrite driver. */
    String dualwriteUrl() {
        return DualWriteDriver.PREFIX + rawUrl.substring("jdbc:".length());
    }

    private Properties credentials() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
            p.setProperty("password", password);
        }
        return p;
    }

    /**
     * A direct connection, bypassing dualwrite. The first one a test opens decides whether it runs: a server that is
     * down skips the test locally and fails it under CI.
     */
    Connection raw() throws SQLException {
        if (rawUrl.startsWith("jdbc:h2:")) {
            return TestDatabases.h2(rawUrl);
        }
        return TestDatabases.connect(rawUrl, name);
    }

    /** A connection through the URL wrapper with the configuration file {@code config}. */
    Connection dualwrite(Path config) throws SQLException {
        Properties p = credentials();
        p.setProperty(DualWriteDriver.CONFIG_PROPERTY, config.toString());
        return DriverManager.getConnection(dualwriteUrl(), p);
    }

    /** A pool configuration over the direct URL. */
    HikariConfig hikariRaw(String poolName) {
        HikariConfig c = hikari(poolName);
        c.setJdbcUrl(rawUrl);
        return c;
    }

    /** A pool configuration over the dualwrite URL with the configuration file {@code config}. */
    HikariConfig hikariDualwrite(String poolName, Path config) {
        HikariConfig c = hikari(poolName);
        c.setJdbcUrl(dualwriteUrl());
        c.addDataSourceProperty(DualWriteDriver.CONFIG_PROPERTY, config.toString());
        return c;
    }

    private HikariConfig hikari(String poolName) {
        HikariConfig c = new HikariConfig();
        c.setPoolName(poolName);
        if (user != null) {
            c.setUsername(user);
            c.setPassword(password);
        }
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(10_000);
        return c;
    }

    /** A predicate true when {@code a} and {@code b} differ, NULLs included. */
    String differ(String a, String b) {
        return mysqlSyntax ? "NOT (" + a + " <=> " + b + ")" : a + " IS DISTINCT FROM " + b;
    }

    @Override
    public String toString() {
        return name;
    }
}
