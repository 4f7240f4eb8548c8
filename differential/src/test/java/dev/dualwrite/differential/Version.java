package dev.dualwrite.differential;

import java.util.Locale;

/**
 * The two versions of the application that run side by side during the windows: the old one knows
 * {@code users.full_name} and {@code users.phone_number}; the new one knows {@code users.display_name} and no phone
 * number.
 */
enum Version {
    OLD("full_name"),
    NEW("display_name");

    /** The name this version uses for the renamed column of {@code users}. */
    final String nameColumn;

    Version(String nameColumn) {
        this.nameColumn = nameColumn;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Version parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "old" -> OLD;
            case "new" -> NEW;
            default -> throw new IllegalArgumentException("unknown version '" + s + "' (old | new | any)");
        };
    }
}
