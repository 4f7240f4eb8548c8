package dev.dualwrite.ops.plan;

import dev.dualwrite.ops.Json;
import dev.dualwrite.ops.schema.Ddl;
import java.util.ArrayList;
import java.util.List;

/**
 * Every step of one window for one database, in the order they run.
 *
 * @param window      the window as the user named it
 * @param description what the window does and where, for the text form
 * @param steps       in order
 * @param notes       what the plan does not do and the user must know (printed beside it)
 */
public record Plan(String window, String description, List<Step> steps, List<String> notes) {

    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> stepNames() {
        List<String> names = new ArrayList<>();
        steps.forEach(s -> names.add(s.name()));
        return names;
    }

    /** {@code {"window": ..., "steps": [{"name": ..., "when": ..., "sql": [...]}]}}. */
    public String toJson() {
        Json json = new Json();
        json.beginObject().name("window").value(window).name("steps").beginArray();
        for (Step s : steps) {
            json.beginObject().name("name").value(s.name()).name("when").value(s.when()).name("sql").beginArray();
            for (Ddl d : s.sql()) {
                json.value(d.sql());
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    /** The plan as a person reads it. */
    public String toText() {
        StringBuilder b = new StringBuilder(description).append('\n');
        int n = 1;
        for (Step s : steps) {
            b.append('\n').append(n++).append(". ").append(s.name()).append("  (").append(s.when()).append(")");
            if (s.done()) {
                b.append("  [done]");
            }
            b.append('\n');
            if (s.command() != null) {
                b.append("   run: ").append(s.command()).append('\n');
            }
            for (Ddl d : s.sql()) {
                b.append("   ").append(d.checkNoRows() ? "-- must return no row: " : "").append(d.sql()).append(';');
                if (d.done() && s.command() == null) {
                    b.append("  -- done");
                }
                b.append('\n');
            }
        }
        for (String note : notes) {
            b.append("\nnote: ").append(note);
        }
        return b.append(notes.isEmpty() ? "" : "\n").toString();
    }
}
