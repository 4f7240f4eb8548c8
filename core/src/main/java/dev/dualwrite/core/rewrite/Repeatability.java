package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an expression may be written twice in one statement and give the same value both times. Literals,
 * parameters, column references, operators and functions known to be deterministic (or stable within a statement)
 * qualify; anything else, in particular {@code nextval}, {@code random}, {@code uuid} generators, subqueries and any
 * unknown function, does not, because evaluating it a second time could yield another value.
 */
final class Repeatability {
    private static final Set<String> DETERMINISTIC = Set.of(
            "abs", "ceil", "ceiling", "floor", "round", "trunc", "truncate", "mod", "power", "pow", "sqrt", "sign",
            "exp", "ln", "log", "log10", "greatest", "least", "coalesce", "nullif", "ifnull", "nvl", "if", "iif",
            "lower", "upper", "lcase", "ucase", "trim", "ltrim", "rtrim", "btrim", "length", "char_length",
            "character_length", "octet_length", "bit_length", "substring", "substr", "left", "right", "lpad", "rpad",
            "replace", "reverse", "repeat", "concat", "concat_ws", "position", "strpos", "instr", "locate",
            "initcap", "split_part", "translate", "md5", "sha1", "sha2", "hex", "unhex", "to_hex", "format",
            "cast", "convert", "extract", "date_part", "date_trunc", "to_char", "to_date", "to_timestamp",
            "to_number", "date", "time", "year", "month", "day", "hour", "minute", "second", "date_format",
            "str_to_date", "date_add", "date_sub", "adddate", "subdate", "timestampadd", "timestampdiff", "datediff",
            "json_build_object", "jsonb_build_object", "json_build_array", "jsonb_build_array", "json_object",
            "json_array", "to_json", "to_jsonb", "array", "row", "encode", "decode", "any", "all",
            // Stable within one statement in all three dialects:
            "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp",
            "transaction_timestamp", "statement_timestamp", "utc_timestamp", "utc_date", "utc_time",
            "current_user", "session_user",
            // Aggregates whose result does not depend on row order: one value per group, however often written.
            "count", "sum", "min", "max", "avg", "bool_and", "bool_or", "every");

    /** Words that may stand before a parenthesis without being a function call. */
    private static final Set<String> NOT_CALLS = Set.of("when", "then", "else", "and", "or", "not", "in", "as", "is",
            "like", "ilike", "between", "case", "end", "on", "using", "distinct", "over", "filter", "within",
            "values", "interval", "by", "escape", "similar", "collate", "at", "zone", "of", "to", "from", "for");

    private Repeatability() {
    }

    /**
     * @return null when tokens {@code first..last} can be evaluated twice with one result, otherwise a short
     *         description of what cannot, for the rejection message
     */
    static String check(Tokens t, int first, int last, Dialect dialect) {
        for (int i = first; i <= last; i++) {
            byte kind = t.kind(i);
            if (t.isOperator(i, ':') && t.isOperator(i + 1, '=')) {
                return "a user variable assignment (:=)";
            }
            if (kind != Tokens.IDENT && kind != Tokens.QUOTED_IDENT) {
                continue;
            }
            boolean call = i + 1 <= last && t.kind(i + 1) == Tokens.LPAREN;
            if (kind == Tokens.IDENT) {
                String word = t.text(i).toLowerCase(Locale.ROOT);
                if (word.equals("select")) {
                    return "a subquery";
                }
                if (word.equals("next") && t.isKeyword(i + 1, "value")) {
                    return "NEXT VALUE FOR";
                }
                boolean typeName = i > first && (t.isKeyword(i - 1, "as") || (t.kind(i - 1) == Tokens.OPERATOR
                        && t.text(i - 1).equals("::")));
                if (!call || typeName || NOT_CALLS.contains(word)) {
                    continue;
                }
                boolean qualified = i > first && t.kind(i - 1) == Tokens.DOT;
                if (qualified || !DETERMINISTIC.contains(word) || (word.equals("sysdate") && dialect != Dialect.H2)) {
                    return "a call to " + t.text(i) + "()";
                }
            } else if (call) {
                return "a call to " + t.text(i) + "()";
            }
        }
        return null;
    }
}
