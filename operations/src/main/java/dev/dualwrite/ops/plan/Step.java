package dev.dualwrite.ops.plan;

import dev.dualwrite.ops.schema.Ddl;
import java.util.List;

/**
 * One step of a window's plan.
 *
 * @param name    what {@code dualwrite apply WINDOW STEP} calls it
 * @param when    the phase it must precede or follow, e.g. {@code before mirror}
 * @param sql     its statements, in order
 * @param command for a step that is a command of its own (backfill, verify), that command; else null
 */
public record Step(String name, String when, List<Ddl> sql, String command) {

    /** Whether the catalog shows every statement's effect already. */
    public boolean done() {
        return command == null && sql.stream().allMatch(d -> d.done() || d.checkNoRows());
    }
}
