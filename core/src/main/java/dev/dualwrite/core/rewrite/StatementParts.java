package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Tokens;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a statement text into its semicolon-separated parts and tells what each part is to the analysis: passed as
 * written (DDL, session and transaction control), a DML statement to rewrite, or a wrapper (EXPLAIN, DECLARE ... FOR,
 * PREPARE ... AS) around one.
 */
final class StatementParts {
    /** Statements the engine does not rewrite: DDL (a migration must run as written), session and transaction control. */
    private static final Set<String> PASS_KEYWORDS = Set.of("create", "alter", "drop", "truncate", "comment", "grant",
            "revoke", "vacuum", "analyze", "analyse", "reindex", "cluster", "lock", "refresh", "set", "show", "reset",
            "begin", "start", "commit", "rollback", "savepoint", "release", "discard", "listen", "notify", "unlisten",
            "deallocate", "checkpoint", "use", "describe", "desc", "rename", "optimize", "repair", "check",
            "checksum", "flush", "kill", "call", "do", "execute", "fetch", "close", "move", "end", "abort",
            "security", "load" /* LOAD 'library' in PostgreSQL; MySQL LOAD DATA is rejected by the analysis */);
    private static final Set<String> DML_KEYWORDS = Set.of("select", "with", "insert", "update", "delete", "merge",
            "replace", "upsert", "values", "table", "explain", "(");
    private static final Set<String> INNER_STARTS = Set.of("select", "with", "insert", "update", "delete", "merge",
            "values", "table", "replace", "(");

    private StatementParts() {
    }

    /** The index of the semicolon that ends the part starting at token {@code start}, or the token count. */
    static int endOf(Tokens t, int start) {
        int i = start;
        while (i < t.size() && t.kind(i) != Tokens.SEMICOLON) {
            i++;
        }
        return i;
    }

    /** Whether a part starting with {@code keyword} is sent as written, without analysis. */
    static boolean passesUnread(String keyword) {
        return PASS_KEYWORDS.contains(keyword);
    }

    /** Whether a part starting with {@code keyword} is a statement the rewriter handles. */
    static boolean isDml(String keyword) {
        return DML_KEYWORDS.contains(keyword);
    }

    /**
     * Finds where a wrapped statement starts: the first DML keyword at depth 0 after {@code from}, after the keyword
     * {@code after} when given; -1 when there is none.
     */
    static int innerStatement(Tokens t, int from, int last, String after) {
        int depth = 0;
        boolean seen = after == null;
        for (int i = from; i <= last; i++) {
            byte k = t.kind(i);
            if (k == Tokens.LPAREN) {
                if (depth == 0 && seen && i > from && t.kind(i + 1) == Tokens.IDENT
                        && INNER_STARTS.contains(word(t, i + 1)) && after != null) {
                    return i;
                }
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            } else if (depth == 0 && k == Tokens.IDENT) {
                String w = word(t, i);
                if (!seen && w.equals(after)) {
                    seen = true;
                } else if (seen && INNER_STARTS.contains(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Token {@code i} as a lower-case keyword: "(" for an opening parenthesis, "" for anything but a plain word. */
    static String word(Tokens t, int i) {
        if (i >= t.size()) {
            return "";
        }
        if (t.kind(i) == Tokens.LPAREN) {
            return "(";
        }
        return t.kind(i) == Tokens.IDENT ? t.text(i).toLowerCase(Locale.ROOT) : "";
    }
}
