package dev.dualwrite.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ControlSettingsTest {

    private static ControlSettings parse(String block) throws ConfigException {
        return Configuration.parse("windows: []\n" + block, "dualwrite.yaml").control();
    }

    private static String error(String block) {
        return assertThrows(ConfigException.class, () -> parse(block)).getMessage();
    }

    @Test
    void aFileWithoutTheBlockHasNoControl() throws Exception {
        assertNull(Configuration.parse("windows: []\n", "x").control());
    }

    @Test
    void anEmptyBlockMeansEveryDefault() throws Exception {
        ControlSettings c = parse("control:\n");
        assertEquals(2000, c.pollMillis());
        assertNull(c.url());
        assertNull(c.user());
        assertNull(c.passwordEnv());
        assertNull(c.schema());
    }

    @Test
    void readsEveryKey() throws Exception {
        ControlSettings c = parse("control:\n  poll: 500ms\n  url: jdbc:postgresql://db:5432/app\n  user: dualwrite\n"
                + "  password-env: DUALWRITE_CONTROL_PASSWORD\n  schema: ops\n");
        assertEquals(500, c.pollMillis());
        assertEquals("jdbc:postgresql://db:5432/app", c.url());
        assertEquals("dualwrite", c.user());
        assertEquals("DUALWRITE_CONTROL_PASSWORD", c.passwordEnv());
        assertEquals("ops", c.schema());
        assertEquals(3000, parse("control:\n  poll: 3s\n").pollMillis());
        assertEquals(60_000, parse("control:\n  poll: 1m\n").pollMillis());
    }

    @Test
    void badValuesAreClearErrorsWithTheirLine() {
        String noUnit = error("control:\n  poll: 2\n");
        assertTrue(noUnit.contains("dualwrite.yaml:3") && noUnit.contains("no unit") && noUnit.contains("2s"), noUnit);
        String tooShort = error("control:\n  poll: 10ms\n");
        assertTrue(tooShort.contains("between 100ms and 10m"), tooShort);
        String unknown = error("control:\n  interval: 2s\n");
        assertTrue(unknown.contains("unknown key 'interval' in 'control'") && unknown.contains("poll"), unknown);
        String notJdbc = error("control:\n  url: postgres://db/app\n");
        assertTrue(notJdbc.contains("must be a JDBC URL"), notJdbc);
        String wrapped = error("control:\n  url: jdbc:dualwrite:postgresql://db/app\n");
        assertTrue(wrapped.contains("database's own driver"), wrapped);
        String userWithoutUrl = error("control:\n  user: dualwrite\n");
        assertTrue(userWithoutUrl.contains("belong to 'url'"), userWithoutUrl);
        String password = error("control:\n  url: jdbc:postgresql://db/app\n  password-env: s3cr3t!\n");
        assertTrue(password.contains("names the environment variable") && !password.contains("s3cr3t!"), password);
        String list = error("control:\n  - poll: 2s\n");
        assertTrue(list.contains("'control' must be a mapping"), list);
    }

    @Test
    void theBlockIsPartOfTheContent() throws Exception {
        Configuration a = Configuration.parse("control:\n  poll: 2s\n", "a");
        Configuration b = Configuration.parse("control:\n  poll: 3s\n", "b");
        Configuration c = Configuration.parse("control:\n  poll: 2000ms\n", "c");
        assertFalse(a.sameContent(b));
        assertTrue(a.sameContent(c));
        assertEquals(a.control(), a.withWindows(java.util.List.of(), 7, "control tables").control());
    }

    @Test
    void aMissingPasswordVariableIsNamedAndTheUrlQueryIsNotPrinted() {
        ControlSettings c = new ControlSettings(2000, "jdbc:postgresql://db/app?password=secret", "u",
                "DUALWRITE_TEST_SURELY_UNSET_VARIABLE", null);
        String m = assertThrows(IllegalStateException.class, c::password).getMessage();
        assertTrue(m.contains("DUALWRITE_TEST_SURELY_UNSET_VARIABLE"), m);
        assertFalse(c.toString().contains("secret"), c.toString());
    }
}
