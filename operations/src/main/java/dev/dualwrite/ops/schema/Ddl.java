package dev.dualwrite.ops.schema;

/**
 * One statement of a step.
 *
 * @param sql          the statement
 * @param done         whether the catalog shows its effect already (apply skips it)
 * @param checkNoRows  a query that must return no row (MariaDB's manual validation of a constraint added unchecked);
 *                     apply fails the step when it returns one
 */
public record Ddl(String sql, boolean done, boolean checkNoRows) {

    public static Ddl of(String sql, boolean done) {
        return new Ddl(sql, done, false);
    }

    public static Ddl check(String query) {
        return new Ddl(query, false, true);
    }
}
