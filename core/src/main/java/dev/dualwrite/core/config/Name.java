package dev.dualwrite.core.config;

import dev.dualwrite.core.sql.IdentifierCase;
import java.util.regex.Pattern;

/**
 * An identifier as configured: its text and whether it was quoted. An unquoted name folds the way the database folds
 * unquoted names; a quoted one is matched exactly.
 */
public final class Name {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_\\p{L}][A-Za-z0-9_$\\p{L}\\p{N}]*");

    private final String text;
    private final boolean quoted;

    private Name(String text, boolean quoted) {
        this.text = text;
        this.quoted = quoted;
    }

    /** An unquoted name; throws if it is not a plain identifier. */
    public static Name of(String text) {
        return parse(text);
    }

    /** A name matched exactly, as if written in double quotes. */
    public static Name quoted(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a quoted name cannot be empty");
        }
        return new Name(text, true);
    }

    /**
     * Parses {@code full_name} or {@code "Full Name"} (double quotes, or backticks, with doubled quotes inside).
     *
     * @throws IllegalArgumentException with a message saying what is wrong with the name
     */
    public static Name parse(String written) {
        if (written == null || written.isEmpty()) {
            throw new IllegalArgumentException("a name cannot be empty");
        }
        char first = written.charAt(0);
        if (first == '"' || first == '`') {
            if (written.length() < 3 || written.charAt(written.length() - 1) != first) {
                throw new IllegalArgumentException("quoted name " + written + " is not closed");
            }
            String inner = written.substring(1, written.length() - 1);
            String doubled = "" + first + first;
            String stripped = inner.replace(doubled, "");
            if (stripped.indexOf(first) >= 0) {
                throw new IllegalArgumentException("quoted name " + written + " has an unescaped quote inside");
            }
            return new Name(inner.replace(doubled, String.valueOf(first)), true);
        }
        if (!PLAIN.matcher(written).matches()) {
            throw new IllegalArgumentException("'" + written + "' is not a plain identifier (letters, digits, _ and $,"
                    + " not starting with a digit); quote it as \"" + written + "\" if the database name is exactly that");
        }
        return new Name(written, false);
    }

    public String text() {
        return text;
    }

    public boolean isQuoted() {
        return quoted;
    }

    /** The key under which a database with the given folding stores this name. */
    public String normalized(IdentifierCase identifiers) {
        return identifiers.normalize(text, quoted);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Name && ((Name) o).text.equals(text) && ((Name) o).quoted == quoted;
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + (quoted ? 1 : 0);
    }

    /** The name as it would be written in configuration. */
    @Override
    public String toString() {
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
