package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.sql.IdentifierCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The windows of a configuration, looked up by names normalized the way the database folds them. */
class WindowIndexTest {
    private static final Configuration CONFIG = Configuration.builder()
            .rename("people", "full_name", "display_name", Phase.MIRROR)
            .drop("people", "phone_number")
            .rename("app.orders", "\"Total\"", "amount", Phase.READ_NEW)
            .rename("billing.orders", "note", "comment", Phase.MIRROR)
            .build();

    @Test
    void columnsOfATableByRole() {
        WindowIndex index = new WindowIndex(CONFIG, IdentifierCase.LOWER);
        WindowIndex.TableWindows people = index.find(null, "people");
        assertNotNull(people);
        assertEquals(WindowIndex.Role.FROM, people.column("full_name").role());
        assertEquals(WindowIndex.Role.TO, people.column("display_name").role());
        assertEquals(WindowIndex.Role.DROP, people.column("phone_number").role());
        assertSame(people.column("full_name").window(), people.column("display_name").window(),
                "both names of a rename are one window");
        assertNull(people.column("email"));
        assertNull(index.find(null, "staff"));
    }

    @Test
    void namesAreNormalizedAsTheDatabaseFoldsThem() {
        WindowIndex lower = new WindowIndex(CONFIG, IdentifierCase.LOWER);
        assertTrue(lower.isWindowColumnName("full_name"));
        assertFalse(lower.isWindowColumnName("FULL_NAME"), "keys are normalized; callers normalize references");
        assertTrue(lower.isWindowColumnName("Total"), "a quoted configured name keeps its case");
        assertFalse(lower.isWindowColumnName("total"));

        WindowIndex upper = new WindowIndex(CONFIG, IdentifierCase.UPPER);
        assertTrue(upper.isWindowColumnName("FULL_NAME"));
        assertTrue(upper.isWindowTableName("PEOPLE"));
        assertNotNull(upper.find(null, "PEOPLE"));
        assertEquals("Total", upper.find("APP", "ORDERS").columns.keySet().iterator().next());

        WindowIndex insensitive = new WindowIndex(CONFIG, IdentifierCase.INSENSITIVE);
        assertTrue(insensitive.isWindowColumnName("total"), "MySQL compares every name without case");
    }

    @Test
    void schemasDecideWhichTableAnUnqualifiedNameMeans() {
        WindowIndex index = new WindowIndex(CONFIG, IdentifierCase.LOWER);
        assertEquals("amount", index.find("app", "orders").column("amount").rename().to().text());
        assertEquals("comment", index.find("billing", "orders").column("comment").rename().to().text());
        assertNull(index.find("other", "orders"), "a qualified name in another schema has no window");
        assertNotNull(index.find("anything", "people"), "a window without schema applies in every schema");
        WindowIndex.AmbiguousTableException e = assertThrows(WindowIndex.AmbiguousTableException.class,
                () -> index.find(null, "orders"));
        assertTrue(e.getMessage().contains("qualify it with its schema"), e.getMessage());
    }

    @Test
    void theCheapTableNameTests() {
        WindowIndex index = new WindowIndex(CONFIG, IdentifierCase.LOWER);
        assertTrue(index.couldBeTableName("people".length()));
        assertTrue(index.couldBeTableName("orders".length()));
        assertFalse(index.couldBeTableName(5));
        assertFalse(index.couldBeTableName(100));
        assertTrue(index.isWindowTableName("orders"));
        assertEquals(List.of("people", "orders", "orders"), index.tableNames(),
                "each table once per schema, as configured");
        assertFalse(index.isEmpty());
        assertTrue(new WindowIndex(Configuration.empty(), IdentifierCase.LOWER).isEmpty());
    }
}
