package dev.dualwrite.samples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Version 2 of the application: the column is called {@code display_name}, and the phone number is gone. It is
 * deployed before the migration starts and runs beside version 1 the whole time.
 */
final class NewPeopleDao implements PeopleDao {
    static final String INSERT = "INSERT INTO people (id, email, display_name) VALUES (?, ?, ?)";
    static final String RENAME = "UPDATE people SET display_name = ? WHERE id = ?";
    static final String FIND = "SELECT p.id, p.email, p.display_name FROM people p WHERE p.id = ?";

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement rename;
    private final PreparedStatement find;

    /** Prepares the statements once, as a pool's statement cache would, and reuses them across every phase. */
    NewPeopleDao(Connection connection) throws SQLException {
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
            return rs.getString("display_name"); // the label this version asked for, whatever column served it
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
