package dev.dualwrite.differential;

import dev.dualwrite.differential.SchemaModel.Column;
import dev.dualwrite.differential.SchemaModel.Table;
import dev.dualwrite.differential.SchemaModel.Variant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Composes random statements in the spirit of SQLancer's differential oracles: SELECT (joins of every kind, comma
 * joins, USING, derived tables, set operations, GROUP BY, ORDER BY), UPDATE, DELETE, INSERT ... SELECT / VALUES and
 * upserts, with subqueries at every level (IN, EXISTS, scalar; correlated or not), over the window table and the
 * tables that share its column names, with qualified, unqualified and quoted names of one version. Every statement is
 * valid on that version's logical schema: an unqualified name is only used where it binds to one table.
 *
 * <p>Each statement comes from its own seed, printed with any failure, so that it can be run again alone. Forms that
 * belong to a class of known wrong outcomes are only generated when their {@link Feature} is enabled, so that the
 * default run stays green while those classes are open (see findings/).
 */
final class Generator {
    /** Forms that reach a class of issue still open; off by default, on with {@code -Ddifferential.features=all}. */
    enum Feature {
        /** An unqualified window name where another table in reach has the other name (issue 12.1, capture). */
        UNQUALIFIED_SHARED,
        /**
         * {@code *} or {@code users.*} over the window table (issues 12.8, 15.4: positions and labels), and a CTE
         * with unnamed output columns (which make the rewriter fail, findings/cte-star.sql).
         */
        STAR,
        /** NATURAL JOIN with the window table (issue 12.2). */
        NATURAL,
        /** On MariaDB, an UPDATE writing the renamed column with a subquery on the same table (issue 15.1). */
        SELF_SUBQUERY_WRITE,
        /**
         * On MariaDB, an unaliased select item with a parameter in it: its label is the item's text with the value
         * in it, and the rewrite labels it with the text with {@code ?} (findings/expression-labels.sql).
         */
        EXPRESSION_LABELS;

