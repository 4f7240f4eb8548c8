package dev.dualwrite.ops.fleet;

import dev.dualwrite.ops.OpsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the command line writes them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 24h}, {@code 7d}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * @throws OpsException (exit 2) naming the option and the accepted forms
     */
    public static long parseMillis(String text, String option) throws OpsException {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw OpsException.usage(option + " takes a duration like 30s, 10m, 24h or 7d, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return n;
            case "s":
                return n * 1000;
            case "m":
                return n * 60_000;
            case "h":
                return n * 3_600_000;
            default:
                return n * 86_400_000;
        }
    }

    /** A short human form of a span: {@code 850ms}, {@code 12s}, {@code 5m}, {@code 3h 20m}, {@code 2d 4h}. */
    public static String human(long millis) {
        if (millis < 0) {
            return "-" + human(-millis);
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        long h = m / 60;
        if (h < 24) {
            return h + "h" + (m % 60 == 0 ? "" : " " + m % 60 + "m");
        }
        return h / 24 + "d" + (h % 24 == 0 ? "" : " " + h % 24 + "h");
    }
}
