package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Window;
import java.util.List;

/**
 * What to do with one application statement: the physical SQL to send, how to bind its parameters, or why it must be
 * refused. Plans are immutable and cached; a door keeps the plan of a prepared statement and asks the engine for a
 * new one when {@link #version()} is no longer the engine's.
 */
public final class Plan {
    private final String sql;
    private final boolean rewritten;
    private final ParameterMap parameters;
    private final Rejection rejection;
    private final String warning;
    private final List<String> labels;
    private final List<WindowUse> uses;
    /** Whether {@link #uses} is non-empty, without an interface call on the per-execution path. */
    private final boolean usesWindows;
    private final long version;
    final long catalogVersion;
    private final StatementKind kind;
    private final int parameterCount;

    Plan(String sql, boolean rewritten, ParameterMap parameters, Rejection rejection, String warning,
            List<String> labels, List<WindowUse> uses, long version, long catalogVersion, StatementFacts facts) {
        this.sql = sql;
        this.rewritten = rewritten;
        this.parameters = parameters;
        this.rejection = rejection;
        this.warning = warning;
        this.labels = labels;
        this.uses = uses;
        this.usesWindows = !uses.isEmpty();
        this.version = version;
        this.catalogVersion = catalogVersion;
        this.kind = facts.kind();
        this.parameterCount = facts.parameterCount();
    }

    /** The plan of a statement sent as written; {@code facts} are {@link StatementFacts#UNREAD} when not read. */
    static Plan unchanged(long version, StatementFacts facts) {
        return new Plan(null, false, ParameterMap.IDENTITY, null, null, List.of(), List.of(), version, -1, facts);
    }

    /**
     * The text to send to the database: the rewritten statement, or {@code applicationSql} itself when the statement
     * is left alone (or rejected).
     */
    public String physicalSql(String applicationSql) {
        return rewritten ? sql : applicationSql;
    }

    /** Whether the physical text differs from the application's. */
    public boolean isRewritten() {
        return rewritten;
    }

    /** How application parameter indexes map to physical ones; {@link ParameterMap#IDENTITY} when unchanged. */
    public ParameterMap parameters() {
        return parameters;
    }

    /** Whether the statement must fail instead of running. */
    public boolean isRejected() {
        return rejection != null;
    }

    /** Why the statement must fail, or null. */
    public Rejection rejection() {
        return rejection;
    }

    /**
     * Non-null when the statement could not be rewritten with certainty but a window's {@code on-unsupported: pass}
     * lets it through unchanged: what was wrong. The engine logs it once, when the plan is made.
     */
    public String warning() {
        return warning;
    }

    /**
     * The result labels this rewrite had to give explicitly (with {@code AS}) so that the application finds its columns
     * under the names it used, in the order they appear.
     */
    public List<String> labels() {
        return labels;
    }

    /** Which windows the statement referred to, and by which name: the raw material of the old-name report. */
    public List<WindowUse> uses() {
        return uses;
    }

    /**
     * Whether the plan depends on the catalog's column lists (a {@code *} expanded, the table of an unqualified column
     * resolved): such a plan is made again when the catalog's version moves, and a door that learns its column lists
     * were stale (the database reports an unknown column) may plan it again and retry the statement.
     */
    public boolean usedCatalog() {
        return catalogVersion >= 0;
    }

    /**
     * What kind of statement the application sent, as the engine read it while planning; {@link StatementKind#UNKNOWN}
     * for a statement that names no window table (the prefilter passes it without reading it).
     */
    public StatementKind kind() {
        return kind;
    }

    /**
     * How many values the application binds to the statement it sent: its {@code ?} placeholders plus the highest
     * {@code $n}; -1 when the engine did not read the statement ({@link StatementKind#UNKNOWN}). Known for every plan
     * that is rejected or rewritten, which is where a door needs it (its {@link #parameters()} may be the identity).
     */
    public int parameterCount() {
        return parameterCount;
    }

    /** The configuration version this plan was made for. */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        if (rejection != null) {
            return "Plan{rejected: " + rejection.message() + "}";
        }
        return rewritten ? "Plan{" + sql + (parameters.isIdentity() ? "" : ", params " + parameters) + "}"
                : "Plan{unchanged}";
    }

    /**
     * Counts one execution of this plan toward the old-name usage report ({@link RewriteEngine#usage()}). Doors call
     * it once per execution of the statement; it does nothing for a statement that names no window.
     */
    public void recordExecution() {
        if (!usesWindows) {
            return;
        }
        recordUses();
    }

    /** Apart from {@link #recordExecution()} so that its no-window check stays small enough to inline. */
    private void recordUses() {
        long now = System.currentTimeMillis();
        for (WindowUse u : uses) {
            if (u.counters != null) {
                u.counters.record(u.oldName, u.newName, now);
            }
        }
    }

    /** One window referred to by a statement, and by which of its names. */
    public static final class WindowUse {
        private final Window window;
        private final int oldName;
        private final int newName;
        final UsageCounters counters;

        WindowUse(Window window, int oldName, int newName, UsageCounters counters) {
            this.window = window;
            this.oldName = oldName;
            this.newName = newName;
            this.counters = counters;
        }

        public Window window() {
            return window;
        }

        /** How many references use the old name ({@code from}, or the dropped column). */
        public int oldName() {
            return oldName;
        }

        /** How many references use the new name ({@code to}); always 0 for a drop window. */
        public int newName() {
            return newName;
        }

        @Override
        public String toString() {
            return window.key() + ": old " + oldName + ", new " + newName;
        }
    }
}
