package dev.dualwrite.differential;

import dev.dualwrite.core.config.Phase;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One statement (or a short sequence run on one connection) to compare, with what it applies to.
 *
 * @param kind        the class of statements it belongs to (the corpus file's name, or {@code generated-...})
 * @param title       what it is, for the report
 * @param origin      where it comes from: {@code file:line}, or {@code seed=N} for a generated one
 * @param versions    the application versions that send it (a statement names the columns of one version)
 * @param families    the databases whose syntax it is written in
 * @param phases      the phases it is run in
 * @param mustRewrite whether the product promises to rewrite it: a rejection then counts as a failure
 * @param ordered     whether result rows are compared in order (the statement orders them completely)
 * @param keys        generated keys to request: null for none, empty for {@code RETURN_GENERATED_KEYS}, else the
 *                    column names
 * @param oracle      what the dualwrite run is compared with
 * @param statements  the SQL, with {@code ?} for parameters
 * @param params      the parameter values (String, Integer or null), consumed in order by the statements
 * @param committing  tables a statement creates, on databases where that commits (dropped and the seed restored after)
 * @param cleanup     statements run after the case on its connection whatever happened (to undo session settings)
 */
record Case(String kind, String title, String origin, Set<Version> versions, Set<Family> families, Set<Phase> phases,
        boolean mustRewrite, boolean ordered, List<String> keys, Oracle oracle, List<String> statements,
        List<Object> params, List<String> committing, List<String> cleanup) {

    /** What the dualwrite run is compared with. */
    enum Oracle {
        /** The bare driver on the logical schema of the version: the product's promise. */
        LOGICAL,
        /**
         * The bare driver on the physical schema of the phase, statement as written: for operator statements that
         * name both columns of a window, which must pass untouched while both exist.
         */
        PHYSICAL,
        /**
         * The bare driver on the old version's logical schema with the phone numbers it had before the drop window:
         * for statements whose row selection depends on the dropped column, which must be refused rather than run
         * with NULL in its place. The dropped column itself is left out of the comparison of contents.
         */
        DATA
    }

    static final Set<Phase> ALL_PHASES = EnumSet.allOf(Phase.class);

    /** Whether the statement may insert rows, so that identity columns must be put back after it. */
    boolean inserts() {
        for (String s : statements) {
            String u = s.toUpperCase(java.util.Locale.ROOT);
            if (u.contains("INSERT") || u.contains("MERGE") || u.contains("REPLACE") || u.contains("UPSERT")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the statements cannot change a table: each is a SELECT with none of the words that could make it write
     * (so the contents need not be compared). Anything else is compared.
     */
    boolean readOnly() {
        for (String s : statements) {
            String u = s.trim().toUpperCase(java.util.Locale.ROOT);
            if (!u.startsWith("SELECT") || u.matches("(?s).*\\b(INSERT|UPDATE|DELETE|MERGE|INTO|CALL|DO|CREATE|SET)\\b.*")) {
                return false;
            }
        }
        return true;
    }

    /** How the case is named in reports and failure messages. */
    String describe() {
        return kind + ": " + title + " (" + origin + ")";
    }
}
