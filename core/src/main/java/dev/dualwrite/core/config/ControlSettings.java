package dev.dualwrite.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code control:} block of {@code dualwrite.yaml}: the instance reads its windows from dualwrite's control tables
 * in a database (and writes its heartbeat there) instead of only from the file.
 *
 * @param pollMillis  how often the control tables are read, in milliseconds (default {@value #DEFAULT_POLL_MILLIS})
 * @param url         the JDBC URL of the database holding the control tables, or null to use the application's own
 *                    database (the JDBC wrapper and the agent; the sidecar needs one)
 * @param user        the user for {@code url}, or null
 * @param passwordEnv the name of the environment variable holding the password for {@code url}, or null
 * @param schema      the schema (MariaDB: database) the control tables are in, or null for the connection's own
 */
public record ControlSettings(long pollMillis, String url, String user, String passwordEnv, String schema) {
    public static final long DEFAULT_POLL_MILLIS = 2000;
    /** Below this the heartbeats of a large fleet would cost the database more than they are worth. */
    public static final long MIN_POLL_MILLIS = 100;
    public static final long MAX_POLL_MILLIS = 10 * 60 * 1000;

    public ControlSettings {
        if (pollMillis < MIN_POLL_MILLIS || pollMillis > MAX_POLL_MILLIS) {
            throw new IllegalArgumentException("control poll must be between " + MIN_POLL_MILLIS + " ms and "
                    + MAX_POLL_MILLIS / 60_000 + " minutes, not " + pollMillis + " ms");
        }
    }

    /** Polls every two seconds through the application's own database. */
    public static ControlSettings defaults() {
        return new ControlSettings(DEFAULT_POLL_MILLIS, null, null, null, null);
    }

    public ControlSettings withUrl(String newUrl, String newUser, String newPasswordEnv) {
        return new ControlSettings(pollMillis, newUrl, newUser, newPasswordEnv, schema);
    }

    /**
     * The password for {@link #url()}, read from the environment variable {@link #passwordEnv()} now.
     *
     * @return null when no variable is named
     * @throws IllegalStateException naming the variable when it is named but not set
     */
    public String password() {
        if (passwordEnv == null) {
            return null;
        }
        String value = System.getenv(passwordEnv);
        if (value == null) {
            throw new IllegalStateException("the environment variable " + passwordEnv + " named by control"
                    + " password-env is not set; set it to the control user's password or remove password-env");
        }
        return value;
    }

    /**
     * Parses a duration written {@code 500ms}, {@code 2s} or {@code 1m}.
     *
     * @throws IllegalArgumentException saying how to write it
     */
    public static long parseDuration(String text) {
        String t = Objects.requireNonNull(text, "text").strip().toLowerCase(Locale.ROOT);
        long factor;
        String digits;
        if (t.endsWith("ms")) {
            factor = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1000;
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60_000;
            digits = t.substring(0, t.length() - 1);
        } else {
            throw new IllegalArgumentException("'" + text + "' has no unit; write it as 500ms, 2s or 1m");
        }
        try {
            long v = Long.parseLong(digits.strip());
            if (v > 0 && v < Long.MAX_VALUE / factor) {
                return v * factor;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("'" + text + "' is not a positive whole number with a unit; write it as"
                + " 500ms, 2s or 1m");
    }

    /** A URL without its query string, which may carry a password. */
    private static String withoutQuery(String u) {
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q) + "?...";
    }

    @Override
    public String toString() {
        // The password itself is never part of the settings; the variable's name is harmless.
        return "control{poll=" + pollMillis + "ms" + (url == null ? "" : ", url=" + withoutQuery(url))
                + (user == null ? "" : ", user=" + user) + (schema == null ? "" : ", schema=" + schema) + "}";
    }
}
