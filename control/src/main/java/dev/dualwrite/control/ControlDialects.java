package dev.dualwrite.control;

import dev.dualwrite.core.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The dialect of a connection to the control tables, from its database's product name. */
final class ControlDialects {
    private ControlDialects() {
    }

    /**
     * @throws SQLException naming the product when it is not PostgreSQL, MySQL, MariaDB or H2
     */
    static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
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
        throw new SQLException("dualwrite's control tables are kept in PostgreSQL, MySQL, MariaDB or H2, not in "
                + product + "; point control url at one of those");
    }
}
