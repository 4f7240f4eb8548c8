package dev.dualwrite.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefilterTest {

    @Test
    void findsTableNamesInAnyCaseAndPlace() {
        Prefilter p = new Prefilter(List.of("people", "pgbench_accounts"));
        assertTrue(p.mayTouch("select * from people"));
        assertTrue(p.mayTouch("SELECT * FROM PEOPLE"));
        assertTrue(p.mayTouch("update \"People\" set x = 1"));
        assertTrue(p.mayTouch("people"));
        assertTrue(p.mayTouch("UPDATE PGBENCH_ACCOUNTS SET abalance = 1"));
        assertTrue(p.mayTouch("-- people\nselect 1"), "a hit inside a comment is still a candidate");
        assertFalse(p.mayTouch("SELECT o.id FROM orders o WHERE o.person_id = ? AND o.note = 'peopl'"));
        assertFalse(p.mayTouch(""));
        assertFalse(p.mayTouch("peopl"));
    }

    @Test
    void manyFalseCandidatesStillFindALateMatch() {
        Prefilter p = new Prefilter(List.of("people"));
        String noisy = "p".repeat(40) + " pp pe peo peop peopl " + "P".repeat(30);
        assertFalse(p.mayTouch(noisy));
        assertTrue(p.mayTouch(noisy + " pEoPlE"));
    }

    @Test
    void agreesWithANaiveSearchOnRandomText() {
        Prefilter p = new Prefilter(List.of("people", "t_1", "orders"));
        Random random = new Random(42);
        String alphabet = "peoplPEOLrdsRDS_t1T ,.()'\"";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            String lower = s.toLowerCase(Locale.ROOT);
            boolean expected = lower.contains("people") || lower.contains("t_1") || lower.contains("orders");
            assertEquals(expected, p.mayTouch(s), s);
        }
    }

    @Test
    void noTablesMeansNothingMatches() {
        Prefilter p = new Prefilter(List.of());
        assertTrue(p.isEmpty());
        assertFalse(p.mayTouch("select * from people"));
    }
}
