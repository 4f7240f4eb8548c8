package dev.dualwrite.core.sql;

import java.util.Locale;

/**
 * The SQL dialect a statement is written in. It decides how identifiers fold, which quotes delimit identifiers and
 * strings, which comments exist, and how a database evaluates the assignments of an UPDATE.
 */
public enum Dialect {
    /** PostgreSQL: unquoted identifiers fold to lower case; {@code "x"} quotes; E'' and dollar-quoted strings. */
    POSTGRESQL(IdentifierCase.LOWER),
    /** MySQL and MariaDB: identifiers compare case-insensitively; backtick quotes; backslash escapes in strings. */
    MYSQL(IdentifierCase.INSENSITIVE),
    /** H2: unquoted identifiers fold to upper case (unless the database was opened with DATABASE_TO_LOWER). */
    H2(IdentifierCase.UPPER);

    private final IdentifierCase defaultCase;

    Dialect(IdentifierCase defaultCase) {
        this.defaultCase = defaultCase;
    }

    /** How this dialect folds unquoted identifiers unless the database says otherwise. */
    public IdentifierCase defaultIdentifierCase() {
        return defaultCase;
    }

    /**
     * Whether a single-table UPDATE assigns left to right, so that a later assignment sees the value of an earlier one
     * (MySQL and MariaDB); PostgreSQL and H2 evaluate every assignment against the old row.
     */
    public boolean assignsLeftToRight() {
        return this == MYSQL;
    }

    /** Wraps a name in this dialect's identifier quotes, doubling any quote inside it. */
    public String quote(String name) {
        char q = this == MYSQL ? '`' : '"';
        StringBuilder b = new StringBuilder(name.length() + 2).append(q);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == q) {
                b.append(q);
            }
            b.append(c);
        }
        return b.append(q).toString();
    }

    /**
     * Parses a dialect name as written in configuration or on a command line: {@code postgresql}, {@code postgres},
     * {@code pg}, {@code mysql}, {@code mariadb}, {@code h2}.
     */
    public static Dialect fromName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "postgresql":
            case "postgres":
            case "pg":
                return POSTGRESQL;
            case "mysql":
            case "mariadb":
                return MYSQL;
            case "h2":
                return H2;
            default:
                throw new IllegalArgumentException(
                        "unknown SQL dialect '" + name + "'; use one of postgresql, mysql, mariadb, h2");
        }
    }
}
