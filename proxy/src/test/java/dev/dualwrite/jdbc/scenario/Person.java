package dev.dualwrite.jdbc.scenario;

/**
 * One row of the people table as an application version sees it. {@code name} is {@code full_name} for v1 and
 * {@code display_name} for v2; {@code phone} is v1's {@code phone_number} (always null on reads: a drop window is open
 * on it) and null for v2, which does not know the column.
 */
record Person(long id, String email, String name, String phone) {
}
