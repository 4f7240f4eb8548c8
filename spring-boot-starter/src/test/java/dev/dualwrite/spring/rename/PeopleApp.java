package dev.dualwrite.spring.rename;

import java.util.List;

/**
 * What one version of the test application does with people: each operation goes through the application's own
 * stack (a Spring Data JPA repository or a JdbcTemplate DAO) and uses only the column name that version knows.
 */
public interface PeopleApp {
    /** Adds a person through the JPA repository (an INSERT with a generated key); returns the id. */
    long add(String email, String name);

    /** Renames through the JdbcTemplate DAO (an UPDATE naming the column); returns the rows updated. */
    int rename(long id, String name);

    /** Reads the name through the JPA repository ({@code findById}), or null when there is no such person. */
    String nameByRepository(long id);

    /** Reads the name through the JdbcTemplate DAO (a SELECT naming the column), or null. */
    String nameByDao(long id);

    /** The ids of the people with this name, through a derived query of the repository (the column in WHERE). */
    List<Long> idsNamed(String name);
}
