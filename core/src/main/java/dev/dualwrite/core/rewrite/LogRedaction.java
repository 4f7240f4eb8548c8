package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine writes to its log about a statement: its text with every literal replaced by {@code ?}, because
 * clients that inline values (psycopg2) would otherwise put passwords and personal data in the log.
 */
final class LogRedaction {
    /** The engine's logger: operators configure "dev.dualwrite.core.rewrite.RewriteEngine". */
    private static final Logger log = LoggerFactory.getLogger(RewriteEngine.class);

    private LogRedaction() {
    }

    /** Logs a rejection or a pass-through once, when the statement is first planned: never its literals. */
    static void report(Analysis a, Tokens t) {
        if (a.rejection != null) {
            log.warn("{} Statement: {}", a.rejection.message(), abbreviate(redacted(t)));
        } else if (a.warning != null) {
            log.warn("dualwrite passed a statement through unchanged (on-unsupported: pass): {} Statement: {}",
                    a.warning, abbreviate(redacted(t)));
        }
    }

    /** The statement with every literal replaced by {@code ?}. */
    static String redacted(Tokens t) {
        StringBuilder b = new StringBuilder(t.sql().length());
        int pos = 0;
        for (int i = 0; i < t.size(); i++) {
            byte k = t.kind(i);
            if (k == Tokens.STRING || k == Tokens.NUMBER) {
                b.append(t.sql(), pos, t.start(i)).append('?');
                pos = t.end(i);
            }
        }
        return b.append(t.sql(), pos, t.sql().length()).toString();
    }

    /** At most 500 characters of {@code sql}, saying how long it was when cut. */
    static String abbreviate(String sql) {
        return sql.length() <= 500 ? sql : sql.substring(0, 500) + "... (" + sql.length() + " characters)";
    }
}
