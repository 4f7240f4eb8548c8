package dev.dualwrite.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code dualwrite.*} properties. The windows themselves stay in {@code dualwrite.yaml}, the file every door of
 * dualwrite reads, so that a Spring service, an agent-instrumented one and a sidecar follow the same file.
 */
@ConfigurationProperties(prefix = DualWriteProperties.PREFIX)
public class DualWriteProperties {
    public static final String PREFIX = "dualwrite";

    /**
     * Whether every DataSource bean is wrapped by dualwrite. When not set, dualwrite is on exactly when a
     * configuration file is named. Set to false to leave the data sources untouched although a file is named; set
     * to true to make a missing configuration a start-up failure.
     */
    private Boolean enabled;

    /**
     * Path of dualwrite.yaml, which declares the windows. Also read from the system property dualwrite.config and
     * the environment variable DUALWRITE_CONFIG. The file is checked for changes about once a second.
     */
    private Path config;

    private final Control control = new Control();

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Path getConfig() {
        return config;
    }

    public void setConfig(Path config) {
        this.config = config;
    }

    public Control getControl() {
        return control;
    }

    /**
     * The {@code control:} block of dualwrite.yaml, as properties: how the instance follows the fleet's control
     * tables (windows and phases moved with {@code dualwrite phase}, heartbeats for {@code dualwrite status}).
     */
    public static class Control {
        /**
         * Whether the instance follows the control tables, as a control: block in dualwrite.yaml makes it. Setting
         * any other dualwrite.control property turns it on too; these properties replace the file's block.
         */
        private boolean enabled;

        /** How often the control tables are polled (control.poll). */
        private Duration poll = Duration.ofSeconds(2);

        /**
         * JDBC URL of the database that holds the control tables (control.url). Without it, the application's own
         * data source is used.
         */
        private String url;

        /** User for control.url (control.user). */
        private String user;

        /** Name of the environment variable that holds the password for control.url (control.password-env). */
        private String passwordEnv;

        /** Schema (MariaDB: database) that holds the control tables (control.schema); default the connection's. */
        private String schema;

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }

        /**
         * These properties as the control: block they stand for.
         *
         * @throws IllegalArgumentException saying which value is wrong
         */
        public dev.dualwrite.core.config.ControlSettings toSettings() {
            if ((user != null || passwordEnv != null) && url == null) {
                throw new IllegalArgumentException("dualwrite.control.user and dualwrite.control.password-env belong"
                        + " to dualwrite.control.url; without it the control tables are read through the data"
                        + " source itself");
            }
            return new dev.dualwrite.core.config.ControlSettings(poll.toMillis(), url, user, passwordEnv, schema);
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPoll() {
            return poll;
        }

        public void setPoll(Duration poll) {
            if (poll == null || poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("dualwrite.control.poll must be a positive duration such as 2s,"
                        + " not " + poll);
            }
            this.poll = poll;
        }

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
        }

        public String getPasswordEnv() {
            return passwordEnv;
        }

        public void setPasswordEnv(String passwordEnv) {
            this.passwordEnv = passwordEnv;
        }

        /** Whether any control setting differs from its default. */
        public boolean isConfigured() {
            return enabled || url != null || user != null || passwordEnv != null || schema != null
                    || !poll.equals(Duration.ofSeconds(2));
        }
    }
}
