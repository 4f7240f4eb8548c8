package dev.dualwrite.samples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Version 1 of the application: it knows the columns {@code full_name} and {@code phone_number}, and nothing about
 * {@code display_name}. It keeps running, unchanged, until the very end of the migration.
 */
final class OldPeopleDao implements PeopleDao {
    static final String INSERT = "INSERT INTO people (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)";
    static final String RENAME = "UPDATE people SET full_name = ? WHERE id = ?";
    static final String FIND = "SELECT id, email, full_name, phone_number FROM people WHERE id = ?";

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement rename;
    private final PreparedStatement find;

    /** Prepares the statements once, as a pool's statement cache would, and reuses them across every phase. */
    OldPeopleDao(Connection connection) throws SQLException {
        this.connection = connection;
        this.insert = connection.prepareStatement(INSERT);
        this.rename = connection.prepareStatement(RENAME);
        this.find = connection.prepareStatement(FIND);
    }

    @Override
    public void insert(long id, String email, String name) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, email);
        insert.setString(3, name);
        insert.setString(4, "+1 555 0100");
        insert.executeUpdate();
    }

    @Override
    public int rename(long id, String name) throws SQLException {
        rename.setString(1, name);
        rename.setLong(2, id);
        return rename.executeUpdate();
    }

    @Override
    public String findName(long id) throws SQLException {
        find.setLong(1, id);
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("person " + id + " not found");
            }
            rs.getString("phone_number"); // NULL once the drop window is open: this version does not mind
            return rs.getString("full_name");
        }
    }

    @Override
    public List<String> statements() {
        return List.of(INSERT, RENAME, FIND);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
