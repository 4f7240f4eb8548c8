package dev.dualwrite.ops.schema;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.SqlLexer;
import dev.dualwrite.core.sql.Tokens;
import java.util.Locale;

/** Edits of catalog-written SQL (index definitions, check clauses) at the lexer's token positions. */
final class Identifiers {
    private Identifiers() {
    }

    /**
     * Replaces every reference to column {@code from} in {@code text} (tokens from {@code fromToken} on) with the
     * quoted {@code to}. A name followed by {@code (} is a function call and a name after {@code .} qualifies
     * something else; neither is touched, nor anything inside string literals or comments.
     */
    static String replaceColumn(Dialect dialect, String text, int fromOffset, String from, String to) {
        Tokens tokens = new SqlLexer(dialect, false).tokenize(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int copied = 0;
        for (int i = tokens.indexAt(fromOffset); i < tokens.size(); i++) {
            if (!tokens.isIdentifier(i)) {
                continue;
            }
            if (i + 1 < tokens.size() && tokens.kind(i + 1) == Tokens.LPAREN) {
                continue;
            }
            if (i > 0 && tokens.kind(i - 1) == Tokens.DOT) {
                continue;
            }
            if (!refersTo(dialect, tokens, i, from)) {
                continue;
            }
            out.append(text, copied, tokens.start(i)).append(dialect.quote(to));
            copied = tokens.end(i);
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Whether the text mentions column {@code name} (same rules as {@link #replaceColumn}). */
    static boolean mentions(Dialect dialect, String text, String name) {
        return !replaceColumn(dialect, text, 0, name, "\u0000").equals(text);
    }

    private static boolean refersTo(Dialect dialect, Tokens tokens, int i, String physical) {
        String written = tokens.identifier(i);
        boolean quoted = tokens.kind(i) == Tokens.QUOTED_IDENT;
        if (dialect == Dialect.MYSQL) {
            return written.equalsIgnoreCase(physical);
        }
        return dialect.defaultIdentifierCase().normalize(written, quoted).equals(physical);
    }

    /**
     * The name of a copy: the old name with the old column's name replaced by the new one where it appears, else the
     * old name with {@code _<to>} appended; cut to the database's limit.
     */
    static String copyName(String oldName, String from, String to, int maxLength) {
        String lowerOld = oldName.toLowerCase(Locale.ROOT);
        int at = lowerOld.indexOf(from.toLowerCase(Locale.ROOT));
        String name = at >= 0 ? oldName.substring(0, at) + to + oldName.substring(at + from.length())
                : oldName + "_" + to;
        return fit(name, maxLength);
    }

    /** The name, or when it is too long, its start and a hash of the whole so that two long names stay apart. */
    static String fit(String name, int maxLength) {
        if (name.length() <= maxLength) {
            return name;
        }
        String suffix = "_" + Integer.toHexString(name.hashCode() & 0xfffff);
        return name.substring(0, maxLength - suffix.length()) + suffix;
    }
}
