package dev.dualwrite.spring;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when dualwrite is to wrap the data sources: {@code dualwrite.enabled} is not false, and a configuration is
 * named ({@code dualwrite.config}, which Spring also reads from the system property of that name and from the
 * environment variable {@code DUALWRITE_CONFIG}) or {@code dualwrite.enabled} is true (which makes a missing file a
 * start-up failure rather than a silent no-op).
 *
 * <p>An application with the starter but no configuration is left untouched and told so in one line.
 */
class OnDualWriteConfiguredCondition extends SpringBootCondition {
    private static final Logger log = LoggerFactory.getLogger(DualWriteAutoConfiguration.class);
    /** The bean factories already told that dualwrite is off: one line per application, however many checks. */
    private static final Set<Object> TOLD = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment env = context.getEnvironment();
        String enabled = env.getProperty(DualWriteProperties.PREFIX + ".enabled");
        if ("false".equalsIgnoreCase(enabled)) {
            return ConditionOutcome.noMatch("dualwrite.enabled is false");
        }
        String config = configuredPath(env);
        if (config != null) {
            return ConditionOutcome.match("dualwrite.config is " + config);
        }
        if ("true".equalsIgnoreCase(enabled)) {
            return ConditionOutcome.match("dualwrite.enabled is true (without a configuration file)");
        }
        String reason = "no dualwrite configuration is named (dualwrite.config, or the environment variable "
                + "DUALWRITE_CONFIG)";
        if (context.getRegistry() != null && TOLD.add(context.getRegistry())) {
            log.info("dualwrite is off: {}; the data sources are left as they are", reason);
        }
        return ConditionOutcome.noMatch(reason);
    }

    /** The configuration path named in the environment, or null. */
    static String configuredPath(Environment env) {
        String config = env.getProperty(DualWriteProperties.PREFIX + ".config");
        return config == null || config.isBlank() ? null : config.strip();
    }
}
