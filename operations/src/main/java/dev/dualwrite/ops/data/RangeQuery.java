package dev.dualwrite.ops.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * One statement over a key range of a table, {@code lo < key <= hi}, or {@code key <= hi} from the table's start: the
 * shape every backfill batch and verify chunk is made of. It is prepared once in each of its two forms and bound per
 * range, so a run of many batches parses its statements once.
 *
 * <p>The statement is {@code head + range + tail}: {@code head} ends with {@code WHERE }, {@code tail} continues the
 * condition or follows it (an {@code AND ...}, an {@code ORDER BY ... LIMIT ?}). Parameters of the tail come after
 * those of the range, from {@link Bound#next()}.
 */
final class RangeQuery implements AutoCloseable {
    private final KeyColumns key;
    private final KeyColumns.Predicate after;
    private final KeyColumns.Predicate upTo;
    private final PreparedStatement fromStart;
    private final PreparedStatement fromKey;

    /** The statement bound to one range, and the index of its first parameter after the range. */
    record Bound(PreparedStatement statement, int next) {
    }

    RangeQuery(Connection c, KeyColumns key, String head, String tail) throws SQLException {
        this.key = key;
        this.after = key.after();
        this.upTo = key.upTo();
        this.fromStart = c.prepareStatement(sql(key, head, tail, true));
        this.fromKey = c.prepareStatement(sql(key, head, tail, false));
    }

    /** The statement's text, for the range from the table's start or from a key. */
    static String sql(KeyColumns key, String head, String tail, boolean fromStart) {
        return head + (fromStart ? "" : key.after().sql() + " AND ") + key.upTo().sql() + tail;
    }

    /** Binds the range {@code (lo, hi]}, {@code lo} null for the table's start. */
    Bound bind(List<String> lo, List<String> hi) throws SQLException {
        PreparedStatement ps = lo == null ? fromStart : fromKey;
        int i = 1;
        if (lo != null) {
            i = key.bind(ps, i, after, lo);
        }
        return new Bound(ps, key.bind(ps, i, upTo, hi));
    }

    /**
     * The end of the next range of {@code size} keys after {@code lo} up to {@code hi}, for a query of the form
     * {@code SELECT <key> ... ORDER BY <key> LIMIT 1 OFFSET ?}.
     *
     * @return the last key of the range, or null when fewer than {@code size} keys remain (the range then ends at
     *         {@code hi})
     */
    List<String> end(List<String> lo, List<String> hi, int size) throws SQLException {
        Bound b = bind(lo, hi);
        b.statement().setInt(b.next(), size - 1);
        try (ResultSet rs = b.statement().executeQuery()) {
            return rs.next() ? key.read(rs) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            fromStart.close();
        } finally {
            fromKey.close();
        }
    }
}
