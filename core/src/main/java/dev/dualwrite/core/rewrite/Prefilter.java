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
    /** How far the window may move when its last character is c (characters below 128 only). */
    private final byte[] shift = new byte[128];
    /** Whether c is the last of some needle's first {@code minLength} characters, so the window must be checked. */
    private final boolean[] last = new boolean[128];
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
        for (int c = 0; c < 128; c++) {
            shift[c] = (byte) m;
        }
        if (!matchAll) {
            for (char[] needle : needles) {
                for (int j = 0; j < m - 1; j++) {
                    setShift(needle[j], m - 1 - j);
                }
                char c = needle[m - 1];
                last[c] = true;
                last[Character.toUpperCase(c) < 128 ? Character.toUpperCase(c) : c] = true;
            }
        }
    }

    private void setShift(char lower, int value) {
        if (lower < 128 && shift[lower] > value) {
            shift[lower] = (byte) value;
            char upper = Character.toUpperCase(lower);
            if (upper < 128) {
                shift[upper] = (byte) value;
            }
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
        final boolean[] last = this.last;
        int i = m - 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (c < 128) {
                if (last[c] && verify(sql, i - m + 1)) {
                    return true;
                }
                i += shift[c];
            } else {
                i += m;
            }
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
