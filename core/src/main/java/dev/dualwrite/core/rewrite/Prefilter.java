package dev.dualwrite.core.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides without parsing or tokenizing whether a statement's text contains the name of any window table, ignoring
 * case. A statement that does not cannot touch a window and is passed through at the cost of this scan alone.
 *
 * <p>For each table name the scan looks for its rarest character (an underscore or digit if it has one, else its
 * least frequent letter) with {@link String#indexOf(int, int)}, which the JVM runs as a vectorized intrinsic, and
 * compares the whole name only where that character occurs. A statement on other tables usually has few such places,
 * so a 200-character statement costs a few vectorized scans. A hit only means "look closer": the name may be inside a
 * literal, a comment or a longer identifier, which the tokenizer settles next.
 */
final class Prefilter {
    /** Letters from most to least frequent in SQL text; a later letter makes a better anchor. */
    private static final String FREQUENCY = "etaoinsrlcdumhpfwgybvkxjqz";
    /** After this many false candidates for one name, the rest of the text is checked name by name directly. */
    private static final int MAX_CANDIDATES = 12;

    private final Needle[] needles;
    private final boolean matchAll;

    /** One table name, lower case, anchored at its rarest character. */
    private static final class Needle {
        final char[] name;
        final int anchor;
        final char lower;
        final char upper;

        Needle(String lowerName) {
            this.name = lowerName.toCharArray();
            int best = 0;
            int bestRank = -1;
            for (int i = 0; i < name.length; i++) {
                int rank = rank(name[i]);
                if (rank > bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            this.anchor = best;
            this.lower = name[best];
            this.upper = Character.toUpperCase(name[best]);
        }

        private static int rank(char c) {
            int f = FREQUENCY.indexOf(c);
            return f < 0 ? 100 : f;
        }

        boolean occursIn(String sql) {
            return scan(sql, lower) || (upper != lower && scan(sql, upper));
        }

        private boolean scan(String sql, char c) {
            int candidates = 0;
            for (int i = sql.indexOf(c, anchor); i >= 0; i = sql.indexOf(c, i + 1)) {
                if (matchesAt(sql, i - anchor)) {
                    return true;
                }
                if (++candidates > MAX_CANDIDATES) {
                    return slowScan(sql, i + 1 - anchor);
                }
            }
            return false;
        }

        private boolean slowScan(String sql, int from) {
            for (int start = Math.max(0, from); start + name.length <= sql.length(); start++) {
                if (matchesAt(sql, start)) {
                    return true;
                }
            }
            return false;
        }

        boolean matchesAt(String sql, int start) {
            if (start < 0 || start + name.length > sql.length()) {
                return false;
            }
            for (int j = 0; j < name.length; j++) {
                char c = sql.charAt(start + j);
                if (c != name[j] && Character.toLowerCase(c) != name[j]) {
                    return false;
                }
            }
            return true;
        }
    }

    Prefilter(Iterable<String> names) {
        List<Needle> list = new ArrayList<>();
        boolean nonAscii = false;
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (int i = 0; i < lower.length(); i++) {
                nonAscii |= lower.charAt(i) >= 128;
            }
            if (!lower.isEmpty()) {
                list.add(new Needle(lower));
            }
        }
        this.needles = list.toArray(new Needle[0]);
        // Case folding beyond ASCII is not a one-to-one char mapping: such names make every statement a candidate.
        this.matchAll = nonAscii;
    }

    /** Whether there is no window table at all, so that nothing can ever match. */
    boolean isEmpty() {
        return needles.length == 0;
    }

    /** Whether {@code sql} contains any window table name, ignoring case (including inside literals and comments). */
    boolean mayTouch(String sql) {
        if (matchAll) {
            return needles.length > 0;
        }
        for (Needle n : needles) {
            if (n.occursIn(sql)) {
                return true;
            }
        }
        return needles.length > 0 && hasUnicodeName(sql);
    }

    /** Whether the text has a {@code U&"} name, which can spell a table's name in escapes the scan cannot see. */
    private static boolean hasUnicodeName(String sql) {
        for (int i = sql.indexOf('&'); i >= 1; i = sql.indexOf('&', i + 1)) {
            char u = sql.charAt(i - 1);
            if ((u == 'U' || u == 'u') && i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                return true;
            }
        }
        return false;
    }
}
