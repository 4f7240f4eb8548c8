package dev.dualwrite.core.sql;

/**
 * Recognizes statements that change the schema (ALTER, CREATE, DROP, RENAME, TRUNCATE), so that a door can refresh
 * the catalog knowledge its plans were built on. Reads the first word only, skipping whitespace and comments.
 */
public final class SchemaChanges {
    private SchemaChanges() {
    }

    /** Whether {@code sql} starts with a schema-changing keyword. */
    public static boolean isSchemaChange(String sql) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return startsWith(sql, i, "alter") || startsWith(sql, i, "create") || startsWith(sql, i, "drop")
                || startsWith(sql, i, "rename") || startsWith(sql, i, "truncate");
    }

    private static boolean startsWith(String sql, int i, String word) {
        int end = i + word.length();
        return sql.regionMatches(true, i, word, 0, word.length())
                && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)));
    }
}
