package dev.dualwrite.jdbc.scenario;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Version 1 of the application's data access: knows full_name and phone_number, never display_name. */
final class PeopleV1Jdbc implements PeopleDao {
    private final JdbcAccess db;
    private final String insert;
    private final String update;
    private final String updatePhone;
    private final String find;
    private final String findStar;
    private final String byName;
    private final String list;

    PeopleV1Jdbc(JdbcAccess db, String table) {
        this.db = db;
        this.insert = "INSERT INTO " + table + " (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)";
        this.update = "UPDATE " + table + " SET email = ?, full_name = ?, phone_number = ? WHERE id = ?";
        this.updatePhone = "UPDATE " + table + " SET phone_number = ? WHERE id = ?";
        this.find = "SELECT id, email, full_name, phone_number FROM " + table + " WHERE id = ?";
        this.findStar = "SELECT * FROM " + table + " WHERE id = ?";
        this.byName = "SELECT id FROM " + table + " WHERE full_name = ? ORDER BY id";
        this.list = "SELECT p.id, p.email, p.full_name, p.phone_number FROM " + table
                + " p WHERE p.id BETWEEN ? AND ? ORDER BY p.id";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public boolean knowsPhone() {
        return true;
    }

    @Override
    public void insert(Person p) throws SQLException {
        db.run(insert, ps -> {
            ps.setLong(1, p.id());
            ps.setString(2, p.email());
            ps.setString(3, p.name());
            ps.setString(4, p.phone());
            return ps.executeUpdate();
        });
    }

    @Override
    public void update(Person p) throws SQLException {
        db.run(update, ps -> {
            ps.setString(1, p.email());
            ps.setString(2, p.name());
            ps.setString(3, p.phone());
            ps.setLong(4, p.id());
            return ps.executeUpdate();
        });
    }

    @Override
    public void updatePhone(long id, String phone) throws SQLException {
        int n = db.run(updatePhone, ps -> {
            ps.setString(1, phone);
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
        if (n != 1) {
            throw new AssertionError("v1 phone-only UPDATE of row " + id + " counted " + n + " rows, not 1");
        }
    }

    private static Person row(ResultSet rs) throws SQLException {
        return new Person(rs.getLong("id"), rs.getString("email"), rs.getString("full_name"),
                rs.getString("phone_number"));
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
                    ids.add(rs.getLong(1));
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
