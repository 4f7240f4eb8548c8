package dev.dualwrite.core.config;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the configuration file: an explicit path if given (agent argument {@code config=}, a JDBC property), else the
 * system property {@code dualwrite.config}, else the environment variable {@code DUALWRITE_CONFIG}.
 */
public final class ConfigLocator {
    public static final String SYSTEM_PROPERTY = "dualwrite.config";
    public static final String ENVIRONMENT_VARIABLE = "DUALWRITE_CONFIG";

    private ConfigLocator() {
    }

    /** The configuration path in force, or empty when none of the three places names one. */
    public static Optional<Path> locate(String explicit) {
        for (String candidate : new String[] {explicit, System.getProperty(SYSTEM_PROPERTY),
                System.getenv(ENVIRONMENT_VARIABLE)}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(Paths.get(candidate.strip()));
            }
        }
        return Optional.empty();
    }

    /** Where {@link #locate} looks, for error messages. */
    public static String describeSearch() {
        return "the system property " + SYSTEM_PROPERTY + " or the environment variable " + ENVIRONMENT_VARIABLE;
    }
}
