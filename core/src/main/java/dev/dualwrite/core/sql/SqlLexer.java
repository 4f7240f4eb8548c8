package dev.dualwrite.core.sql;

/**
 * A dialect-aware tokenizer. It knows exactly what the database treats as a comment, a string literal or a quoted
 * identifier, so that names inside literals and comments are never mistaken for references:
 * <ul>
 *   <li>all dialects: {@code '...'} with {@code ''}, {@code -- } and block comments, {@code N'' X'' B''};</li>
 *   <li>PostgreSQL: nested block comments, {@code E'...'} with backslash escapes, {@code $tag$...$tag$},
 *       {@code U&'...'}, {@code $n} parameters, {@code ::} casts;</li>
 *   <li>MySQL/MariaDB: backslash escapes in {@code '...'} and {@code "..."} (both strings), backtick identifiers,
 *       {@code #} comments, {@code --} only before whitespace, executable comments {@code /*! ... *}{@code /} whose
 *       content is code;</li>
 *   <li>H2: {@code $$...$$} strings, {@code ?1} parameters, {@code //} line comments.</li>
 * </ul>
 * With {@code jdbcParameters}, {@code ?} is a placeholder and {@code ??} the escaped operator (pgjdbc's rule); without,
 * {@code ?} is an operator, as on the PostgreSQL wire protocol.
 */
public final class SqlLexer {
    private final Dialect dialect;
    private final boolean jdbcParameters;

    public SqlLexer(Dialect dialect, boolean jdbcParameters) {
        this.dialect = dialect;
        this.jdbcParameters = jdbcParameters;
    }

    public Dialect dialect() {
        return dialect;
    }

    public boolean jdbcParameters() {
        return jdbcParameters;
    }

