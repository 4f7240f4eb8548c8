package dev.dualwrite.jdbc.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.dualwrite.core.config.Phase;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * Two Hibernate applications on one table: v1 maps {@link PersonV1}, v2 maps {@link PersonV2}, each with its own
 * SessionFactory over its own HikariCP pool on the {@code jdbc:dualwrite:} URL. The schema is the test's (no hbm2ddl);
 * phases change in the configuration file.
 */
final class HibernateDoor implements Door {
    private final String table;
    private final ConfigFile config;
    private final HikariDataSource pool1;
    private final HikariDataSource pool2;
    private final SessionFactory sessions1;
    private final SessionFactory sessions2;

    private HibernateDoor(ScenarioDatabase db, String table, Path dir) throws Exception {
        this.table = table;
        config = ConfigFile.create(db, dir, table, Phase.OLD_ONLY);
        pool1 = new HikariDataSource(db.hikariDualwrite("v1-" + table, config.path));
        pool2 = new HikariDataSource(db.hikariDualwrite("v2-" + table, config.path));
        sessions1 = sessionFactory(pool1, table, PersonV1.class);
        sessions2 = sessionFactory(pool2, table, PersonV2.class);
    }

    static Door open(ScenarioDatabase db, String table, Path dir) throws Exception {
        return new HibernateDoor(db, table, dir);
    }

    private static SessionFactory sessionFactory(DataSource pool, String table, Class<?> entity) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new RunTable(table))
                .applySetting(AvailableSettings.SHOW_SQL, "false")
                .build();
        try {
            return new MetadataSources(registry).addAnnotatedClass(entity).buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Maps the entities' table "people" to the run's uniquely named table. */
    private static final class RunTable extends PhysicalNamingStrategyStandardImpl {
        private static final long serialVersionUID = 1L;
        private final String table;

        RunTable(String table) {
            this.table = table;
        }

        @Override
        public Identifier toPhysicalTableName(Identifier logical, JdbcEnvironment environment) {
            return "people".equals(logical.getText()) ? Identifier.toIdentifier(table) : logical;
        }
    }

    @Override
    public PeopleDao v1() {
        return HibernatePeople.v1(sessions1, table);
    }

    @Override
    public PeopleDao v2() {
        return HibernatePeople.v2(sessions2, table);
    }

    @Override
    public void phase(Phase phase) throws Exception {
        config.apply(phase);
    }

    @Override
    public void close() throws SQLException {
        try {
            sessions1.close();
            sessions2.close();
        } finally {
            pool1.close();
            pool2.close();
            config.close();
        }
    }
}
