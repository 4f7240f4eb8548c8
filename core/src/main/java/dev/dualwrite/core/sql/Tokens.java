package dev.dualwrite.core.sql;

import java.util.Arrays;

/**
 * The tokens of one SQL text, as parallel arrays of kind, start and end offsets. Comments and whitespace are not
 * tokens; the text between two tokens is kept verbatim by anything that edits the statement.
 *
 * <p>Instances are produced by {@link SqlLexer} and are immutable once returned.
 */
public final class Tokens {
    public static final byte IDENT = 1;
    public static final byte QUOTED_IDENT = 2;
    public static final byte STRING = 3;
    public static final byte NUMBER = 4;
    /** A JDBC {@code ?} placeholder. */
    public static final byte PARAM = 5;
    /** A numbered placeholder: PostgreSQL {@code $1}, H2 {@code ?1}. */
    public static final byte NUMBERED_PARAM = 6;
    public static final byte LPAREN = 7;
    public static final byte RPAREN = 8;
    public static final byte COMMA = 9;
    public static final byte DOT = 10;
    public static final byte SEMICOLON = 11;
    public static final byte STAR = 12;
    /** Any other operator or punctuation; {@code ::} is one token, other operator characters one token each. */
    public static final byte OPERATOR = 13;

    final String sql;
    int count;
    byte[] kinds;
    int[] starts;
    int[] ends;
    boolean unterminated;
    int maxDepth;

    Tokens(String sql, int capacity) {
        this.sql = sql;
        this.kinds = new byte[capacity];
        this.starts = new int[capacity];
        this.ends = new int[capacity];
    }

    void add(byte kind, int start, int end) {
        if (count == kinds.length) {
            int n = Math.max(16, count * 2);
            kinds = Arrays.copyOf(kinds, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /** The text these tokens were read from. */
    public String sql() {
        return sql;
    }

    public int size() {
        return count;
    }

    public byte kind(int i) {
        return kinds[i];
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    /** The token's text exactly as written, quotes included. */
    public String text(int i) {
        return sql.substring(starts[i], ends[i]);
    }

    /** Whether a string literal, quoted identifier or block comment was left open at the end of the text. */
    public boolean unterminated() {
        return unterminated;
    }

    /** The deepest parenthesis nesting seen. */
    public int maxDepth() {
        return maxDepth;
    }

    public boolean isIdentifier(int i) {
        byte k = kinds[i];
        return k == IDENT || k == QUOTED_IDENT;
    }

    public boolean isParameter(int i) {
        byte k = kinds[i];
        return k == PARAM || k == NUMBERED_PARAM;
    }

    /** Whether token {@code i} is an unquoted word equal, ignoring case, to {@code keyword}. */
    public boolean isKeyword(int i, String keyword) {
        return i >= 0 && i < count && kinds[i] == IDENT && ends[i] - starts[i] == keyword.length()
                && sql.regionMatches(true, starts[i], keyword, 0, keyword.length());
    }

    /** Whether token {@code i} is the one-character operator {@code c}. */
    public boolean isOperator(int i, char c) {
        return i >= 0 && i < count && kinds[i] == OPERATOR && ends[i] - starts[i] == 1 && sql.charAt(starts[i]) == c;
    }

    /**
     * The name an identifier token denotes, without quotes and with doubled quote characters undoubled. For an unquoted
     * identifier this is the text as written (folding is the caller's business, see {@link IdentifierCase}).
     */
    public String identifier(int i) {
        int s = starts[i];
        int e = ends[i];
        if (kinds[i] != QUOTED_IDENT) {
            return sql.substring(s, e);
        }
        char q = sql.charAt(s);
        if (q == 'U' || q == 'u') {
            return unicodeEscaped(i);
        }
        String inner = sql.substring(s + 1, e - 1);
        String doubled = q == '`' ? "``" : "\"\"";
        return inner.indexOf(doubled) < 0 ? inner : inner.replace(doubled, doubled.substring(1));
    }

    /**
     * The name a {@code U&"..."} identifier denotes (PostgreSQL, H2): {@code \XXXX} and {@code \+XXXXXX} are code
     * points, a doubled escape character stands for itself, and {@code UESCAPE 'c'} after the token picks another
     * escape character. A malformed escape is kept as written: the database rejects such a name anyway.
     */
    private String unicodeEscaped(int i) {
        char esc = '\\';
        if (isKeyword(i + 1, "uescape") && i + 2 < count && kinds[i + 2] == STRING
                && ends[i + 2] - starts[i + 2] == 3) {
            esc = sql.charAt(starts[i + 2] + 1);
        }
        String inner = sql.substring(starts[i] + 3, ends[i] - 1).replace("\"\"", "\"");
        StringBuilder b = new StringBuilder(inner.length());
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (c != esc || k + 1 >= inner.length()) {
                b.append(c);
            } else if (inner.charAt(k + 1) == esc) {
                b.append(esc);
                k++;
            } else {
                boolean wide = inner.charAt(k + 1) == '+';
                int from = k + (wide ? 2 : 1);
                int to = from + (wide ? 6 : 4);
                int cp = to <= inner.length() ? hex(inner, from, to) : -1;
                if (cp < 0 || !Character.isValidCodePoint(cp)) {
                    b.append(c);
                } else {
                    b.appendCodePoint(cp);
                    k = to - 1;
                }
            }
        }
        return b.toString();
    }

    private static int hex(String s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /**
     * Index of the first token whose start is at or after {@code offset}; {@link #size()} if none.
     */
    public int indexAt(int offset) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Index of the token that starts exactly at {@code offset}, or -1. */
    public int indexStartingAt(int offset) {
        int i = indexAt(offset);
        return i < count && starts[i] == offset ? i : -1;
    }

    /**
     * The index of the parenthesis that closes the one at {@code open}, or -1 when it is not closed.
     */
    public int matchingParen(int open) {
        int depth = 0;
        for (int i = open; i < count; i++) {
            byte k = kinds[i];
            if (k == LPAREN) {
                depth++;
            } else if (k == RPAREN) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The index of the parenthesis that opens the one closing at {@code close}, or -1. */
    public int matchingOpenParen(int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            byte k = kinds[i];
            if (k == RPAREN) {
                depth++;
            } else if (k == LPAREN) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
