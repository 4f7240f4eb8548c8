package dev.dualwrite.sidecar;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's scratch database on the test server and a sidecar in front of it, with the window
 * {@code people.full_name -> display_name} in a phase the tests can change. Registered as a static field:
 * <pre>
 * &#64;RegisterExtension
 * static final SidecarDatabase PG = SidecarDatabase.named("faults", "CREATE TABLE people (...)", "INSERT ...");
 * </pre>
 * Before the class's first test it creates the database (skipping, or failing under CI, when the server is down),
 * runs the schema statements on it and starts the sidecar; after the last it closes the sidecar and drops the
 * database, whatever the tests left connected to it.
 */
final class SidecarDatabase implements BeforeAllCallback, AfterAllCallback {
    private final String label;
    private final List<String> schema;
    private String db;
    private ManualConfigSource config;
    private SidecarServer sidecar;

    private SidecarDatabase(String label, List<String> schema) {
        this.label = label;
        this.schema = schema;
    }

    /** A fixture whose database name starts with {@code label}, created with these statements. */
    static SidecarDatabase named(String label, String... schema) {
        return new SidecarDatabase(label, List.of(schema));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        TestPostgres.admin().close();
        db = TestPostgres.createDatabase(label);
        TestPostgres.execute(db, schema.toArray(String[]::new));
        config = Sidecars.rename("people", "full_name", "display_name", Phase.MIRROR);
        sidecar = Sidecars.start(config);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Sidecars.close(sidecar);
        TestPostgres.dropDatabase(db);
    }

    /** The scratch database's name. */
    String db() {
        return db;
    }

    /** The sidecar's configuration: set it to change the window's phase. */
    ManualConfigSource config() {
        return config;
    }

    SidecarServer sidecar() {
        return sidecar;
    }

    /** Moves the window {@code people.full_name -> display_name} to a phase. */
    void phase(Phase phase) {
        config.set(Configuration.builder().rename("people", "full_name", "display_name", phase).build());
    }
}
