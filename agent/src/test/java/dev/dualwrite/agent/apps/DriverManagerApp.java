package dev.dualwrite.agent.apps;

import java.sql.Connection;
import java.sql.DriverManager;

/** An application that opens its connection with DriverManager. Arguments: url user password table id. */
public final class DriverManagerApp {
    private DriverManagerApp() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            AppSupport.run(c, args[3], Integer.parseInt(args[4]));
        }
    }
}
