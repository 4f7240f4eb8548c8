package dev.dualwrite.differential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dualwrite.core.config.Phase;
import dev.dualwrite.differential.Judge.Context;
import dev.dualwrite.differential.Judge.Kind;
import dev.dualwrite.differential.Judge.Verdict;
import dev.dualwrite.differential.Outcome.Failure;
import dev.dualwrite.differential.Outcome.Result;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The oracle can fail: each kind of difference the tester looks for gives a wrong verdict. */
class JudgeTest {
    private static final Case CASE = new Case("test", "t", "here", EnumSet.of(Version.OLD), EnumSet.of(Family.H2),
            Case.ALL_PHASES, false, false, null, Case.Oracle.LOGICAL, List.of("SELECT 1"), List.of(), List.of(),
            List.of());
    private static final Case MUST = new Case("test", "t", "here", EnumSet.of(Version.OLD), EnumSet.of(Family.H2),
            Case.ALL_PHASES, true, false, null, Case.Oracle.LOGICAL, List.of("SELECT 1"), List.of(), List.of(),
            List.of());

    private static Result rows(List<String> labels, List<List<String>> rows) {
        return new Result("result", -1, labels, rows);
    }

    private static Result count(long n) {
        return new Result("update count", n, null, null);
    }

    /** The seed as the old version sees it, and the mirror's physical seed. */
    private static Snapshot logicalSeed() {
        return seed(SchemaModel.Variant.L_OLD);
    }