    /** Tokenizes the whole text. Never throws: an unterminated literal or comment ends at the end of the text. */
    public Tokens tokenize(String sql) {
        int n = sql.length();
        Tokens t = new Tokens(sql, Math.max(8, n / 4));
        int depth = 0;
        boolean inExecutableComment = false;
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case ' ': case '\t': case '\n': case '\r': case '\f':
                    i++;
                    continue;
                case '(':
                    t.add(Tokens.LPAREN, i, i + 1);
                    depth++;
                    if (depth > t.maxDepth) {
                        t.maxDepth = depth;
                    }
                    i++;
                    continue;
                case ')':
                    t.add(Tokens.RPAREN, i, i + 1);
                    depth--;
                    i++;
                    continue;
                case ',':
                    t.add(Tokens.COMMA, i, i + 1);
                    i++;
                    continue;
                case ';':
                    t.add(Tokens.SEMICOLON, i, i + 1);
                    i++;
                    continue;
                case '*':
                    if (inExecutableComment && i + 1 < n && sql.charAt(i + 1) == '/') {
                        inExecutableComment = false;
                        i += 2;
                        continue;
                    }
                    t.add(Tokens.STAR, i, i + 1);
                    i++;
                    continue;
                case '.':
                    if (i + 1 < n && isDigit(sql.charAt(i + 1))) {
                        i = number(sql, i, t);
                    } else {
                        t.add(Tokens.DOT, i, i + 1);
                        i++;
                    }
                    continue;
                case '\'':
                    i = quotedString(sql, i, i + 1, dialect == Dialect.MYSQL, t);
                    continue;
                case '"':
                    if (dialect == Dialect.MYSQL) {
                        i = quoted(sql, i, '"', true, Tokens.STRING, t);
                    } else {
                        i = quoted(sql, i, '"', false, Tokens.QUOTED_IDENT, t);
                    }
                    continue;
                case '`':
                    i = quoted(sql, i, '`', false, Tokens.QUOTED_IDENT, t);
                    continue;
                case '-':
                    if (i + 1 < n && sql.charAt(i + 1) == '-'
                            && (dialect != Dialect.MYSQL || i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
                        i = lineEnd(sql, i);
                        continue;
                    }
                    break;
                case '#':
                    if (dialect == Dialect.MYSQL) {
                        i = lineEnd(sql, i);
                        continue;
                    }
                    break;
                case '/':
                    if (dialect == Dialect.H2 && i + 1 < n && sql.charAt(i + 1) == '/') {
                        i = lineEnd(sql, i);
                        continue;
                    }
                    if (i + 1 < n && sql.charAt(i + 1) == '*') {
                        if (dialect == Dialect.MYSQL && i + 2 < n
                                && (sql.charAt(i + 2) == '!' || sql.startsWith("M!", i + 2))) {
                            // Executable comment: MySQL runs its content, so it is code to us too.
                            i += sql.charAt(i + 2) == '!' ? 3 : 4;
                            while (i < n && isDigit(sql.charAt(i))) {
                                i++;
                            }
                            inExecutableComment = true;
                            continue;
                        }
                        i = blockComment(sql, i, t);
                        continue;
                    }
                    break;
                case '?':
                    if (jdbcParameters) {
                        if (i + 1 < n && sql.charAt(i + 1) == '?') {
                            t.add(Tokens.OPERATOR, i, i + 2);
                            i += 2;
                            continue;
                        }
                        if (dialect == Dialect.H2 && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                            int e = digitsEnd(sql, i + 1);
                            t.add(Tokens.NUMBERED_PARAM, i, e);
                            i = e;
                            continue;
                        }
                        t.add(Tokens.PARAM, i, i + 1);
                        i++;
                        continue;
                    }
                    break;
                case '$':
                    if (i + 1 < n && isDigit(sql.charAt(i + 1))) {
                        int e = digitsEnd(sql, i + 1);
                        t.add(Tokens.NUMBERED_PARAM, i, e);
                        i = e;
                        continue;
                    }
                    if (dialect != Dialect.MYSQL) {
                        int e = dollarQuoted(sql, i, t);
                        if (e > i) {
                            i = e;
                            continue;
                        }
                    }
                    break;
                case ':':
                    if (i + 1 < n && sql.charAt(i + 1) == ':') {
                        t.add(Tokens.OPERATOR, i, i + 2);
                        i += 2;
                        continue;
                    }
                    break;
                default:
                    if (isDigit(c)) {
                        i = number(sql, i, t);
                        continue;
                    }
                    if (isIdentifierStart(c)) {
                        i = word(sql, i, t);
                        continue;
                    }
                    if (c > 127 && Character.isWhitespace(c)) {
                        i++;
                        continue;
                    }
                    break;
            }
            t.add(Tokens.OPERATOR, i, i + 1);
            i++;
        }
        if (inExecutableComment) {
            t.unterminated = true;
        }
        return t;
    }

    private int word(String sql, int start, Tokens t) {
        int n = sql.length();
        int i = start + 1;
        while (i < n && isIdentifierPart(sql.charAt(i))) {
            i++;
        }
        // String literal prefixes: E'..' (PostgreSQL escapes), N'..', X'..', B'..', U&'..'.
        if (i < n && i - start <= 2) {
            char next = sql.charAt(i);
            if (next == '\'') {
                if (i - start == 1) {
                    char p = (char) (sql.charAt(start) | 0x20);
                    if (p == 'e' && dialect == Dialect.POSTGRESQL) {
                        return quotedString(sql, start, i + 1, true, t);
                    }
                    if (p == 'n' || p == 'x' || p == 'b') {
                        return quotedString(sql, start, i + 1, dialect == Dialect.MYSQL, t);
                    }
                }
            } else if (next == '&' && i - start == 1 && (sql.charAt(start) | 0x20) == 'u' && i + 1 < n) {
                char q = sql.charAt(i + 1);
                if (q == '\'') {
                    return quotedString(sql, start, i + 2, false, t);
                }
                if (q == '"') {
                    int e = quoted(sql, i + 1, '"', false, Tokens.QUOTED_IDENT, null);
                    t.add(Tokens.QUOTED_IDENT, start, e);
                    return e;
                }
            }
        }
        t.add(Tokens.IDENT, start, i);
        return i;
    }

    /** A '...' literal whose body starts at {@code bodyStart}; {@code backslash} makes \ an escape character. */
    private static int quotedString(String sql, int start, int bodyStart, boolean backslash, Tokens t) {
        int n = sql.length();
        int i = bodyStart;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && backslash) {
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                t.add(Tokens.STRING, start, i + 1);
                return i + 1;
            }
            i++;
        }
        t.unterminated = true;
        t.add(Tokens.STRING, start, n);
        return n;
    }

    /** A literal or identifier delimited by {@code q}, where a doubled {@code q} stands for itself. */
    private static int quoted(String sql, int start, char q, boolean backslash, byte kind, Tokens t) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && backslash) {
                i += 2;
                continue;
            }
            if (c == q) {
                if (i + 1 < n && sql.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                if (t != null) {
                    t.add(kind, start, i + 1);
                }
                return i + 1;
            }
            i++;
        }
        if (t != null) {
            t.unterminated = true;
            t.add(kind, start, n);
        }
        return n;
    }

    /** A $tag$...$tag$ string; returns {@code start} when the dollar sign does not open one. */
    private int dollarQuoted(String sql, int start, Tokens t) {
        int n = sql.length();
        int i = start + 1;
        if (dialect == Dialect.POSTGRESQL) {
            if (i < n && isIdentifierStart(sql.charAt(i))) {
                while (i < n && isTagPart(sql.charAt(i))) {
                    i++;
                }
            }
        }
        if (i >= n || sql.charAt(i) != '$') {
            return start;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        if (close < 0) {
            t.unterminated = true;
            t.add(Tokens.STRING, start, n);
            return n;
        }
        int end = close + tag.length();
        t.add(Tokens.STRING, start, end);
        return end;
    }

    private int blockComment(String sql, int start, Tokens t) {
        int n = sql.length();
        boolean nested = dialect != Dialect.MYSQL;
        int level = 1;
        int i = start + 2;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '*' && i + 1 < n && sql.charAt(i + 1) == '/') {
                i += 2;
                if (--level == 0) {
                    return i;
                }
                continue;
            }
            if (nested && c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                level++;
                i += 2;
                continue;
            }
            i++;
        }
        t.unterminated = true;
        return n;
    }

    private static int lineEnd(String sql, int i) {
        int n = sql.length();
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int number(String sql, int start, Tokens t) {
        int n = sql.length();
        int i = start;
        if (sql.charAt(i) == '0' && i + 1 < n && (sql.charAt(i + 1) | 0x20) == 'x') {
            i += 2;
            while (i < n && (isDigit(sql.charAt(i)) || ((sql.charAt(i) | 0x20) >= 'a' && (sql.charAt(i) | 0x20) <= 'f'))) {
                i++;
            }
            t.add(Tokens.NUMBER, start, i);
            return i;
        }
        while (i < n && (isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < n && sql.charAt(i) == '.' && !(i + 1 < n && sql.charAt(i + 1) == '.')) {
            i++;
            while (i < n && isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < n && (sql.charAt(i) | 0x20) == 'e') {
            int j = i + 1;
            if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(sql.charAt(j))) {
                i = digitsEnd(sql, j);
            }
        }
        t.add(Tokens.NUMBER, start, i);
        return i;
    }

    private static int digitsEnd(String sql, int i) {
        int n = sql.length();
        while (i < n && isDigit(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
    }

    static boolean isIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9') || c == '$'
                || (c > 127 && Character.isLetterOrDigit(c));
    }

    private static boolean isTagPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9')
                || (c > 127 && Character.isLetterOrDigit(c));
    }
}
