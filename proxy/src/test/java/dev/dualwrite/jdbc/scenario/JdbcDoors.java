package dev.dualwrite.jdbc.scenario;

import com.zaxxer.hikari.HikariDataSource;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.jdbc.DualWrite;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The plain JDBC doors: the URL wrapper with one connection per data-access object, and HikariCP pools. */
final class JdbcDoors {
    private JdbcDoors() {
    }

    /** Every data-access object has its own {@code jdbc:dualwrite:} connection; phases change in the file. */
    static Door urlConnections(ScenarioDatabase db, String table, Path dir) throws Exception {
        ConfigFile config = ConfigFile.create(db, dir, table, Phase.OLD_ONLY);
        return new Door() {
            @Override
            public PeopleDao v1() throws Exception {
                return new PeopleV1Jdbc(JdbcAccess.dedicated(db.dualwrite(config.path)), table);
            }

            @Override
            public PeopleDao v2() throws Exception {
                return new PeopleV2Jdbc(JdbcAccess.dedicated(db.dualwrite(config.path)), table);
            }

            @Override
            public void phase(Phase phase) throws Exception {
                config.apply(phase);
            }

            @Override
            public void close() throws SQLException {
                config.close();
            }
        };
    }

    /** One HikariCP pool per version over the {@code jdbc:dualwrite:} URL; phases change in the file. */
    static Door hikariOverUrl(ScenarioDatabase db, String table, Path dir) throws Exception {
        ConfigFile config = ConfigFile.create(db, dir, table, Phase.OLD_ONLY);
        HikariDataSource v1 = new HikariDataSource(db.hikariDualwrite("v1-" + table, config.path));
        HikariDataSource v2 = new HikariDataSource(db.hikariDualwrite("v2-" + table, config.path));
        return pooled(table, v1, v2, config::apply, () -> {
            v1.close();
            v2.close();
            config.close();
        });
    }

    /**
     * One HikariCP pool per version over the direct URL, each wrapped with {@link DualWrite#wrap}; both share one
     * configuration source set in code.
     */
    static Door hikariWrapped(ScenarioDatabase db, String table, Path dir) {
        ManualConfigSource source = new ManualConfigSource(ConfigFile.configuration(table, Phase.OLD_ONLY));
        HikariDataSource v1 = new HikariDataSource(db.hikariRaw("v1-" + table));
        HikariDataSource v2 = new HikariDataSource(db.hikariRaw("v2-" + table));
        return pooled(table, DualWrite.wrap(v1, source), DualWrite.wrap(v2, source),
                phase -> source.set(ConfigFile.configuration(table, phase)), () -> {
                    v1.close();
                    v2.close();
                });
    }

    @FunctionalInterface
    interface PhaseSwitch {
        void apply(Phase phase) throws Exception;
    }

    @FunctionalInterface
    interface Closer {
        void close() throws SQLException;
    }

    private static Door pooled(String table, DataSource v1, DataSource v2, PhaseSwitch phases, Closer closer) {
        return new Door() {
            @Override
            public PeopleDao v1() {
                return new PeopleV1Jdbc(JdbcAccess.pooled(v1), table);
            }

            @Override
            public PeopleDao v2() {
                return new PeopleV2Jdbc(JdbcAccess.pooled(v2), table);
            }

            @Override
            public void phase(Phase phase) throws Exception {
                phases.apply(phase);
            }

            @Override
            public void close() throws SQLException {
                closer.close();
            }
        };
    }
}
