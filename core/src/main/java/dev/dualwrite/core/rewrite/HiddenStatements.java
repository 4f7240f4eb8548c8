package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Statements the engine otherwise passes untouched (DDL, session and procedural statements) that can read or write a
 * window column all the same: a {@code DO} block or routine body, a view, a trigger or rule that keeps one physical
 * name after the phase moves, MariaDB's {@code ANALYZE UPDATE} (which runs the update), {@code PREPARE ... FROM '...'}
 * and {@code EXECUTE IMMEDIATE}, {@code HANDLER ... READ} (the table's physical columns), {@code SET @v := (SELECT
 * ...)}, {@code CALL} with a query argument, compound statements ({@code BEGIN NOT ATOMIC ... END}).
 *
 * <p>Two of them are rewritten exactly, because they run one query once, now: {@code CREATE TABLE ... AS query} and
 * MySQL's {@code ANALYZE statement}; {@link #inner} hands back the query for the rewriter. The others are rejected
 * when their text, including string bodies (word by word, any case, any quoting), names a window table together with
 * one of its window columns. Dynamic SQL assembled from fragments that never spell the name is out of reach.
 */
final class HiddenStatements {
    /** Statements whose body is (or may be) a string: their window table may appear only inside it. */
    private static final Set<String> STRING_BODIES = Set.of("do", "create", "prepare", "execute", "set", "call");
    /** CREATE forms that store SQL which runs later, under whatever phase is in force then. */
    private static final Set<String> STORED = Set.of("view", "function", "procedure", "trigger", "rule", "event",
            "policy", "alias", "package", "aggregate");
    /** CREATE forms that name columns on purpose (the lifecycle's plan copies indexes) or run a query now. */
    private static final Set<String> OTHER_KINDS = Set.of("table", "index", "unique", "fulltext", "spatial");
    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "table", "values");
    private static final Set<String> MYSQL_ANALYZED = Set.of("select", "with", "update", "delete", "insert",
            "replace", "values", "(");

    private final WindowIndex index;
    private final IdentifierCase ids;
    private final Dialect dialect;

    HiddenStatements(WindowIndex index, IdentifierCase ids, Dialect dialect) {
        this.index = index;
        this.ids = ids;
        this.dialect = dialect;
    }

    /**
     * Whether a statement that names no window table in its own tokens must still be looked at: one whose body is a
     * string that spells a window table's name, or a CREATE or BEGIN whose body runs past the semicolon that ended
     * it (MySQL's {@code BEGIN ... END}) and names one further on.
     */
    boolean mustLook(Tokens t, int first, int last) {
        if (QuotedNames.namesTable(t, first, last, index, ids, dialect)) {
            return true;
        }
        String keyword = first > last ? "" : word(t, first);
        if (keyword.equals("create") || keyword.equals("begin")) {
            for (int i = last + 1; i < t.size(); i++) {
                if (t.isIdentifier(i) && index.isWindowTableName(ids.normalize(t.identifier(i),
                        t.kind(i) == Tokens.QUOTED_IDENT))) {
                    return true;
                }
            }
        }
        if (!STRING_BODIES.contains(keyword)) {
            return false;
        }
        for (int i = first; i <= last; i++) {
            if (t.kind(i) == Tokens.STRING && stringNamesTable(t, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the decision about {@code t} may depend on the contents of its strings, so that statements of one shape
     * (literals stripped) must not share an analysis.
     */
    boolean readsStrings(Tokens t) {
        if (QuotedNames.readsStrings(t, dialect)) {
            return true;
        }
        boolean start = true;
        for (int i = 0; i < t.size(); i++) {
            if (start && STRING_BODIES.contains(word(t, i))) {
                return true;
            }
            start = t.kind(i) == Tokens.SEMICOLON;
        }
        return false;
    }

    /**
     * Decides about a statement the engine would pass untouched (its first word is {@code keyword}).
     *
     * @return null to pass it as it is, or the first and last token of a query inside it to rewrite in its place
     * @throws Unsupported when it can read or write a window column without being rewritten
     */
    int[] inner(Tokens t, int first, int last, String keyword) {
        QuotedNames.check(t, first, last, index, ids, dialect);
        if (t.isOperator(first, '{')) {
            // JDBC's {call p(...)} and {? = call f(...)}: the driver turns them into CALL or SELECT.
            requireUnnamed(t, first, last, "a JDBC {call} whose arguments read it", "read the value in a statement"
                    + " of its own and pass it as a parameter");
            return null;
        }
        switch (keyword) {
            case "do":
                requireUnnamed(t, first, last, "a DO block", "run its statements on their own, where they are"
                        + " rewritten");
                return null;
            case "create":
                return create(t, first, last);
            case "execute":
                requireUnnamed(t, first, last, "EXECUTE of a statement text", "prepare the statement through the"
                        + " driver, where it is rewritten");
                return null;
            case "call":
                requireUnnamed(t, first, last, "a CALL whose arguments read it", "read the value in a statement of"
                        + " its own and pass it as a parameter");
                return null;
            case "set":
                requireUnnamed(t, first, last, "a SET of a variable", "read the value in a statement of its own"
                        + " (SELECT ...) and set the variable from its result");
                return null;
            case "begin":
                if (t.isKeyword(first + 1, "not") && t.isKeyword(first + 2, "atomic")) {
                    // A compound statement: its body runs to the matching END, past the semicolons that split parts.
                    requireUnnamed(t, first, t.size() - 1, "a BEGIN NOT ATOMIC block", "run its statements on"
                            + " their own, where they are rewritten");
                }
                return null;
            case "prepare":
                if (t.isKeyword(first + 2, "from")) {
                    requireUnnamed(t, first, last, "PREPARE ... FROM a statement text", "prepare the statement"
                            + " through the driver, where it is rewritten");
                }
                return null;
            case "handler":
                handler(t, first, last);
                return null;
            case "analyze":
            case "analyse":
                return dialect == Dialect.MYSQL ? mysqlAnalyze(t, first, last) : null;
            default:
                return null;
        }
    }

    /** MariaDB's HANDLER reads rows with the table's physical columns, like an unexpanded {@code SELECT *}. */
    private void handler(Tokens t, int first, int last) {
        int name = first + 1;
        if (name <= last && t.isIdentifier(name) && !t.isKeyword(name + 1, "close")) {
            int table = name + 2 <= last && t.kind(name + 1) == Tokens.DOT ? name + 2 : name;
            String key = ids.normalize(t.identifier(table), t.kind(table) == Tokens.QUOTED_IDENT);
            if (index.isWindowTableName(key)) {
                throw Unsupported.of(anyWindow(key), "HANDLER on window table " + t.text(table) + " reads its"
                        + " physical columns, which differ by phase; use SELECT, which is rewritten");
            }
        }
    }

    private int[] create(Tokens t, int first, int last) {
        // The kind of object is the first word that names one: modifiers (OR REPLACE, TEMPORARY, DEFINER = ...,
        // ALGORITHM = ...) come before it.
        int i = first + 1;
        while (i <= last && !(t.kind(i) == Tokens.IDENT && (STORED.contains(word(t, i))
                || OTHER_KINDS.contains(word(t, i))))) {
            i++;
        }
        String kind = word(t, i);
        if (kind.equals("table")) {
            return createTableAs(t, i + 1, last);
        }
        if (STORED.contains(kind)) {
            // Routine bodies may hold semicolons (MySQL BEGIN ... END, PostgreSQL BEGIN ATOMIC): scan to the end.
            requireUnnamed(t, first, t.size() - 1, "CREATE " + kind.toUpperCase(Locale.ROOT),
                    "its SQL would keep one physical name after the phase moves; create it once the window is over,"
                    + " or on the physical column of the phase and again at each phase change");
        }
        return null;
    }

    /** {@code CREATE TABLE name [(columns)] [AS] query [WITH [NO] DATA]}: the query runs once, and is rewritten. */
    private int[] createTableAs(Tokens t, int from, int last) {
        int[] query = findQuery(t, from, last);
        if (query != null) {
            for (int i = query[0]; i <= query[1]; i++) {
                boolean item = t.kind(i) == Tokens.STAR && (t.kind(i - 1) == Tokens.COMMA
                        || t.kind(i - 1) == Tokens.DOT || t.isKeyword(i - 1, "select")
                        || t.isKeyword(i - 1, "distinct") || t.isKeyword(i - 1, "all"));
                if (item && mentionsWindowTable(t, query[0], query[1])) {
                    throw Unsupported.of(null, "CREATE TABLE ... AS SELECT * over a window table would create"
                            + " the columns of the phase, not those the application knows; list the columns");
                }
            }
        }
        return query;
    }

    /** Whether the query's own level (not its subqueries) names a window table: the one its star would expand. */
    private boolean mentionsWindowTable(Tokens t, int first, int last) {
        int depth = t.kind(first) == Tokens.LPAREN ? -1 : 0;
        for (int i = first; i <= last; i++) {
            byte k = t.kind(i);
            depth += k == Tokens.LPAREN ? 1 : k == Tokens.RPAREN ? -1 : 0;
            if (depth <= 0 && t.isIdentifier(i) && index.isWindowTableName(ids.normalize(t.identifier(i),
                    k == Tokens.QUOTED_IDENT))) {
                return true;
            }
        }
        return false;
    }

    private int[] findQuery(Tokens t, int from, int last) {
        int depth = 0;
        for (int i = from; i <= last; i++) {
            byte k = t.kind(i);
            if (k == Tokens.LPAREN) {
                if (depth == 0 && i + 1 <= last && QUERY_STARTS.contains(word(t, i + 1))
                        && (t.isKeyword(i - 1, "as") || dialect == Dialect.MYSQL)) {
                    return new int[] {i, queryEnd(t, i, last)};
                }
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            } else if (depth == 0 && QUERY_STARTS.contains(word(t, i))
                    && (t.isKeyword(i - 1, "as") || dialect == Dialect.MYSQL)) {
                if (word(t, i).equals("with") && !t.isKeyword(i - 1, "as")) {
                    continue; // MySQL table options do not start with WITH; PostgreSQL's WITH (storage) does
                }
                return new int[] {i, queryEnd(t, i, last)};
            }
        }
        return null;
    }

    /** Where the query of CREATE TABLE AS ends: before PostgreSQL's trailing {@code WITH [NO] DATA}. */
    private static int queryEnd(Tokens t, int start, int last) {
        if (t.isKeyword(last, "data") && t.isKeyword(last - 1, "no") && t.isKeyword(last - 2, "with")) {
            return last - 3;
        }
        if (t.isKeyword(last, "data") && t.isKeyword(last - 1, "with")) {
            return last - 2;
        }
        return last;
    }

    /** MySQL's {@code ANALYZE [FORMAT=...] statement} runs the statement and reports on it: rewrite the statement. */
    private int[] mysqlAnalyze(Tokens t, int first, int last) {
        int i = first + 1;
        if (t.isKeyword(i, "format") && t.isOperator(i + 1, '=')) {
            i += 3;
        }
        if (i <= last && MYSQL_ANALYZED.contains(word(t, i))) {
            return new int[] {i, last};
        }
        if (t.isKeyword(i, "table") || t.isKeyword(i, "tables") || t.isKeyword(i, "local")
                || t.isKeyword(i, "no_write_to_binlog")) {
            return null; // ANALYZE TABLE: statistics only
        }
        return null;
    }

    /**
     * Rejects the statement in tokens {@code first..last} when it names a window table together with one of its
     * window columns, in its tokens or inside its strings.
     */
    private void requireUnnamed(Tokens t, int first, int last, String what, String advice) {
        Set<String> tables = new HashSet<>();
        Set<String> columns = new HashSet<>();
        for (int i = first; i <= last; i++) {
            byte k = t.kind(i);
            if (k == Tokens.IDENT || k == Tokens.QUOTED_IDENT) {
                String key = ids.normalize(t.identifier(i), k == Tokens.QUOTED_IDENT);
                tables.add(key);
                columns.add(key);
            } else if (k == Tokens.STRING) {
                words(t.sql(), t.start(i), t.end(i), tables, columns);
            }
        }
        for (String table : tables) {
            if (!index.isWindowTableName(table)) {
                continue;
            }
            for (String column : columns) {
                ColumnWindow cw = columnOf(table, column);
                if (cw != null) {
                    throw Unsupported.of(cw.window(), what + " that names " + column + " of window table " + table
                            + " is not rewritten; " + advice);
                }
            }
        }
    }

    /** Adds each word of {@code sql[from, to)} as it would be stored unquoted and quoted. */
    private void words(String sql, int from, int to, Set<String> tables, Set<String> columns) {
        int i = from;
        while (i < to) {
            while (i < to && !isWordChar(sql.charAt(i))) {
                i++;
            }
            int s = i;
            while (i < to && isWordChar(sql.charAt(i))) {
                i++;
            }
            if (i > s) {
                String w = sql.substring(s, i);
                for (String key : new String[] {ids.normalize(w, false), ids.normalize(w, true)}) {
                    tables.add(key);
                    columns.add(key);
                }
            }
        }
    }

    private boolean stringNamesTable(Tokens t, int i) {
        Set<String> keys = new HashSet<>();
        words(t.sql(), t.start(i), t.end(i), keys, new HashSet<>());
        for (String k : keys) {
            if (index.isWindowTableName(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private ColumnWindow columnOf(String tableKey, String columnKey) {
        if (!index.isWindowColumnName(columnKey)) {
            return null;
        }
        TableWindows tw;
        try {
            tw = index.find(null, tableKey);
        } catch (WindowIndex.AmbiguousTableException e) {
            return index.anyColumn(tableKey, columnKey);
        }
        return tw == null ? null : tw.column(columnKey);
    }

    private Window anyWindow(String tableKey) {
        try {
            TableWindows tw = index.find(null, tableKey);
            return tw == null ? null : tw.first;
        } catch (WindowIndex.AmbiguousTableException e) {
            return null;
        }
    }

    private static String word(Tokens t, int i) {
        if (i < 0 || i >= t.size()) {
            return "";
        }
        if (t.kind(i) == Tokens.LPAREN) {
            return "(";
        }
        return t.kind(i) == Tokens.IDENT ? t.text(i).toLowerCase(Locale.ROOT) : "";
    }
}
