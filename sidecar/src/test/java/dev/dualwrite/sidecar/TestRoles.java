package dev.dualwrite.sidecar;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Login roles for each password authentication method. The server's client authentication file must send each of
 * them to its method before the loopback trust rule: {@code .ci/run} adds these lines; when they are missing and the
 * file is writable (a developer machine where the tests run as the server's owner or root), they are added here and
 * the server reloads. Otherwise the authentication tests skip, or fail under CI.
 */
final class TestRoles {
    /** A role, its method in the authentication file, the password, and the AuthenticationRequest code expected. */
    record Role(String name, String method, String password, int authCode) {
        String hbaLine() {
            return "host all " + name + " 127.0.0.1/32 " + method;
        }
    }

    static final Role CLEARTEXT = new Role("dw_sidecar_password", "password", "Clear-Text pw 1", 3);
    static final Role MD5 = new Role("dw_sidecar_md5", "md5", "Md5 pw 'quoted' 2", 5);
    static final Role SCRAM = new Role("dw_sidecar_scram", "scram-sha-256", "Scram pw \u00e9\u20ac 3", 10);
    static final List<Role> PASSWORD_ROLES = List.of(CLEARTEXT, MD5, SCRAM);
    static final String MARKER = "# dualwrite sidecar tests: one login role per password method";

    private TestRoles() {
    }

    /** Creates (or resets) the roles with their passwords, stored the way each method needs. */
    static void createRoles(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (Role r : PASSWORD_ROLES) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + r.name() + "'")) {
                    if (!rs.next()) {
                        s.execute("CREATE ROLE " + r.name() + " LOGIN");
                    }
                }
                // An MD5 challenge is only sent for a password stored as an MD5 hash (else the server uses SCRAM).
                s.execute("SET password_encryption = '" + (r == MD5 ? "md5" : "scram-sha-256") + "'");
                s.execute("ALTER ROLE " + r.name() + " LOGIN PASSWORD '" + r.password().replace("'", "''") + "'");
            }
            s.execute("RESET password_encryption");
        }
    }

    static void dropRoles(Connection admin) {
        try (Statement s = admin.createStatement()) {
            for (Role r : PASSWORD_ROLES) {
                s.execute("DROP ROLE IF EXISTS " + r.name());
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test roles: " + e.getMessage());
        }
    }

    /**
     * Makes sure the server asks each role for its method, adding the rules when they are missing and the file can
     * be written; otherwise skips (or fails under CI).
     */
    static void ensureRules(Connection admin) throws Exception {
        InetSocketAddress server = TestPostgres.address();
        if (effective(server)) {
            return;
        }
        Path file;
        try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery("SHOW hba_file")) {
            rs.next();
            file = Path.of(rs.getString(1));
        }
        if (!rulesInFile(admin)) {
            if (!Files.isWritable(file)) {
                ExternalPrograms.missing("the server's authentication file " + file + " lacks the rules "
                        + rulesText() + " and cannot be written from here");
            }
            addRules(file);
        }
        try (Statement s = admin.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (effective(server)) {
                return;
            }
            Thread.sleep(100);
        }
        ExternalPrograms.missing("the server does not use the authentication rules " + rulesText()
                + " even after a reload");
    }

    static String rulesText() {
        StringBuilder b = new StringBuilder();
        for (Role r : PASSWORD_ROLES) {
            b.append('[').append(r.hbaLine()).append(']');
        }
        return b.toString();
    }

    /** Whether the server, asked directly, challenges each role with its method. */
    private static boolean effective(InetSocketAddress server) throws IOException {
        for (Role r : PASSWORD_ROLES) {
            if (firstAuthCode(server, r.name(), "postgres") != r.authCode()) {
                return false;
            }
        }
        return true;
    }

    /** The code of the first authentication request a server (or sidecar) sends for a start-up as {@code user}. */
    static int firstAuthCode(InetSocketAddress address, String user, String database) throws IOException {
        try (RawClient c = new RawClient(address)) {
            c.send(RawClient.startupMessage(user, database, "dualwrite-auth-probe"));
            RawClient.Message m = c.read();
            if (m == null) {
                return -1;
            }
            return m.type() == 'R' ? m.authCode() : -2;
        }
    }

    /** The SASL mechanisms offered in a SASL authentication request, for a start-up as {@code user}. */
    static List<String> saslMechanisms(InetSocketAddress address, String user, String database) throws IOException {
        try (RawClient c = new RawClient(address)) {
            c.send(RawClient.startupMessage(user, database, "dualwrite-auth-probe"));
            RawClient.Message m = c.read();
            List<String> names = new ArrayList<>();
            if (m == null || m.type() != 'R' || m.authCode() != 10) {
                return names;
            }
            byte[] b = m.body();
            int i = 4;
            while (i < b.length && b[i] != 0) {
                int end = i;
                while (b[end] != 0) {
                    end++;
                }
                names.add(new String(b, i, end - i, StandardCharsets.UTF_8));
                i = end + 1;
            }
            return names;
        }
    }

    /** Whether each role's rule is in the file ahead of any rule for all users on host connections. */
    private static boolean rulesInFile(Connection admin) throws SQLException {
        try (Statement s = admin.createStatement()) {
            for (Role r : PASSWORD_ROLES) {
                try (ResultSet rs = s.executeQuery("SELECT min(line_number) FILTER (WHERE user_name = ARRAY['"
                        + r.name() + "'] AND auth_method = '" + r.method() + "'),"
                        + " min(line_number) FILTER (WHERE 'all' = ANY(user_name) AND type LIKE 'host%')"
                        + " FROM pg_hba_file_rules WHERE error IS NULL")) {
                    rs.next();
                    int ours = rs.getInt(1);
                    boolean present = !rs.wasNull();
                    int general = rs.getInt(2);
                    boolean anyGeneral = !rs.wasNull();
                    if (!present || (anyGeneral && general < ours)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Rewrites the file with the rules just before its first host rule (lines of an earlier attempt removed). */
    private static void addRules(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            boolean ours = line.equals(MARKER);
            for (Role r : PASSWORD_ROLES) {
                ours |= line.trim().startsWith("host") && line.contains(" " + r.name() + " ");
            }
            if (!ours) {
                lines.add(line);
            }
        }
        int at = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("host")) {
                at = i;
                break;
            }
        }
        List<String> block = new ArrayList<>();
        block.add(MARKER);
        for (Role r : PASSWORD_ROLES) {
            block.add(r.hbaLine());
        }
        lines.addAll(at, block);
        Files.write(file, lines);
    }
}
