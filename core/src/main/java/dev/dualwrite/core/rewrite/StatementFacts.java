package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Tokens;
import java.util.Locale;
import java.util.Set;

/**
 * What one pass over a statement's tokens tells before any analysis: its {@link StatementKind}, how many parameters
 * the application binds, and whether it has literals (which decides whether its shape is worth caching).
 *
 * @param kind           the statement's kind
 * @param parameterCount how many values the application binds: the number of {@code ?} placeholders plus the
 *                       highest {@code $n} (or H2 {@code ?n})
 * @param hasLiterals    whether any string or number literal appears
 */
record StatementFacts(StatementKind kind, int parameterCount, boolean hasLiterals) {
    /** What a statement the engine did not read is known to be: nothing. */
    static final StatementFacts UNREAD = new StatementFacts(StatementKind.UNKNOWN, -1, false);

    private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table");
    private static final Set<String> WRITE_STARTS = Set.of("insert", "update", "delete", "merge", "replace",
            "upsert");
    /** Words whose presence makes a query a write or a lock (the sidecar may not wrap such a statement). */
    private static final Set<String> WRITE_WORDS = Set.of("insert", "update", "delete", "merge", "into", "copy");
    private static final Set<String> DDL_STARTS = Set.of("create", "alter", "drop", "truncate", "comment", "grant",
            "revoke", "rename");
    private static final Set<String> TRANSACTION_STARTS = Set.of("begin", "start", "commit", "rollback",
            "savepoint", "release", "end", "abort");
    private static final Set<String> SESSION_STARTS = Set.of("set", "show", "reset", "use", "discard", "listen",
            "notify", "unlisten", "deallocate");

    /** Reads the facts from the tokens of a whole statement text. */
    static StatementFacts of(Tokens t) {
        int parts = 0;
        int partStart = -1;
        boolean writeWord = false;
        boolean literals = false;
        int plain = 0;
        int numbered = 0;
        for (int i = 0; i < t.size(); i++) {
            byte k = t.kind(i);
            if (k == Tokens.SEMICOLON) {
                continue;
            }
            if (i == 0 || t.kind(i - 1) == Tokens.SEMICOLON) {
                parts++;
                partStart = i;
            }
            if (k == Tokens.STRING || k == Tokens.NUMBER) {
                literals = true;
            } else if (k == Tokens.PARAM) {
                plain++;
            } else if (k == Tokens.NUMBERED_PARAM) {
                numbered = Math.max(numbered, number(t, i));
            } else if (k == Tokens.IDENT && !writeWord) {
                writeWord = isWriteWord(t, i);
            }
        }
        StatementKind kind = t.unterminated() ? StatementKind.OTHER : parts > 1 ? StatementKind.MULTIPLE
                : parts == 0 ? StatementKind.OTHER : kindOf(t, partStart, writeWord);
        return new StatementFacts(kind, plain + numbered, literals);
    }

    private static StatementKind kindOf(Tokens t, int first, boolean writeWord) {
        while (first < t.size() && t.kind(first) == Tokens.LPAREN) {
            first++;
        }
        if (first >= t.size() || t.kind(first) != Tokens.IDENT) {
            return StatementKind.OTHER;
        }
        String w = lower(t, first);
        if (QUERY_STARTS.contains(w)) {
            return writeWord ? StatementKind.WRITE : StatementKind.QUERY;
        }
        if (WRITE_STARTS.contains(w)) {
            return StatementKind.WRITE;
        }
        if (DDL_STARTS.contains(w)) {
            return StatementKind.DDL;
        }
        if (TRANSACTION_STARTS.contains(w)) {
            return StatementKind.TRANSACTION;
        }
        return SESSION_STARTS.contains(w) ? StatementKind.SESSION : StatementKind.OTHER;
    }

    /** Without a string per word: this runs over every token of every statement planned on first sight. */
    private static boolean isWriteWord(Tokens t, int i) {
        int length = t.end(i) - t.start(i);
        if (length < 4 || length > 6) {
            return false;
        }
        for (String w : WRITE_WORDS) {
            if (t.isKeyword(i, w)) {
                return true;
            }
        }
        return false;
    }

    private static String lower(Tokens t, int i) {
        return t.text(i).toLowerCase(Locale.ROOT);
    }

    /** The n of {@code $n} or {@code ?n}; a number too large for an int counts as the largest (the server refuses it). */
    private static int number(Tokens t, int i) {
        long n = 0;
        for (int c = t.start(i) + 1; c < t.end(i); c++) {
            char ch = t.sql().charAt(c);
            if (ch < '0' || ch > '9') {
                break;
            }
            n = Math.min(Integer.MAX_VALUE, n * 10 + (ch - '0'));
        }
        return (int) n;
    }
}
