package dev.dualwrite.core.config;

import java.util.Objects;

/**
 * A configured table: a name and an optional schema. A window on {@code people} applies to {@code people} in any
 * schema; a window on {@code public.people} applies to {@code public.people} and to an unqualified {@code people}.
 */
public final class TableRef {
    private final Name schema;
    private final Name name;

    public TableRef(Name schema, Name name) {
        this.schema = schema;
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Parses {@code people}, {@code public.people} or {@code "My Schema"."People"}. */
    public static TableRef parse(String written) {
        if (written == null || written.isEmpty()) {
            throw new IllegalArgumentException("a table name cannot be empty");
        }
        int dot = topLevelDot(written);
        if (dot < 0) {
            return new TableRef(null, Name.parse(written));
        }
        String rest = written.substring(dot + 1);
        if (topLevelDot(rest) >= 0) {
            throw new IllegalArgumentException("'" + written + "' has too many parts; use table or schema.table");
        }
        return new TableRef(Name.parse(written.substring(0, dot)), Name.parse(rest));
    }

    /**
     * Splits a dotted name at the dots outside quotes: {@code "My Schema".people.full_name} gives three parts, each
     * still as written (quotes kept) for {@link Name#parse}. Shared by every place that reads a dotted name.
     */
    public static java.util.List<String> splitParts(String written) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        String rest = written;
        int dot;
        while ((dot = topLevelDot(rest)) >= 0) {
            parts.add(rest.substring(0, dot));
            rest = rest.substring(dot + 1);
        }
        parts.add(rest);
        return parts;
    }

    private static int topLevelDot(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '.') {
                return i;
            }
        }
        return -1;
    }

    /** The schema, or null when the window applies to the table in any schema. */
    public Name schema() {
        return schema;
    }

    public Name name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRef && Objects.equals(((TableRef) o).schema, schema) && ((TableRef) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(schema) * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return schema == null ? name.toString() : schema + "." + name;
    }
}
