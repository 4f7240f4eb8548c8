package dev.dualwrite.jdbc.scenario;

import dev.dualwrite.core.config.Phase;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * How the two application versions reach the database through dualwrite, and how the operator moves the window. A
 * door starts in {@link Phase#OLD_ONLY} with a drop window open on phone_number.
 */
interface Door extends AutoCloseable {
    /** A new v1 data-access object on its own connection (or over the v1 pool). */
    PeopleDao v1() throws Exception;

    /** A new v2 data-access object on its own connection (or over the v2 pool). */
    PeopleDao v2() throws Exception;

    /** Moves the rename window to {@code phase}; returns once every new statement is rewritten for it. */
    void phase(Phase phase) throws Exception;

    @Override
    void close() throws SQLException;

    /** Opens a door for one run. */
    @FunctionalInterface
    interface Factory {
        Door open(ScenarioDatabase db, String table, Path dir) throws Exception;
    }
}