        static Set<Feature> parse(String list) {
            Set<Feature> out = EnumSet.noneOf(Feature.class);
            if (list == null || list.isBlank()) {
                return out;
            }
            for (String f : list.split("[,\\s]+")) {
                if (f.equalsIgnoreCase("all")) {
                    return EnumSet.allOf(Feature.class);
                }
                out.add(Feature.valueOf(f.toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            return out;
        }
    }

    private static final String[] TEXTS = {"alice", "bob", "eve", "Zoë Ünïcødé", "x", "Bobby", "ghost"};
    private static final String[] LIKES = {"b%", "%o%", "_l%", "Z%", "%e"};
    private static final List<Family> ALL = List.of(Family.H2, Family.POSTGRESQL, Family.MARIADB);

    private final Set<Feature> features;

    Generator(Set<Feature> features) {
        this.features = features;
    }

    /** A source in a FROM clause: a table under an alias, at a nesting level. */
    private record Source(String alias, Table table) {
    }

    /** The tables a name can bind to at one level of nesting, and the levels around it. */
    private static final class Scope {
        final List<Source> sources = new ArrayList<>();
        final Scope outer;

        Scope(Scope outer) {
            this.outer = outer;
        }
    }

    /** The state of one statement being composed. */
    private final class Build {
        final Random r;
        final Version v;
        final Family only;
        final List<Table> schema;
        final List<Object> params = new ArrayList<>();
        int aliases;
        boolean ordered;
        boolean selfSubquery;

        Build(long seed) {
            r = new Random(seed);
            v = r.nextBoolean() ? Version.OLD : Version.NEW;
            only = r.nextInt(10) < 6 ? null : ALL.get(r.nextInt(3));
            schema = SchemaModel.tables(Variant.logical(v));
        }

        boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        <T> T pick(List<T> items) {
            return items.get(r.nextInt(items.size()));
        }

        Table table(String name) {
            return schema.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        }

        Table anyTable() {
            return chance(45) ? table(SchemaModel.TABLE) : pick(schema);
        }

        String alias(Table t) {
            return t.name().charAt(0) + Integer.toString(++aliases);
        }

        String quote(String name) {
            if (only == null || !chance(15)) {
                return name;
            }
            return switch (only) {
                case H2 -> "\"" + name.toUpperCase(Locale.ROOT) + "\"";
                case POSTGRESQL -> "\"" + name + "\"";
                case MARIADB -> "`" + name + "`";
            };
        }

        String literal(boolean text) {
            Object value = text ? TEXTS[r.nextInt(TEXTS.length)] : r.nextInt(60);
            if (chance(30)) {
                params.add(value);
                return "?";
            }
            return Literals.literal(value);
        }

        // ------------------------------------------------------------------------------------ names

        /** A reference to a column of the given kind reachable from {@code s}, qualified unless that is unneeded. */
        String column(Scope s, boolean text, boolean allowOuter) {
            List<Scope> levels = new ArrayList<>();
            for (Scope x = s; x != null && (levels.isEmpty() || allowOuter); x = x.outer) {
                levels.add(x);
            }
            for (int attempt = 0; attempt < 20; attempt++) {
                int level = chance(75) ? 0 : r.nextInt(levels.size());
                Scope at = levels.get(level);
                if (at.sources.isEmpty()) {
                    continue;
                }
                Source src = pick(at.sources);
                List<Column> cols = src.table().columns().stream().filter(c -> c.text() == text).toList();
                if (cols.isEmpty()) {
                    continue;
                }
                Column c = pick(cols);
                if (chance(45) && unqualifiedBinds(levels, level, src, c.name())) {
                    return quote(c.name());
                }
                return src.alias() + "." + quote(c.name());
            }
            return literal(text);
        }

        /**
         * Whether {@code name} written bare binds to {@code src} (no level inside it has the name, and no other source
         * of its level), and, while {@link Feature#UNQUALIFIED_SHARED} is off, whether no table in reach has either
         * name of the window.
         */
        boolean unqualifiedBinds(List<Scope> levels, int level, Source src, String name) {
            for (int i = 0; i <= level; i++) {
                for (Source o : levels.get(i).sources) {
                    if (o != src && o.table().has(name)) {
                        return false;
                    }
                }
            }
            if (!features.contains(Feature.UNQUALIFIED_SHARED) && windowName(name)) {
                for (int i = 0; i <= level; i++) {
                    for (Source o : levels.get(i).sources) {
                        if (o != src && (o.table().has(SchemaModel.OLD_NAME) || o.table().has(SchemaModel.NEW_NAME)
                                || o.table().name().equals(SchemaModel.TABLE) != src.table().name()
                                .equals(SchemaModel.TABLE))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        boolean windowName(String name) {
            return name.equals(SchemaModel.OLD_NAME) || name.equals(SchemaModel.NEW_NAME)
                    || name.equals(SchemaModel.DROPPED);
        }

        // ------------------------------------------------------------------------------------ expressions

        String expr(Scope s, boolean text, int depth) {
            int k = r.nextInt(100);
            if (k < 55) {
                return column(s, text, true);
            }
            if (k < 75) {
                return literal(text);
            }
            if (k < 88 || depth <= 0) {
                return text ? "CONCAT(" + column(s, true, true) + ", " + literal(true) + ")"
                        : "(" + column(s, false, true) + " + " + literal(false) + ")";
            }
            return scalarSubquery(s, text, depth - 1);
        }

        String scalarSubquery(Scope s, boolean text, int depth) {
            Scope inner = new Scope(s);
            Table t = anyTable();
            Source src = new Source(alias(t), t);
            inner.sources.add(src);
            noteSelf(t);
            String agg = pick(List.of("MAX", "MIN", "COUNT"));
            boolean aggText = text && !agg.equals("COUNT");
            String what = agg.equals("COUNT") ? "COUNT(*)" : agg + "(" + column(inner, aggText || text, false) + ")";
            if (text && agg.equals("COUNT")) {
                what = "CONCAT(COUNT(*), '')";
            }
            String where = chance(70) ? " WHERE " + condition(inner, depth) : "";
            return "(SELECT " + what + " FROM " + t.name() + " " + src.alias() + where + ")";
        }

        String condition(Scope s, int depth) {
            int k = r.nextInt(100);
            if (depth > 0 && k < 20) {
                String op = chance(60) ? " AND " : " OR ";
                return "(" + condition(s, depth - 1) + op + condition(s, depth - 1) + ")";
            }
            if (depth > 0 && k < 25) {
                return "NOT (" + condition(s, depth - 1) + ")";
            }
            if (k < 45) {
                boolean text = r.nextBoolean();
                return expr(s, text, depth) + " " + pick(List.of("=", "<>", "<", ">", "<=")) + " " + expr(s, text, depth);
            }
            if (k < 57) {
                return column(s, r.nextBoolean(), true) + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            }
            if (k < 65) {
                return column(s, true, true) + " LIKE '" + LIKES[r.nextInt(LIKES.length)] + "'";
            }
            if (depth <= 0) {
                return column(s, false, true) + " > " + literal(false);
            }
            if (k < 82) {
                return inSubquery(s, depth - 1);
            }
            return (chance(30) ? "NOT " : "") + "EXISTS (" + correlated(s, depth - 1) + ")";
        }

        String inSubquery(Scope s, int depth) {
            boolean text = chance(40);
            String left = column(s, text, true);
            Scope inner = new Scope(s);
            Table t = anyTable();
            Source src = new Source(alias(t), t);
            inner.sources.add(src);
            noteSelf(t);
            String col = column(inner, text, false);
            List<String> conds = new ArrayList<>();
            if (chance(60)) {
                conds.add(condition(inner, depth));
            }
            // NOT IN over a NULL gives no rows at all: keep the subquery's NULLs out half of the time
            if (chance(50)) {
                conds.add(col + " IS NOT NULL");
            }
            return left + (chance(25) ? " NOT IN " : " IN ") + "(SELECT " + col + " FROM " + t.name() + " "
                    + src.alias() + (conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds)) + ")";
        }

        String correlated(Scope s, int depth) {
            Scope inner = new Scope(s);
            Table t = anyTable();
            Source src = new Source(alias(t), t);
            inner.sources.add(src);
            noteSelf(t);
            String link = link(s, src);
            String extra = chance(70) ? " AND " + condition(inner, depth) : "";
            return "SELECT 1 FROM " + t.name() + " " + src.alias() + " WHERE " + link + extra;
        }

        /** A join condition between a new source and one already in scope, on the keys that relate them. */
        String link(Scope s, Source to) {
            for (Scope x = s; x != null; x = x.outer) {
                for (Source from : x.sources) {
                    String l = keyLink(from, to);
                    if (l != null) {
                        return l;
                    }
                }
            }
            return "1 = 1";
        }

        String keyLink(Source a, Source b) {
            String ka = key(a.table());
            String kb = key(b.table());
            return a.alias() + "." + ka + " = " + b.alias() + "." + kb;
        }

        String key(Table t) {
            return t.name().equals(SchemaModel.TABLE) ? "id" : t.name().equals("orders") && chance(30) ? "id"
                    : t.has("user_id") ? "user_id" : "id";
        }

        void noteSelf(Table t) {
            if (t.name().equals(SchemaModel.TABLE)) {
                selfSubquery = true;
            }
        }

        // ------------------------------------------------------------------------------------ statements

        /**
         * The FROM text over sources already named: joined in any way the databases share (FULL JOIN where it exists,
         * comma joins whose conditions go to {@code commaLinks}).
         */
        String from(List<Source> sources, List<String> commaLinks) {
            StringBuilder b = new StringBuilder();
            Scope joined = new Scope(null);
            for (Source src : sources) {
                Table t = src.table();
                if (joined.sources.isEmpty()) {
                    b.append(t.name()).append(' ').append(src.alias());
                } else {
                    Source prev = pick(joined.sources);
                    int k = r.nextInt(100);
                    boolean users = t.name().equals(SchemaModel.TABLE) || anyUsers(joined.sources);
                    if (k < 12) {
                        b.append(", ").append(t.name()).append(' ').append(src.alias());
                        commaLinks.add(keyLink(prev, src));
                    } else if (k < 17 && (features.contains(Feature.NATURAL) || !users)) {
                        b.append(" NATURAL JOIN ").append(t.name()).append(' ').append(src.alias());
                    } else {
                        String kind = pick(List.of("JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN",
                                "LEFT OUTER JOIN"));
                        if (only != Family.MARIADB && only != null && chance(15)) {
                            kind = "FULL JOIN";
                        }
                        b.append(' ').append(kind).append(' ').append(t.name()).append(' ').append(src.alias())
                                .append(" ON ").append(keyLink(prev, src));
                        if (chance(25)) {
                            Scope on = new Scope(null);
                            on.sources.addAll(joined.sources);
                            on.sources.add(src);
                            b.append(" AND ").append(condition(on, 0));
                        }
                    }
                }
                joined.sources.add(src);
            }
            return b.toString();
        }

        boolean anyUsers(List<Source> sources) {
            return sources.stream().anyMatch(x -> x.table().name().equals(SchemaModel.TABLE));
        }

        List<Source> sources() {
            List<Source> out = new ArrayList<>();
            int n = 1 + (chance(45) ? 1 : 0) + (chance(15) ? 1 : 0);
            for (int i = 0; i < n; i++) {
                Table t = anyTable();
                out.add(new Source(alias(t), t));
                noteSelf(t);
            }
            return out;
        }

        /** A SELECT with one item per entry of {@code kinds} (true: text, false: integer). */
        String select(List<Boolean> kinds, boolean top) {
            return select(kinds, top, false);
        }

        String select(List<Boolean> kinds, boolean top, boolean nameAll) {
            Scope s = new Scope(null);
            List<Source> sources = sources();
            s.sources.addAll(sources);
            boolean star = features.contains(Feature.STAR) && top && chance(10);
            List<String> items = new ArrayList<>();
            if (star) {
                items.add(chance(50) ? "*" : sources.get(0).alias() + ".*");
            } else {
                for (Boolean text : kinds) {
                    String e = expr(s, text, 1);
                    boolean labelled = !features.contains(Feature.EXPRESSION_LABELS)
                            && (only == null || only == Family.MARIADB) && e.contains("?") && !e.equals("?");
                    items.add(e + (nameAll || labelled || chance(30) ? " AS c" + items.size() : ""));
                }
            }
            List<String> conds = new ArrayList<>();
            String fromText = from(sources, conds);
            if (chance(70)) {
                conds.add(condition(s, 2));
            }
            String where = conds.isEmpty() ? "" : " WHERE " + String.join(" AND ", conds);
            String distinct = chance(10) ? "DISTINCT " : "";
            String sql = "SELECT " + distinct + String.join(", ", items) + " FROM " + fromText + where;
            if (top && !star && chance(40)) {
                StringBuilder order = new StringBuilder(" ORDER BY ");
                for (int i = 1; i <= items.size(); i++) {
                    order.append(i == 1 ? "" : ", ").append(i);
                }
                sql += order;
                ordered = true;
                if (chance(30)) {
                    sql += " LIMIT 3";
                }
            }
            return sql;
        }

        List<Boolean> kinds() {
            int n = 1 + r.nextInt(3);
            List<Boolean> k = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                k.add(r.nextBoolean());
            }
            return k;
        }

        String selectStatement() {
            if (chance(15)) {
                List<Boolean> k = kinds();
                ordered = false;
                String a = select(k, false);
                String b = select(k, false);
                String op = pick(only == Family.MARIADB || only == null ? List.of("UNION", "UNION ALL")
                        : List.of("UNION", "UNION ALL", "INTERSECT", "EXCEPT"));
                return a + " " + op + " " + b;
            }
            if (chance(10)) {
                Scope s = new Scope(null);
                Table u = table(SchemaModel.TABLE);
                Source src = new Source(alias(u), u);
                s.sources.add(src);
                String g = column(s, true, false);
                return "SELECT " + g + ", COUNT(*) AS n FROM users " + src.alias() + " GROUP BY " + g;
            }
            if (chance(10)) {
                // Every output column named unless STAR is on: a CTE column without a name makes the rewriter fail
                // (findings/cte-star.sql).
                String inner = select(kinds(), false, !features.contains(Feature.STAR));
                return "WITH w AS (" + inner + ") SELECT " + (features.contains(Feature.STAR) ? "*" : "w.*")
                        + " FROM w";
            }
            return select(kinds(), true);
        }

        String update() {
            Table t = chance(80) ? table(SchemaModel.TABLE) : table("orders");
            Scope s = new Scope(null);
            Source src = new Source(alias(t), t);
            s.sources.add(src);
            List<String> sets = new ArrayList<>();
            List<Column> cols = t.columns().stream().filter(c -> !c.name().equals("id")
                    && !c.name().equals("email")).toList();
            int n = 1 + r.nextInt(2);
            boolean writesName = false;
            for (int i = 0; i < n; i++) {
                Column c = pick(cols);
                if (sets.stream().anyMatch(x -> x.startsWith(c.name() + " "))) {
                    continue;
                }
                writesName |= c.name().equals(v.nameColumn);
                String value = chance(60) ? literal(c.text()) : c.text() ? "CONCAT(" + src.alias() + "." + c.name()
                        + ", '!')" : src.alias() + "." + c.name() + " + 1";
                sets.add(c.name() + " = " + value);
            }
            selfSubquery = false;
            int mark = params.size();
            String where = " WHERE " + condition(s, 2);
            if (writesName && selfSubquery && t.name().equals(SchemaModel.TABLE)
                    && !features.contains(Feature.SELF_SUBQUERY_WRITE) && (only == null || only == Family.MARIADB)) {
                params.subList(mark, params.size()).clear();
                where = " WHERE " + src.alias() + ".id > " + literal(false);
            }
            return "UPDATE " + t.name() + " " + src.alias() + " SET " + String.join(", ", sets) + where;
        }

        String delete() {
            Table t = chance(80) ? table(SchemaModel.TABLE) : pick(schema);
            Scope s = new Scope(null);
            Source src = new Source(t.name(), t);
            s.sources.add(src);
            return "DELETE FROM " + t.name() + " WHERE " + condition(s, 2);
        }

        String insert() {
            if (chance(50)) {
                return "INSERT INTO users (email, " + v.nameColumn + ", age) VALUES (" + literal(true) + ", "
                        + literal(true) + ", " + literal(false) + ")";
            }
            if (chance(50)) {
                Scope s = new Scope(null);
                Table u = table(SchemaModel.TABLE);
                Source src = new Source(alias(u), u);
                s.sources.add(src);
                String name = column(s, true, false);
                return "INSERT INTO orders (user_id, full_name, note) SELECT " + src.alias() + ".id, " + name
                        + ", 'gen' FROM users " + src.alias() + " WHERE " + condition(s, 1);
            }
            Scope s = new Scope(null);
            Table o = table("orders");
            Source src = new Source(alias(o), o);
            s.sources.add(src);
            return "INSERT INTO users (email, " + v.nameColumn + ", age) SELECT CONCAT('g', " + src.alias()
                    + ".id), " + column(s, true, false) + ", " + src.alias() + ".amount FROM orders " + src.alias()
                    + " WHERE " + condition(s, 1);
        }

        String upsert(Family f) {
            String nm = v.nameColumn;
            String email = Literals.literal(pick(List.of("bob@example.com", "new@example.com", "eve@example.com")));
            String value = literal(true);
            return switch (f) {
                case POSTGRESQL -> "INSERT INTO users (email, " + nm + ") VALUES (" + email + ", " + value
                        + ") ON CONFLICT (email) DO UPDATE SET " + nm + " = " + (chance(50) ? "EXCLUDED." + nm
                        : "CONCAT(users." + nm + ", EXCLUDED." + nm + ")");
                case MARIADB -> "INSERT INTO users (email, " + nm + ") VALUES (" + email + ", " + value
                        + ") ON DUPLICATE KEY UPDATE " + nm + " = " + (chance(50) ? "VALUES(" + nm + ")"
                        : literal(true));
                case H2 -> "MERGE INTO users u USING (SELECT " + email + " AS e, " + value + " AS n) s ON (u.email"
                        + " = s.e) WHEN MATCHED THEN UPDATE SET " + nm + " = s.n WHEN NOT MATCHED THEN INSERT (email, "
                        + nm + ") VALUES (s.e, s.n)";
            };
        }
    }

    /** The statement of one seed. */
    Case generate(long seed) {
        Build b = new Build(seed);
        int k = b.r.nextInt(100);
        String kind;
        String sql;
        Set<Family> families = b.only == null ? EnumSet.allOf(Family.class) : EnumSet.of(b.only);
        if (k < 50) {
            kind = "select";
            sql = b.selectStatement();
        } else if (k < 67) {
            kind = "update";
            sql = b.update();
        } else if (k < 80) {
            kind = "delete";
            sql = b.delete();
        } else if (k < 90) {
            kind = "insert";
            sql = b.insert();
        } else {
            kind = "upsert";
            Family f = b.only == null ? ALL.get(b.r.nextInt(3)) : b.only;
            families = EnumSet.of(f);
            sql = b.upsert(f);
        }
        return new Case("generated-" + kind, kind + " " + b.v.label(), "seed=" + seed, EnumSet.of(b.v), families,
                Case.ALL_PHASES, false, b.ordered, null, Case.Oracle.LOGICAL, List.of(sql),
                java.util.Collections.unmodifiableList(new ArrayList<>(b.params)), List.of(), List.of());
    }
}
