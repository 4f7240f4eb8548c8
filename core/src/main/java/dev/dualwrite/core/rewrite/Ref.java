package dev.dualwrite.core.rewrite;

/**
 * A dotted name as written: its first token, the token of the name itself, and the tokens of its qualifiers in order
 * ({@code schema.table.column} has two). A bare name has no qualifier.
 */
record Ref(int first, int name, int[] qualifier) {
    private static final int[] NONE = new int[0];

    /** A bare name of one token. */
    static Ref bare(int token) {
        return new Ref(token, token, NONE);
    }

    boolean qualified() {
        return qualifier.length > 0;
    }

    /** The token of the innermost qualifier (the table or alias in {@code t.col}); only when {@link #qualified}. */
    int lastQualifier() {
        return qualifier[qualifier.length - 1];
    }
}
