package dev.dualwrite.ops.data;

import dev.dualwrite.control.ControlTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the latest verify of a window from {@code dualwrite_verify} (written by {@link Verify}). */
public final class Verifications {
    private Verifications() {
    }

    /** The latest verify of a window. */
    public record Latest(long startedAt, long finishedAt, long rowsChecked, long differing, String backfillRunId) {
        /** Whether it found no differing row and began after the backfill finished, so it covers every copied row. */
        public boolean cleanAfter(Checkpoints.Run backfill) {
            return differing == 0 && backfill != null && backfill.finishedAt() != null
                    && startedAt >= backfill.finishedAt();
        }
    }

    /** @return null when the window was never verified (or the table does not exist yet) */
    public static Latest latest(Connection c, ControlTables tables, String windowKey) throws SQLException {
        if (!tables.exists(c, ControlTables.VERIFY)) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT started_at, finished_at, rows_checked, differing,"
                + " backfill_run_id FROM " + tables.table(ControlTables.VERIFY) + " WHERE window_key = ?")) {
            ps.setString(1, windowKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Latest(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)) : null;
            }
        }
    }

    /** The backfill's run row, or null when there is none (or the table does not exist yet). */
    public static Checkpoints.Run backfill(Connection c, ControlTables tables, String windowKey) throws SQLException {
        if (!tables.exists(c, ControlTables.BACKFILL)) {
            return null;
        }
        return new Checkpoints(tables).run(c, windowKey);
    }
}
