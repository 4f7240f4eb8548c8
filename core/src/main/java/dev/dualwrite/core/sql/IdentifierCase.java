package dev.dualwrite.core.sql;

import java.util.Locale;

/** How a database stores identifiers that were written without quotes, and so how two spellings compare. */
public enum IdentifierCase {
    /** Unquoted names fold to lower case; quoted names are exact (PostgreSQL, H2 with DATABASE_TO_LOWER). */
    LOWER,
    /** Unquoted names fold to upper case; quoted names are exact (H2, the SQL standard). */
    UPPER,
    /** Every name compares without regard to case, quoted or not (MySQL, MariaDB). */
    INSENSITIVE;

    /**
     * The form under which the database stores a name: the key two spellings must share to mean the same object.
     *
     * @param name   the name without its quotes
     * @param quoted whether it was written in quotes
     */
    public String normalize(String name, boolean quoted) {
        switch (this) {
            case LOWER:
                return quoted ? name : name.toLowerCase(Locale.ROOT);
            case UPPER:
                return quoted ? name : name.toUpperCase(Locale.ROOT);
            default:
                return name.toLowerCase(Locale.ROOT);
        }
    }
}
