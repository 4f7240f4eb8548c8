package dev.dualwrite.agent;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.rewrite.RewriteEngine;
import dev.dualwrite.core.sql.Dialect;

/**
 * Loads the parser and the rewriter's classes ahead of the application's first statement, on the agent's start-up
 * thread, with a throw-away engine: the first real statement then costs a parse, not a parse plus class loading.
 */
final class EngineWarmUp {
    private EngineWarmUp() {
    }

    static void run() {
        Configuration c = Configuration.builder().rename("warm_up", "a", "b", Phase.MIRROR).build();
        try (RewriteEngine engine = RewriteEngine.builder(Dialect.POSTGRESQL).config(c).build()) {
            engine.plan("SELECT w.a FROM warm_up w WHERE w.a = ?");
            engine.plan("INSERT INTO warm_up (id, a) VALUES (?, ?)");
            engine.plan("UPDATE warm_up SET a = ? WHERE id = ?");
        }
    }
}
