package dev.dualwrite.samples;

import java.sql.SQLException;
import java.util.List;

/**
 * The data access of one version of the application. Each version is written as if no migration were going on: it
 * uses only the column names it knows, and dualwrite maps them to the columns that exist.
 */
interface PeopleDao extends AutoCloseable {

    /** Adds a person. */
    void insert(long id, String email, String name) throws SQLException;

    /** Changes a person's name; returns the number of rows changed. */
    int rename(long id, String name) throws SQLException;

    /**
     * A person's name as this version reads it.
     *
     * @throws IllegalStateException when there is no such person
     */
    String findName(long id) throws SQLException;

    /** Every statement text this version sends, to show how dualwrite rewrites them. */
    List<String> statements();

    @Override
    void close() throws SQLException;
}
