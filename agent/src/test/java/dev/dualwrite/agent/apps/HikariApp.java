package dev.dualwrite.agent.apps;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;

/** An application with a HikariCP pool. Arguments: url user password table id. */
public final class HikariApp {
    private HikariApp() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            try (Connection c = ds.getConnection()) {
                AppSupport.run(c, args[3], Integer.parseInt(args[4]));
            }
            // A second borrow returns the pooled connection: it must not be wrapped a second time.
            try (Connection c = ds.getConnection()) {
                System.out.println("RESULT second=" + c.getClass().getName());
            }
        }
    }
}
