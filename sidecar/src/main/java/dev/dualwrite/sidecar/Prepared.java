package dev.dualwrite.sidecar;

import dev.dualwrite.core.rewrite.Plan;

/** What the sidecar knows about one prepared statement of a connection. */
final class Prepared {
    /** PostgreSQL's own words when a prepared statement's result would change its columns. */
    static final String SHAPE_CHANGED_SQL = Pg.raise("0A000", Pg.CACHED_PLAN_CHANGED);

    final String name;
    final String sql;
    final int[] declaredTypes;
    /** The plan the server's copy of the statement was prepared with. */
    Plan plan;
    /** The server no longer has it: a re-preparation was closed but its Parse failed. */
    boolean lost;
    /** The result shape the client was told by a Describe of this statement or of a portal, or null. */
    RowShape shape;
    /**
     * Prepared again with a result shape other than {@link #shape}: like PostgreSQL, every execution fails with
     * "cached plan must not change result type" until the client prepares it anew.
     */
    boolean shapeChanged;

    Prepared(String name, String sql, int[] declaredTypes, Plan plan) {
        this.name = name;
        this.sql = sql;
        this.declaredTypes = declaredTypes;
        this.plan = plan;
    }

    /** Whether executing it must fail: its plan is a rejection, or its shape changed. */
    boolean fails() {
        return shapeChanged || plan.isRejected();
    }

    /** The SQL the server holds for it under {@code plan}. */
    String physicalSql(Plan under) {
        return shapeChanged ? SHAPE_CHANGED_SQL : physicalSql(sql, under);
    }

    /** The SQL to send for a statement and its plan: the rewrite, or a statement raising the rejection. */
    static String physicalSql(String sql, Plan plan) {
        return plan.isRejected() ? Pg.raise(plan.rejection().sqlState(), plan.rejection().message())
                : plan.physicalSql(sql);
    }

    /** Declared parameter types in the physical numbering (none for a rejected statement). */
    static int[] physicalTypes(Plan plan, int[] declared) {
        if (plan.isRejected()) {
            return new int[0];
        }
        dev.dualwrite.core.rewrite.ParameterMap map = plan.parameters();
        if (map.isIdentity() || declared.length == 0) {
            return declared;
        }
        int[] physical = new int[map.physicalCount()];
        for (int a = 1; a <= map.applicationCount() && a <= declared.length; a++) {
            for (int p : map.physical(a)) {
                physical[p - 1] = declared[a - 1];
            }
        }
        return physical;
    }
}
