package dev.dualwrite.differential;

import java.sql.Connection;
import org.h2.api.Trigger;

/**
 * The old version's logical {@code users.phone_number} on H2: every INSERT and UPDATE stores NULL, as a drop window
 * promises (its writes are dropped, its reads give NULL). The column is the fourth of the old logical table.
 */
public final class H2NullPhoneTrigger implements Trigger {
    private static final int PHONE = 3;

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        if (newRow != null) {
            newRow[PHONE] = null;
        }
    }
}