    private static Snapshot seed(SchemaModel.Variant v) {
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        for (SchemaModel.Table t : v.tables()) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Map<String, Object> r : SchemaModel.seed(t, v)) {
                Map<String, String> row = new LinkedHashMap<>();
                r.forEach((k, x) -> row.put(k, x == null ? null : x.toString()));
                rows.add(row);
            }
            tables.put(t.name(), rows);
        }
        return new Snapshot(tables);
    }

    private static Verdict judge(Case c, Outcome expected, Outcome actual, boolean marked) {
        return Judge.judge(new Context(c, Family.H2, Version.OLD, Phase.MIRROR, marked), expected, actual);
    }

    @Test
    void anExpandedStarIsComparedByLabel() {
        // the new version in mirror: the window's value under the old name in place, the new name appended, the
        // dropped column where the table has it
        List<String> expected = List.of("ID", "EMAIL", "DISPLAY_NAME", "AGE");
        List<String> actual = List.of("ID", "EMAIL", "FULL_NAME", "PHONE_NUMBER", "AGE", "DISPLAY_NAME");
        assertArrayEquals(new int[] {0, 1, 5, 4}, Judge.byLabel(expected, actual));
        // the k-th expected label is the k-th result label: a join's first FULL_NAME is the first one found
        assertArrayEquals(new int[] {0, 1, 2, 3}, Judge.byLabel(List.of("ID", "FULL_NAME", "ID", "EMAIL"),
                List.of("ID", "FULL_NAME", "ID", "EMAIL", "FULL_NAME")));
    }

    @Test
    void aStarResultWithAnotherColumnOrOutOfOrderIsNotComparedByLabel() {
        assertNull(Judge.byLabel(List.of("ID", "EMAIL"), List.of("ID", "EMAIL", "NOTE")));
        assertNull(Judge.byLabel(List.of("ID", "EMAIL", "AGE"), List.of("ID", "AGE", "EMAIL")));
        assertNull(Judge.byLabel(List.of("ID", "DISPLAY_NAME"), List.of("ID", "FULL_NAME")));
    }

    @Test
    void aStarWhoseLabelFindsAnotherTablesColumnIsWrong() {
        // users first, then orders: the new version's FULL_NAME is orders', but the result's first FULL_NAME is the
        // window's value, which a lookup by label would find
        Outcome expected = new Outcome(List.of(rows(List.of("ID", "DISPLAY_NAME", "FULL_NAME"),
                List.of(List.of("1", "alice", "order-name")))), null, null);
        Outcome actual = new Outcome(List.of(rows(List.of("ID", "FULL_NAME", "FULL_NAME", "DISPLAY_NAME"),
                List.of(List.of("1", "alice", "order-name", "alice")))), null, null);
        assertEquals(Kind.WRONG, judge(CASE, expected, actual, false).kind());
        // orders first: the same columns in the order a lookup by label reads right
        Outcome ordersFirst = new Outcome(List.of(rows(List.of("FULL_NAME", "ID", "DISPLAY_NAME"),
                List.of(List.of("order-name", "1", "alice")))), null, null);
        Outcome star = new Outcome(List.of(rows(List.of("FULL_NAME", "ID", "FULL_NAME", "DISPLAY_NAME"),
                List.of(List.of("order-name", "1", "alice", "alice")))), null, null);
        assertEquals(Kind.EXACT, judge(CASE, ordersFirst, star, false).kind());
        assertEquals(Kind.WRONG, judge(CASE, expected, actual, false).kind());
    }

    @Test
    void equalOutcomesAreExact() {
        Outcome o = new Outcome(List.of(count(1)), null, logicalSeed());
        Outcome a = new Outcome(List.of(count(1)), null, seed(SchemaModel.Variant.P_MIRROR));
        assertEquals(Kind.EXACT, judge(CASE, o, a, false).kind());
    }

    @Test
    void anotherUpdateCountIsWrong() {
        Outcome o = new Outcome(List.of(count(2)), null, logicalSeed());
        Outcome a = new Outcome(List.of(count(3)), null, seed(SchemaModel.Variant.P_MIRROR));
        assertEquals(Kind.WRONG, judge(CASE, o, a, false).kind());
    }

    @Test
    void anotherLabelOrRowIsWrong() {
        Outcome o = new Outcome(List.of(rows(List.of("id", "full_name"), List.of(List.of("1", "alice")))), null, null);
        Outcome label = new Outcome(List.of(rows(List.of("id", "display_name"), List.of(List.of("1", "alice")))),
                null, null);
        Outcome row = new Outcome(List.of(rows(List.of("id", "full_name"), List.of(List.of("1", "bob")))), null,
                null);
        Outcome moved = new Outcome(List.of(rows(List.of("id", "age", "full_name"),
                List.of(List.of("1", "30", "alice")))), null, null);
        assertEquals(Kind.WRONG, judge(CASE, o, label, false).kind());
        assertEquals(Kind.WRONG, judge(CASE, o, row, false).kind());
        assertEquals(Kind.WRONG, judge(CASE, o, moved, false).kind());
        Outcome extra = new Outcome(List.of(rows(List.of("id", "full_name", "display_name"),
                List.of(List.of("1", "alice", "alice")))), null, null);
        assertEquals(Kind.EXACT, judge(CASE, o, extra, false).kind(), "the other version's name after the columns");
    }

    @Test
    void aMarkerInAResultIsWrong() {
        Outcome o = new Outcome(List.of(rows(List.of("n"), List.of(List.of("x")))), null, null);
        Outcome a = new Outcome(List.of(rows(List.of("n"), List.of(List.of("MARKER-1")))), null, null);
        Verdict v = judge(CASE, new Outcome(List.of(rows(List.of("n"), List.of(List.of("MARKER-1")))), null, null), a,
                true);
        assertEquals(Kind.WRONG, v.kind(), "a marker is wrong even when the bare run somehow shows the same text");
        assertEquals(Kind.WRONG, judge(CASE, o, a, true).kind());
    }

    @Test
    void columnsThatDisagreeAreWrong() {
        Snapshot physical = seed(SchemaModel.Variant.P_MIRROR);
        physical.tables().get("users").get(0).put("display_name", "diverged");
        Outcome o = new Outcome(List.of(count(0)), null, logicalSeed());
        Verdict v = judge(CASE, o, new Outcome(List.of(count(0)), null, physical), false);
        assertEquals(Kind.WRONG, v.kind());
        assertTrue(v.detail().contains("differ"), v.detail());
    }

    @Test
    void anotherRowWrittenIsWrong() {
        Snapshot physical = seed(SchemaModel.Variant.P_MIRROR);
        physical.tables().get("users").remove(1);
        Outcome o = new Outcome(List.of(count(1)), null, logicalSeed());
        assertEquals(Kind.WRONG, judge(CASE, o, new Outcome(List.of(count(1)), null, physical), false).kind());
    }

    @Test
    void rejectionsAreCountedUnlessTheCaseMustBeRewritten() {
        Outcome o = new Outcome(List.of(count(1)), null, logicalSeed());
        Outcome rejected = new Outcome(List.of(), new Failure("0AW00",
                "dualwrite rejected the statement (window users.full_name -> display_name (mirror)): "
                        + "write the column list"), null);
        assertEquals(Kind.REJECTED, judge(CASE, o, rejected, false).kind());
        assertEquals(Kind.FALSE_REJECTION, judge(MUST, o, rejected, false).kind());
        Outcome noReason = new Outcome(List.of(), new Failure(null, "dualwrite rejected the statement"), null);
        assertEquals(Kind.WRONG, judge(CASE, o, noReason, false).kind());
    }

    @Test
    void aDatabaseErrorOnlyThroughDualwriteIsWrong() {
        Outcome o = new Outcome(List.of(count(1)), null, logicalSeed());
        Outcome failed = new Outcome(List.of(), new Failure("42702", "column reference is ambiguous"), null);
        assertEquals(Kind.WRONG, judge(CASE, o, failed, false).kind());
        assertEquals(Kind.WRONG, judge(CASE, failed, o, false).kind(), "success where the bare run failed");
        assertEquals(Kind.EXACT, judge(CASE, failed, failed, false).kind());
    }
}
