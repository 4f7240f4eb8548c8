package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;

/**
 * Names a window could hide behind, spelled in forms the rewriter does not edit:
 * <ul>
 *   <li>{@code U&"\0066ull_name"} (PostgreSQL, H2): a name with Unicode escapes. The lexer decodes it, so it is
 *       recognised, but the parser cannot read the form, and an edit would leave a {@code UESCAPE} clause behind;
 *       it is refused with the plain spelling to use instead.</li>
 *   <li>{@code "full_name"} in MySQL and MariaDB: a string in the default {@code sql_mode} but a name under
 *       {@code ANSI_QUOTES} (and {@code ANSI}). The engine does not follow each session's {@code sql_mode}, so a
 *       double-quoted text equal to a window table or column name is refused as ambiguous; a string with any other
 *       content means the same in both modes only if it is not a name the statement depends on, which for the
 *       window's names is all that matters.</li>
 * </ul>
 */
final class QuotedNames {
    private QuotedNames() {
    }

    /** Rejects a window name written in one of these forms in tokens {@code first..last}. */
    static void check(Tokens t, int first, int last, WindowIndex index, IdentifierCase ids, Dialect dialect) {
        for (int i = first; i <= last; i++) {
            if (isUnicodeName(t, i)) {
                String name = t.identifier(i);
                if (isWindowName(index, ids.normalize(name, true))) {
                    throw new Unsupported(null, "the name " + t.text(i) + " is written with Unicode escapes; write"
                            + " it as \"" + name.replace("\"", "\"\"") + "\" so that it can be rewritten",
                            Rejection.UNSUPPORTED);
                }
            } else if (dialect == Dialect.MYSQL && isDoubleQuotedString(t, i)) {
                String content = content(t, i);
                if (isWindowName(index, ids.normalize(content, true))) {
                    throw new Unsupported(null, "\"" + content + "\" is a string in MySQL's default sql_mode but the"
                            + " name of a window table or column under ANSI_QUOTES, which dualwrite does not follow;"
                            + " write names in backticks (or unquoted) and strings in single quotes",
                            Rejection.AMBIGUOUS);
                }
            }
        }
    }

    /** Whether a statement that names no window table otherwise names one in such a form. */
    static boolean namesTable(Tokens t, int first, int last, WindowIndex index, IdentifierCase ids,
            Dialect dialect) {
        for (int i = first; i <= last; i++) {
            String key = null;
            if (isUnicodeName(t, i)) {
                key = ids.normalize(t.identifier(i), true);
            } else if (dialect == Dialect.MYSQL && isDoubleQuotedString(t, i)) {
                key = ids.normalize(content(t, i), true);
            }
            if (key != null && index.isWindowTableName(key)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the decision depends on string contents: MySQL double-quoted strings may be names. */
    static boolean readsStrings(Tokens t, Dialect dialect) {
        if (dialect != Dialect.MYSQL) {
            return false;
        }
        for (int i = 0; i < t.size(); i++) {
            if (isDoubleQuotedString(t, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWindowName(WindowIndex index, String key) {
        return index.isWindowTableName(key) || index.isWindowColumnName(key);
    }

    private static boolean isUnicodeName(Tokens t, int i) {
        if (t.kind(i) != Tokens.QUOTED_IDENT) {
            return false;
        }
        char c = t.sql().charAt(t.start(i));
        return c == 'U' || c == 'u';
    }

    private static boolean isDoubleQuotedString(Tokens t, int i) {
        return t.kind(i) == Tokens.STRING && t.sql().charAt(t.start(i)) == '"';
    }

    private static String content(Tokens t, int i) {
        return t.sql().substring(t.start(i) + 1, Math.max(t.start(i) + 1, t.end(i) - 1)).replace("\"\"", "\"");
    }
}
