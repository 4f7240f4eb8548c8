package dev.dualwrite.differential;

import dev.dualwrite.core.config.ManualConfigSource;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.db.TestDatabases;
import dev.dualwrite.differential.SchemaModel.Variant;
import dev.dualwrite.jdbc.DualWrite;
import dev.dualwrite.sidecar.SidecarOptions;
import dev.dualwrite.sidecar.SidecarServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every database, connection and sidecar a run needs, opened once: per database product the two logical databases
 * with their bare connections, and per phase a physical database with its direct connection, a dualwrite connection
 * (the JDBC door, with a configuration of that phase) and, on PostgreSQL, a sidecar of that phase with one pgjdbc
 * connection per protocol mode.
 */
final class Fleet implements AutoCloseable {
    private final Set<Family> families;
    private final Set<Door> doors;
    private final Map<Family, Map<Variant, Connection>> direct = new EnumMap<>(Family.class);
    private final Map<Family, Map<Variant, Connection>> maintenance = new EnumMap<>(Family.class);
    private final Map<Family, Map<Phase, Connection>> dualwrite = new EnumMap<>(Family.class);
    private final Map<Phase, SidecarServer> sidecars = new EnumMap<>(Phase.class);
    private final Map<Door, Map<Phase, Connection>> sidecarConnections = new EnumMap<>(Door.class);
    private final Map<Door, Map<Variant, Connection>> bareSidecarMode = new EnumMap<>(Door.class);
    private final List<AutoCloseable> opened = java.util.Collections.synchronizedList(new ArrayList<>());

    Fleet(Set<Door> doors) throws SQLException {
        this.doors = doors;
        this.families = EnumSet.noneOf(Family.class);
        doors.forEach(d -> families.add(d.family));
        for (Family f : families) {
            Map<Variant, Connection> d = new EnumMap<>(Variant.class);
            Map<Variant, Connection> m = new EnumMap<>(Variant.class);
            for (Variant v : Variant.values()) {
                f.create(v);
                d.put(v, open(f.connect(v)));
                m.put(v, open(f.connect(v)));
            }
            direct.put(f, d);
            maintenance.put(f, m);
            Map<Phase, Connection> dw = new EnumMap<>(Phase.class);
            for (Phase p : Phase.values()) {
                Connection physical = d.get(Variant.physical(p));
                Connection wrapped = DualWrite.wrap(physical, new ManualConfigSource(SchemaModel.configuration(p)),
                        "differential-" + f.label + "-" + p.configName());
                wrapped.setAutoCommit(false);
                dw.put(p, wrapped);
            }
            dualwrite.put(f, dw);
        }
        if (doors.contains(Door.SIDECAR_SIMPLE) || doors.contains(Door.SIDECAR_EXTENDED)) {
            startSidecars();
        }
    }

    private void startSidecars() throws SQLException {
        URI pg = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        InetSocketAddress upstream = new InetSocketAddress(pg.getHost() == null ? "127.0.0.1" : pg.getHost(),
                pg.getPort() < 0 ? 5432 : pg.getPort());
        for (Phase p : Phase.values()) {
            SidecarServer s = new SidecarServer(SidecarOptions.plain(new InetSocketAddress("127.0.0.1", 0), upstream,
                    new ManualConfigSource(SchemaModel.configuration(p))));
            try {
                s.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new SQLException("could not start a sidecar: " + e.getMessage(), e);
            }
            sidecars.put(p, s);
        }
        for (Door door : List.of(Door.SIDECAR_SIMPLE, Door.SIDECAR_EXTENDED)) {
            if (!doors.contains(door)) {
                continue;
            }
            Map<Phase, Connection> byPhase = new EnumMap<>(Phase.class);
            for (Phase p : Phase.values()) {
                Connection c = open(DriverManager.getConnection(sidecarUrl(door, p)));
                c.setAutoCommit(false);
                byPhase.put(p, c);
            }
            sidecarConnections.put(door, byPhase);
        }
    }

    private String sidecarUrl(Door door, Phase p) {
        URI pg = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        String user = pg.getQuery() == null ? "user=postgres" : pg.getQuery();
        return "jdbc:postgresql://127.0.0.1:" + sidecars.get(p).listenAddress().getPort() + "/"
                + Family.POSTGRESQL.databaseName(Variant.physical(p)) + "?" + user + "&" + door.sidecarParameters();
    }

    private Connection open(Connection c) {
        opened.add(c);
        return c;
    }

    Set<Family> families() {
        return families;
    }

    /**
     * How a door sends statements, for the bare run to send them the same way: Statement or PreparedStatement, and
     * for a sidecar door pgjdbc's protocol mode.
     */
    String protocol(Door d) {
        return d.mode + (d.sidecar ? " " + d.sidecarParameters() : "");
    }

    /** The bare driver on the logical schema of a version, sending statements as door {@code d} does. */
    Endpoint bare(Family f, Version v, Door d) {
        return bareOn(f, Variant.logical(v), d);
    }

    /** The bare driver on the old version's logical schema that keeps its phone numbers. */
    Endpoint bareData(Family f, Door d) {
        return bareOn(f, Variant.L_OLD_DATA, d);
    }

    /** The bare driver on the physical schema of a phase (for statements compared as written). */
    Endpoint barePhysical(Family f, Phase p, Door d) {
        return bareOn(f, Variant.physical(p), d);
    }

    private Endpoint bareOn(Family f, Variant variant, Door d) {
        Connection c = direct.get(f).get(variant);
        if (d.sidecar) {
            c = bareSidecarMode.computeIfAbsent(d, k -> new EnumMap<>(Variant.class)).computeIfAbsent(variant, v -> {
                try {
                    Connection x = open(DriverManager.getConnection(f.url(v) + "&" + d.sidecarParameters()));
                    x.setAutoCommit(false);
                    return x;
                } catch (SQLException e) {
                    throw new IllegalStateException("could not connect to " + f.url(v) + ": " + e.getMessage(), e);
                }
            });
        }
        return new Endpoint(f, variant, c, c, maintenance.get(f).get(variant));
    }

    /** A door in a phase, on the physical schema of that phase. */
    Endpoint door(Door d, Phase p) {
        Variant variant = Variant.physical(p);
        Connection m = maintenance.get(d.family).get(variant);
        if (d.sidecar) {
            Connection c = sidecarConnections.get(d).get(p);
            try {
                if (c.isClosed()) {
                    // A statement ended the connection (reported as that statement's failure): the next gets a new one.
                    c = open(DriverManager.getConnection(sidecarUrl(d, p)));
                    c.setAutoCommit(false);
                    sidecarConnections.get(d).put(p, c);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not reconnect through the sidecar: " + e.getMessage(), e);
            }
            return new Endpoint(d.family, variant, c, null, m);
        }
        return new Endpoint(d.family, variant, dualwrite.get(d.family).get(p), direct.get(d.family).get(variant), m);
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("differential: closing a connection: " + e.getMessage());
            }
        }
        sidecars.values().forEach(SidecarServer::close);
        for (Family f : families) {
            for (Variant v : Variant.values()) {
                f.drop(v);
            }
        }
    }
}
