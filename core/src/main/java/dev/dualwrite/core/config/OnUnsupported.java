package dev.dualwrite.core.config;

/** What to do with a statement that touches a window but cannot be rewritten with certainty. */
public enum OnUnsupported {
    /** Fail the statement with an error naming the window and the reason (the default: no write is ever lost). */
    REJECT("reject"),
    /** Send the statement unchanged and log a warning once per statement text. */
    PASS("pass");

    private final String configName;

    OnUnsupported(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static OnUnsupported fromConfigName(String name) {
        for (OnUnsupported o : values()) {
            if (o.configName.equals(name)) {
                return o;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return configName;
    }
}
