package dev.dualwrite.agent.apps;

import java.sql.Connection;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An application that uses a driver's own DataSource, which opens physical connections without going through
 * java.sql.Driver: PGSimpleDataSource for PostgreSQL, JdbcDataSource for H2. Arguments: url user password table id.
 */
public final class DataSourceApp {
    private DataSourceApp() {
    }

    public static void main(String[] args) throws Exception {
        DataSource ds;
        if (args[0].startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(args[0]);
            pg.setUser(args[1]);
            ds = pg;
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(args[0]);
            h2.setUser(args[1]);
            h2.setPassword(args[2]);
            ds = h2;
        }
        try (Connection c = ds.getConnection()) {
            AppSupport.run(c, args[3], Integer.parseInt(args[4]));
        }
    }
}
