package dev.dualwrite.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Callable statements whose parameters are set by name and whose OUT parameters are registered, through the real
 * drivers. Each driver decides what a name means (MariaDB: the procedure's parameter; H2: a column label of the
 * statement's result, used as the parameter's index; pgjdbc: nothing, it refuses names), so every case is run through
 * the bare driver on the schema the application knows and through dualwrite on the phase's schema, and must end alike.
 */
@Tag("database")
class CallableParameterTest {
    private static Configuration rename(String table, Phase phase) {
        return Configuration.builder().rename(table, "full_name", "display_name", phase).build();
    }

    /**
     * H2 resolves a name against the result's labels, which the rewrite keeps. Moving the window from mirror to
     * read-new between binding and executing changes the text (display_name is read instead), so the call is prepared
     * again: the parameter set by name and the OUT registration must come along.
     */
    @Test
    void h2ParametersSetByNameAndOutParametersSurviveAPreparationAgain() throws Exception {
        DoorDatabase db = DoorDatabase.H2;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String logical = tables.create(db.newTable("people_l"), "id INT PRIMARY KEY, full_name VARCHAR(100)");
            String physical = tables.create(db.newTable("people"), "id INT PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100)");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + logical + " VALUES (1, 'Ann')");
                // In read-new reads come from display_name: full_name holds a marker that must not be read.
                s.execute("INSERT INTO " + physical + " VALUES (1, 'not this one', 'Ann')");
            }
            String call = "SELECT ? AS P, full_name FROM %s WHERE id = ?";
            List<String> bare;
            try (Connection c = db.connect(); CallableStatement cs = c.prepareCall(call.formatted(logical))) {
                bare = runLabelledCall(cs, () -> { });
            }
            ManualConfigSource config = new ManualConfigSource(rename(physical, Phase.MIRROR));
            try (Connection c = db.dualwrite(config); CallableStatement cs = c.prepareCall(call.formatted(physical))) {
                assertEquals(List.of("marker", "Ann"), bare, "what H2 itself does");
                assertEquals(bare, runLabelledCall(cs, () -> config.set(rename(physical, Phase.READ_NEW))));
                assertTrue(c.nativeSQL(call.formatted(physical)).contains("display_name"), "the text did change");
            }
        }
    }

    @FunctionalInterface
    interface Between {
        void run() throws SQLException;
    }

    private static List<String> runLabelledCall(CallableStatement cs, Between between) throws SQLException {
        cs.registerOutParameter(1, Types.VARCHAR);
        cs.registerOutParameter(2, Types.VARCHAR);
        cs.setString("P", "marker");
        cs.setInt(2, 1);
        between.run();
        List<String> out = new ArrayList<>();
        assertTrue(cs.execute());
        out.add(cs.getString(1));
        out.add(cs.getString(2));
        return out;
    }

    /** Where the rewrite moved the call's parameters, a name (or an OUT index) would reach the wrong one. */
    @Test
    void h2NamesAndOutParametersAreRefusedWhereTheRewriteMovedTheParameters() throws Exception {
        DoorDatabase db = DoorDatabase.H2;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String physical = tables.create(db.newTable("people"), "id INT PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100)");
            try (Connection c = db.dualwrite(new ManualConfigSource(rename(physical, Phase.MIRROR)));
                    CallableStatement cs = c.prepareCall("INSERT INTO " + physical + " (id, full_name) VALUES (?, ?)")) {
                SQLException named = assertThrows(SQLFeatureNotSupportedException.class,
                        () -> cs.setString("FULL_NAME", "Ann"));
                assertEquals("0AW00", named.getSQLState());
                assertTrue(named.getMessage().contains("cannot be set by name; set it by index"), named.getMessage());
                SQLException out = assertThrows(SQLFeatureNotSupportedException.class,
                        () -> cs.registerOutParameter(1, Types.INTEGER));
                assertTrue(out.getMessage().contains("OUT parameters cannot be registered"), out.getMessage());
                cs.setInt(1, 1);
                cs.setString(2, "Ann");
                assertEquals(1, cs.executeUpdate(), "by index it runs, mirrored");
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT full_name, display_name FROM " + physical)) {
                assertTrue(rs.next());
                assertEquals("Ann", rs.getString(1));
                assertEquals("Ann", rs.getString(2));
            }
        }
    }

    /** pgjdbc implements no parameter names: dualwrite passes its refusal on as it is. */
    @Test
    void postgresqlRefusesNamesAsTheBareDriverDoes() throws Exception {
        DoorDatabase db = DoorDatabase.POSTGRESQL;
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String physical = tables.create(db.newTable("people"), "id INT PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100)");
            String call = "SELECT full_name FROM " + physical + " WHERE id = ?";
            SQLException bare;
            try (Connection c = db.connect(); CallableStatement cs = c.prepareCall(call)) {
                bare = assertThrows(SQLException.class, () -> cs.setInt("id", 1));
            }
            try (Connection c = db.dualwrite(new ManualConfigSource(rename(physical, Phase.MIRROR)));
                    CallableStatement cs = c.prepareCall(call)) {
                SQLException through = assertThrows(SQLException.class, () -> cs.setInt("id", 1));
                assertEquals(bare.getClass(), through.getClass());
                assertEquals(bare.getSQLState(), through.getSQLState());
                assertEquals(bare.getMessage(), through.getMessage());
            }
        }
    }

    /**
     * A MariaDB procedure called with an IN parameter set by name and an OUT parameter registered by name, bound
     * before a phase change and executed after it, through the bare driver and through dualwrite.
     */
    @Test
    void mariadbProcedureWithParametersByNameAcrossAPhaseChange() throws Exception {
        DoorDatabase db = DoorDatabase.MARIADB;
        String procedure = db.newTable("name_length");
        try (DoorDatabase.Tables tables = new DoorDatabase.Tables(db)) {
            String physical = tables.create(db.newTable("people"), "id INT PRIMARY KEY, full_name VARCHAR(100),"
                    + " display_name VARCHAR(100)");
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE PROCEDURE " + procedure + "(IN who VARCHAR(100), OUT how_long INT)"
                        + " SET how_long = CHAR_LENGTH(who)");
            }
            String call = "{call " + procedure + "(?, ?)}";
            int bare;
            try (Connection c = db.connect(); CallableStatement cs = c.prepareCall(call)) {
                bare = lengthOf(cs, "Ann Smith", () -> { });
            }
            ManualConfigSource config = new ManualConfigSource(rename(physical, Phase.MIRROR));
            try (Connection c = db.dualwrite(config); CallableStatement cs = c.prepareCall(call)) {
                assertEquals(9, bare);
                assertEquals(bare, lengthOf(cs, "Ann Smith", () -> config.set(rename(physical, Phase.READ_NEW))));
            }
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("DROP PROCEDURE IF EXISTS " + procedure);
            }
        }
    }

    private static int lengthOf(CallableStatement cs, String who, Between between) throws SQLException {
        cs.setString("who", who);
        cs.registerOutParameter("how_long", Types.INTEGER);
        between.run();
        cs.execute();
        return cs.getInt("how_long");
    }
}
