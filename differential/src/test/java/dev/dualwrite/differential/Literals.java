package dev.dualwrite.differential;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameter values: parsing the corpus's {@code @params} list, and writing them into the text for the Statement door
 * (which sends no parameters), at the {@code ?} marks that are not inside a string, a quoted name or a comment.
 */
final class Literals {
    private Literals() {
    }

    /** {@code 'it''s', 3, null} into a String, an Integer and a null. */
    static List<Object> parseList(String text) {
        List<Object> values = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
            } else if (c == '\'') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated string in @params " + text);
                    }
                    char d = text.charAt(i++);
                    if (d == '\'') {
                        if (i < text.length() && text.charAt(i) == '\'') {
                            b.append('\'');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(d);
                    }
                }
                values.add(b.toString());
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ',') {
                    end++;
                }
                String word = text.substring(i, end).trim();
                values.add(word.equalsIgnoreCase("null") ? null : Integer.valueOf(word));
                i = end;
            }
        }
        return values;
    }

    /** A value as an SQL literal. */
    static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Integer n) {
            return n.toString();
        }
        return "'" + v.toString().replace("'", "''") + "'";
    }

    /** How many parameter marks a statement has. */
    static int count(String sql) {
        return marks(sql).size();
    }

    /** The statement with {@code values[from...]} written in place of its parameter marks. */
    static String inline(String sql, List<Object> values, int from) {
        List<Integer> at = marks(sql);
        StringBuilder b = new StringBuilder(sql.length() + 16 * at.size());
        int last = 0;
        for (int k = 0; k < at.size(); k++) {
            b.append(sql, last, at.get(k)).append(literal(values.get(from + k)));
            last = at.get(k) + 1;
        }
        return b.append(sql.substring(last)).toString();
    }

    /** Positions of the {@code ?} marks outside strings, quoted names and comments. */
    static List<Integer> marks(String sql) {
        List<Integer> at = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                i = j + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int j = sql.indexOf('\n', i);
                i = j < 0 ? n : j + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int j = sql.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
            } else {
                if (c == '?') {
                    at.add(i);
                }
                i++;
            }
        }
        return at;
    }
}
