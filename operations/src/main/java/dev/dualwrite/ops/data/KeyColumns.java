package dev.dualwrite.ops.data;

import dev.dualwrite.ops.schema.Column;
import dev.dualwrite.ops.schema.SchemaDialect;
import dev.dualwrite.ops.schema.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The key a table is walked by in batches (its primary key, else a unique NOT NULL key), and the SQL pieces of a key
 * range. Key values travel as text (that is how checkpoints store them) and are cast back to the column's type where
 * the database needs it, so a range predicate can use the key's index.
 */
public final class KeyColumns {
    private final SchemaDialect dialect;
    private final List<Column> columns;

    private KeyColumns(SchemaDialect dialect, List<Column> columns) {
        this.dialect = dialect;
        this.columns = columns;
    }

    /** The key of {@code t}, or null when it has no usable one. */
    public static KeyColumns of(SchemaDialect dialect, Table t) {
        List<String> names = t.batchKey();
        if (names.isEmpty()) {
            return null;
        }
        List<Column> cols = new ArrayList<>();
        for (String n : names) {
            cols.add(t.column(n));
        }
        return new KeyColumns(dialect, cols);
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    public boolean contains(String column) {
        return columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(column));
    }

    /** {@code id} or {@code (tenant, id)}, for messages. */
    public String describe() {
        return columns.size() == 1 ? columns.get(0).name()
                : "(" + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")";
    }

    /** The quoted key columns separated by commas, for select lists. */
    public String list() {
        return columns.stream().map(c -> dialect.dialect().quote(c.name())).collect(Collectors.joining(", "));
    }

    /** The ORDER BY list, ascending or descending. */
    public String order(boolean descending) {
        return columns.stream().map(c -> dialect.dialect().quote(c.name()) + (descending ? " DESC" : ""))
                .collect(Collectors.joining(", "));
    }

    /**
     * A predicate with parameters: the values bound are key components, in the order {@link #bind} binds them.
     *
     * @param components for each {@code ?}, the key component it takes
     */
    public record Predicate(String sql, int[] components) {
    }

    /** {@code key > value} (strictly after). */
    public Predicate after() {
        return compare(">");
    }

    /** {@code key <= value} (up to and including). */
    public Predicate upTo() {
        return compare("<=");
    }

    private Predicate compare(String op) {
        int n = columns.size();
        if (n == 1) {
            return new Predicate(quoted(0) + " " + op + " " + dialect.keyParameter(columns.get(0)), new int[] {0});
        }
        if (dialect.rowValues()) {
            String left = columns.stream().map(c -> dialect.dialect().quote(c.name()))
                    .collect(Collectors.joining(", ", "(", ")"));
            String right = columns.stream().map(dialect::keyParameter).collect(Collectors.joining(", ", "(", ")"));
            int[] comps = new int[n];
            for (int i = 0; i < n; i++) {
                comps[i] = i;
            }
            return new Predicate(left + " " + op + " " + right, comps);
        }
        // (a, b) > (x, y) spelled out as a > x OR (a = x AND b > y), which every optimizer turns into index ranges.
        String strict = op.substring(0, 1);
        StringBuilder sql = new StringBuilder("(");
        List<Integer> comps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            sql.append("(");
            for (int j = 0; j < i; j++) {
                sql.append(quoted(j)).append(" = ").append(dialect.keyParameter(columns.get(j))).append(" AND ");
                comps.add(j);
            }
            String last = i == n - 1 ? op : strict;
            sql.append(quoted(i)).append(' ').append(last).append(' ').append(dialect.keyParameter(columns.get(i)))
                    .append(")");
            comps.add(i);
        }
        sql.append(")");
        return new Predicate(sql.toString(), comps.stream().mapToInt(Integer::intValue).toArray());
    }

    private String quoted(int i) {
        return dialect.dialect().quote(columns.get(i).name());
    }

    /**
     * Binds {@code key} for {@code predicate} starting at parameter {@code first}.
     *
     * @return the next free parameter index
     */
    public int bind(PreparedStatement ps, int first, Predicate predicate, List<String> key) throws SQLException {
        int i = first;
        for (int component : predicate.components()) {
            ps.setString(i++, key.get(component));
        }
        return i;
    }

    /** Reads the key at the current row, the key columns being the first columns of the result. */
    public List<String> read(ResultSet rs) throws SQLException {
        List<String> key = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
            key.add(rs.getString(i));
        }
        return key;
    }

    /** {@code id=5} or {@code (tenant=a, id=5)}, for messages and samples. */
    public String show(List<String> key) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i).name() + "=" + key.get(i));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    /** A key as the text a checkpoint stores: components joined by commas, with {@code %} and {@code ,} escaped. */
    public static String encode(List<String> key) {
        if (key == null) {
            return null;
        }
        return key.stream().map(v -> v.replace("%", "%25").replace(",", "%2C")).collect(Collectors.joining(","));
    }

    public static List<String> decode(String text) {
        if (text == null) {
            return null;
        }
        List<String> key = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            key.add(part.replace("%2C", ",").replace("%25", "%"));
        }
        return key;
    }
}
