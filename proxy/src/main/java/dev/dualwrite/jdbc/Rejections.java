package dev.dualwrite.jdbc;

import dev.dualwrite.core.rewrite.Rejection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;

/** Turns a rejection into the {@link SQLException} subclass JDBC assigns to its SQLSTATE class. */
final class Rejections {
    private Rejections() {
    }

    static SQLException toException(Rejection r) {
        String state = r.sqlState();
        if (state.startsWith("0A")) {
            return new SQLFeatureNotSupportedException(r.message(), state);
        }
        if (state.startsWith("42")) {
            return new SQLSyntaxErrorException(r.message(), state);
        }
        return new SQLException(r.message(), state);
    }
}
