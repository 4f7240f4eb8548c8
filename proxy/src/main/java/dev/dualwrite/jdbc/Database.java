package dev.dualwrite.jdbc;

import dev.dualwrite.control.ControlConfigSource;
import dev.dualwrite.core.config.ConfigSource;
import dev.dualwrite.core.rewrite.Catalog;
import dev.dualwrite.core.rewrite.Plan;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One database as the JDBC door sees it: its dialect, the rewrite engine for it, and the catalog cache shared by all
 * its connections.
 */
final class Database {
    final Dialect dialect;
    final RewriteEngine engine;
    final JdbcCatalog catalog;

    private Database(Dialect dialect, IdentifierCase identifiers, ConfigSource config) {
        this.dialect = dialect;
        this.catalog = new JdbcCatalog(dialect == Dialect.POSTGRESQL);
        this.engine = RewriteEngine.builder(dialect).identifierCase(identifiers).config(config).jdbcParameters(true)
                .build();
        if (config instanceof ControlConfigSource control) {
            // Read by the control poller's thread at each heartbeat, never on the statement path.
            control.addUsage(engine::usage);
        }
    }

    /**
     * Learns the dialect from the URL when it says (jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:h2:), else from
     * the product name, and the identifier folding from the metadata.
     *
     * @throws SQLException when the database is not one dualwrite can rewrite for
     */
    static Database open(ConfigSource config, String url, Connection first) throws SQLException {
        DatabaseMetaData md = first.getMetaData();
        Dialect dialect = fromUrl(url);
        if (dialect == null) {
            dialect = fromProduct(md.getDatabaseProductName());
        }
        if (dialect == null) {
            throw new SQLException("dualwrite does not support " + md.getDatabaseProductName() + " (" + url
                    + "); it rewrites for PostgreSQL, MySQL, MariaDB and H2", "08001");
        }
        IdentifierCase identifiers = dialect == Dialect.MYSQL ? IdentifierCase.INSENSITIVE
                : md.storesUpperCaseIdentifiers() ? IdentifierCase.UPPER
                : md.storesLowerCaseIdentifiers() ? IdentifierCase.LOWER : dialect.defaultIdentifierCase();
        return new Database(dialect, identifiers, config);
    }

    static Dialect fromUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:pgsql:")) {
            return Dialect.POSTGRESQL;
        }
        if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
            return Dialect.MYSQL;
        }
        if (u.startsWith("jdbc:h2:")) {
            return Dialect.H2;
        }
        return null;
    }

    private static Dialect fromProduct(String product) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("postgres")) {
            return Dialect.POSTGRESQL;
        }
        if (p.contains("mysql") || p.contains("mariadb")) {
            return Dialect.MYSQL;
        }
        if (p.equals("h2")) {
            return Dialect.H2;
        }
        return null;
    }

    /** Plans a statement, or throws the rejection as an {@link SQLException}. */
    Plan plan(String sql, Catalog connectionCatalog) throws SQLException {
        Plan p = engine.plan(sql, connectionCatalog);
        if (p.isRejected()) {
            throw Rejections.toException(p.rejection());
        }
        return p;
    }
}
