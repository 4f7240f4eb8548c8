package dev.dualwrite.jdbc.scenario;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Version 2 of the application's data access: knows display_name only; full_name and phone_number are gone. */
final class PeopleV2Jdbc implements PeopleDao {
    private final JdbcAccess db;
    private final String insert;
    private final String update;
    private final String find;
    private final String findStar;
    private final String byName;
    private final String list;

    PeopleV2Jdbc(JdbcAccess db, String table) {
        this.db = db;
        this.insert = "INSERT INTO " + table + " (id, email, display_name) VALUES (?, ?, ?)";
        this.update = "UPDATE " + table + " SET display_name = ?, email = ? WHERE id = ?";
        this.find = "SELECT id, email, display_name FROM " + table + " WHERE id = ?";
        this.findStar = "SELECT * FROM " + table + " WHERE id = ?";
        this.byName = "SELECT id FROM " + table + " WHERE display_name = ?";
        this.list = "SELECT id, display_name, email FROM " + table
                + " WHERE id >= ? AND id <= ? ORDER BY display_name, id";
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public boolean knowsPhone() {
        return false;
    }

    @Override
    public void insert(Person p) throws SQLException {
        db.run(insert, ps -> {
            ps.setLong(1, p.id());
            ps.setString(2, p.email());
            ps.setString(3, p.name());
            return ps.executeUpdate();
        });
    }

    @Override
    public void update(Person p) throws SQLException {
        db.run(update, ps -> {
            ps.setString(1, p.name());
            ps.setString(2, p.email());
            ps.setLong(3, p.id());
            return ps.executeUpdate();
        });
    }

    @Override
    public void updatePhone(long id, String phone) {
        throw new UnsupportedOperationException("v2 has no phone number");
    }

    private static Person row(ResultSet rs) throws SQLException {
        return new Person(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"), null);
    }

    @Override
    public Person find(long id) throws SQLException {
        return db.run(find, ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        });
    }

    @Override
    public Person findStar(long id) throws SQLException {
        return db.run(findStar, ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        });
    }

    @Override
    public List<Long> idsByName(String name) throws SQLException {
        return db.run(byName, ps -> {
            ps.setString(1, name);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                }
            }
            return ids;
        });
    }

    @Override
    public List<Person> list(long from, long to) throws SQLException {
        return db.run(list, ps -> {
            ps.setLong(1, from);
            ps.setLong(2, to);
            List<Person> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        });
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
