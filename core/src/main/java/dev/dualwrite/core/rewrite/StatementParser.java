package dev.dualwrite.core.rewrite;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.StringProvider;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

/** Runs JSqlParser over a {@link ParserInput} under a time budget; every failure becomes an {@link Unsupported}. */
final class StatementParser {
    private StatementParser() {
    }

    /**
     * The tree of {@code text}.
     *
     * @throws Unsupported with {@link Rejection#SYNTAX} when the parser refuses the text, {@link Rejection#TOO_COMPLEX}
     *                     (momentary: not remembered) when it ran over {@code budgetMillis}
     */
    static Statement parse(String text, long budgetMillis) {
        CCJSqlParser parser = new CCJSqlParser(new StringProvider(text)).withAllowComplexParsing(false);
        try (ParseGuard.Armed armed = ParseGuard.arm(parser, budgetMillis)) {
            Statement st;
            try {
                st = parser.Statement();
            } catch (Exception | StackOverflowError e) {
                if (armed.expired()) {
                    throw tooSlow(budgetMillis);
                }
                String msg = e instanceof StackOverflowError ? "it is nested too deeply" : firstLine(e.getMessage());
                throw new Unsupported(null, "could not parse the statement: " + msg, Rejection.SYNTAX);
            }
            if (armed.expired()) {
                throw tooSlow(budgetMillis);
            }
            if (st == null || st instanceof UnsupportedStatement) {
                throw new Unsupported(null, "could not parse the statement", Rejection.SYNTAX);
            }
            return st;
        }
    }

    private static Unsupported tooSlow(long budgetMillis) {
        return new Unsupported(null, "parsing took more than " + budgetMillis + " ms of CPU time (limits.parse-budget-ms); the"
                + " statement is not remembered as rejected and is parsed again on its next use",
                Rejection.TOO_COMPLEX, true);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
