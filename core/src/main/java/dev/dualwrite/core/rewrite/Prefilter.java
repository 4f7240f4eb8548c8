package dev.dualwrite.core.rewrite;

import java.util.Locale;

/**
 * Decides without parsing or tokenizing whether a statement's text contains the name of any window table, ignoring
 * case. A statement that does not cannot touch a window and is passed through at the cost of this scan alone.
 *
 * <p>The scan is a multi-pattern Horspool search: it inspects about one character in every <i>m</i> (the shortest
 * table name), so a 200-character statement costs a few dozen probes. A hit only means "look closer": the name may be
 * inside a literal, a comment or a longer identifier, which the tokenizer settles next.
 */
final class Prefilter {
    private final char[][] needles;
    private final int minLength;
    /**
     * For every char value: how far the window may move when its last character is that char; 0 when the char ends
     * some needle's first {@code minLength} characters, so the window must be checked. Indexed by the char itself
     * (64 KiB) so that the loop has no range test.
     */
    private final byte[] shift = new byte[65536];
    /** After a window whose last character had shift 0 did not match: the Horspool shift of that character. */
    private final byte[] after = new byte[65536];
    /** Whether a char can precede the last character of some needle's prefix: a cheap test before verifying. */
    private final boolean[] second = new boolean[65536];
    private final boolean matchAll;

    Prefilter(Iterable<String> names) {
        java.util.List<char[]> list = new java.util.ArrayList<>();
        int min = Integer.MAX_VALUE;
        boolean nonAscii = false;
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                if (lower.charAt(i) >= 128) {
                    nonAscii = true;
                }
            }
            list.add(lower.toCharArray());
            min = Math.min(min, lower.length());
        }
        this.needles = list.toArray(new char[0][]);
        this.matchAll = nonAscii || min == 0;
        this.minLength = list.isEmpty() ? 0 : Math.min(min, 127);
        int m = minLength;
        java.util.Arrays.fill(shift, (byte) m);
        java.util.Arrays.fill(after, (byte) m);
        if (!matchAll) {
            for (char[] needle : needles) {
                for (int j = 0; j < m; j++) {
                    lower(shift, needle[j], m - 1 - j);
                    if (j < m - 1) {
                        lower(after, needle[j], m - 1 - j);
                    }
                }
                if (m >= 2) {
                    second[needle[m - 2]] = true;
                    second[Character.toUpperCase(needle[m - 2])] = true;
                }
            }
        }
    }

    private static void lower(byte[] table, char c, int value) {
        char upper = Character.toUpperCase(c);
        if (table[c] > value) {
            table[c] = (byte) value;
        }
        if (table[upper] > value) {
            table[upper] = (byte) value;
        }
    }

    /** Whether there is no window table at all, so that nothing can ever match. */
    boolean isEmpty() {
        return needles.length == 0;
    }

    /** Whether {@code sql} contains any window table name, ignoring case (including inside literals and comments). */
    boolean mayTouch(String sql) {
        if (needles.length == 0) {
            return false;
        }
        if (matchAll) {
            return true;
        }
        final int m = minLength;
        final int n = sql.length();
        final byte[] shift = this.shift;
        int i = m - 1;
        while (i < n) {
            char c = sql.charAt(i);
            int s = shift[c];
            if (s != 0) {
                i += s;
                continue;
            }
            if ((m < 2 || second[sql.charAt(i - 1)]) && verify(sql, i - m + 1)) {
                return true;
            }
            i += after[c];
        }
        return false;
    }

    private boolean verify(String sql, int start) {
        for (char[] needle : needles) {
            if (start + needle.length <= sql.length() && regionMatches(sql, start, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(String sql, int start, char[] needle) {
        for (int j = 0; j < needle.length; j++) {
            char c = sql.charAt(start + j);
            if (c != needle[j] && Character.toLowerCase(c) != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
