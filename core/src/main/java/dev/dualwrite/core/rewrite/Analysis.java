package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.sql.Tokens;
import java.util.List;

/**
 * The outcome of analyzing one statement, independent of its literal values: edits anchored at tokens, the windows
 * used, and any rejection. The shape cache stores these; {@link #apply} turns one into a {@link Plan} for a statement
 * of the same shape.
 */
final class Analysis {
    final EditList edits;
    final List<Plan.WindowUse> uses;
    final List<String> labels;
    final Rejection rejection;
    final String warning;
    final long catalogVersion;

    Analysis(EditList edits, List<Plan.WindowUse> uses, List<String> labels, Rejection rejection, String warning,
            long catalogVersion) {
        this.edits = edits;
        this.uses = uses;
        this.labels = labels;
        this.rejection = rejection;
        this.warning = warning;
        this.catalogVersion = catalogVersion;
    }

    static Analysis rejected(Rejection rejection) {
        return new Analysis(new EditList(), List.of(), List.of(), rejection, null, -1);
    }

    static Analysis passed(String warning) {
        return new Analysis(new EditList(), List.of(), List.of(), null, warning, -1);
    }

    /** The plan for {@code tokens}, a statement of the shape this analysis was made from. */
    Plan apply(Tokens tokens, boolean jdbcParameters, long version) {
        if (rejection != null || edits.isEmpty()) {
            return new Plan(null, false, ParameterMap.IDENTITY, rejection, warning, labels, uses, version,
                    catalogVersion);
        }
        EditList.Rendered r = edits.render(tokens);
        ParameterMap params = jdbcParameters && r.applicationParameters > 0
                ? ParameterMap.of(r.parameterSources, r.applicationParameters) : ParameterMap.IDENTITY;
        return new Plan(r.sql, true, params, null, warning, labels, uses, version, catalogVersion);
    }
}
