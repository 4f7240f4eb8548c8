package dev.dualwrite.differential;

import dev.dualwrite.differential.SchemaModel.Variant;
import java.sql.Connection;

/**
 * Where a run goes: the connection the case's statements are sent on (bare, dualwrite's JDBC door, or pgjdbc through
 * the sidecar), the database's schema, and how the harness reads and marks that database inside the run's
 * transaction.
 *
 * @param family      the database product
 * @param variant     the schema the database holds
 * @param app         the connection the statements are sent on, in manual-commit mode
 * @param direct      a connection in the same transaction that nothing rewrites (the physical connection under the
 *                    JDBC door), or null when the statements go through the sidecar: then the harness reads and
 *                    marks with {@link SidecarFunctions} on {@code app}
 * @param maintenance a direct connection to the same database for what must happen outside the run's transaction
 *                    (putting the identity columns back, restoring the seed)
 */
record Endpoint(Family family, Variant variant, Connection app, Connection direct, Connection maintenance) {
}
