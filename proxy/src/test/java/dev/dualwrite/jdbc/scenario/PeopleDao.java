package dev.dualwrite.jdbc.scenario;

import java.sql.SQLException;
import java.util.List;

/** What an application version does with the people table. Each instance uses its own connection or pool. */
interface PeopleDao extends AutoCloseable {
    /** "v1" or "v2". */
    String version();

    /** Whether this version knows phone_number (only v1). */
    boolean knowsPhone();

    void insert(Person p) throws Exception;

    /** Writes email, name and (v1) phone of the row {@code p.id()}. */
    void update(Person p) throws Exception;

    /** v1 only: an UPDATE that assigns nothing but the dropped column. */
    void updatePhone(long id, String phone) throws Exception;

    /** The row, or null. */
    Person find(long id) throws Exception;

    /** The row read with {@code SELECT *} (columns taken by name), or null. */
    Person findStar(long id) throws Exception;

    List<Long> idsByName(String name) throws Exception;

    /** Rows with {@code from <= id <= to}. */
    List<Person> list(long from, long to) throws Exception;

    @Override
    void close() throws SQLException;
}
