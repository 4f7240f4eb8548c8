package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Phase;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * What a rename or a drop does to a write: the plan shared by INSERT, upsert, MERGE, UPDATE SET lists and COPY.
 * {@link #planWrites} decides, per written window column, whether the write is renamed to the one physical column,
 * mirrored into the other column as well (a copy of the value, which must be repeatable), or removed (a dropped
 * column). The rest of this class applies such a plan to comma lists of the original tokens: a column list, VALUES
 * rows, the values of a row, so that what remains is still a well-formed list.
 */
final class WritePlan {
    /** A column written by the statement. */
    record Target(Ref ref, ColumnWindow window) {
    }

    enum Action { NONE, RENAME, MIRROR, REMOVE }

    /** What to do with one written column. */
    record WriteAction(Action action, Name name) {
        static final WriteAction NONE = new WriteAction(Action.NONE, null);
    }

    private final RewriteContext cx;
    private final Tokens tokens;
    private final Dialect dialect;
    private final EditList edits;

    WritePlan(RewriteContext cx) {
        this.cx = cx;
        this.tokens = cx.tokens;
        this.dialect = cx.dialect;
        this.edits = cx.edits;
    }

    /**
     * Decides, for the window columns a statement writes, what each write becomes in the current phases: renamed to
     * the one physical column, mirrored into the other column, or removed (drop windows). A statement that already
     * writes both names of a window is left alone, which makes rewriting idempotent.
     */
    WriteAction[] planWrites(List<Target> targets) {
        WriteAction[] actions = new WriteAction[targets.size()];
        Map<Window, int[]> written = new HashMap<>();
        for (Target t : targets) {
            if (t.window() != null) {
                int[] c = written.computeIfAbsent(t.window().window(), w -> new int[3]);
                c[t.window().role().ordinal()]++;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t.window() == null) {
                actions[i] = WriteAction.NONE;
                continue;
            }
            cx.use(t.window());
            if (t.window().role() == Role.DROP) {
                actions[i] = new WriteAction(Action.REMOVE, null);
                continue;
            }
            RenameWindow w = t.window().rename();
            int[] c = written.get(w);
            boolean both = c[Role.FROM.ordinal()] > 0 && c[Role.TO.ordinal()] > 0;
            if (both) {
                actions[i] = WriteAction.NONE;
            } else if (w.phase().writesBoth()) {
                actions[i] = new WriteAction(Action.MIRROR, t.window().role() == Role.FROM ? w.to() : w.from());
            } else {
                Name physical = w.phase() == Phase.OLD_ONLY ? w.from() : w.to();
                Role physicalRole = w.phase() == Phase.OLD_ONLY ? Role.FROM : Role.TO;
                actions[i] = t.window().role() == physicalRole ? WriteAction.NONE
                        : new WriteAction(Action.RENAME, physical);
            }
        }
        return actions;
    }

    /** The targets of a column list (INSERT, MERGE ... INSERT), bound to the windows of {@code target}. */
    List<Target> targets(ExpressionList<Column> columns, Source target) {
        List<Target> out = new ArrayList<>();
        for (Column c : columns) {
            Ref r = cx.ref(c);
            cx.account(r);
            ColumnWindow cw = target.windows == null ? null : target.windows.column(cx.key(r.name()));
            out.add(new Target(r, cw));
        }
        return out;
    }

    /** Removes elements of a comma-separated list, keeping the commas of what remains right. */
    void removeFromList(List<Span> elements, boolean[] remove) {
        int n = elements.size();
        int i = 0;
        while (i < n) {
            if (!remove[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < n && remove[j + 1]) {
                j++;
            }
            if (j + 1 < n) {
                // Remove elements i..j and the comma after j.
                edits.add(EditList.before(elements.get(i).first()), EditList.before(elements.get(j + 1).first()));
            } else if (i > 0) {
                // Remove from the end of the last kept element through j.
                edits.add(EditList.after(elements.get(i - 1).last()), EditList.after(elements.get(j).last()));
            } else {
                edits.add(EditList.before(elements.get(0).first()), EditList.after(elements.get(n - 1).last()));
            }
            i = j + 1;
        }
    }

    static boolean all(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    static boolean contains(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses a value copied into the other column of a rename when evaluating it twice could give two values (a
     * function that is not repeatable, a subquery, ...: {@link Repeatability}).
     */
    void requireRepeatable(int first, int last, Target t, Name other) {
        requireRepeatable(first, last, t, SetOrder.OLD_ROW, other);
    }

    /** As above; {@code order} says why a SET list's copy cannot simply name the column just assigned. */
    void requireRepeatable(int first, int last, Target t, SetOrder order, Name other) {
        String problem = Repeatability.check(tokens, first, last, dialect);
        if (problem != null) {
            String why = !order.copiesBeside() ? "" : order == SetOrder.UNDEFINED
                    ? " (a multi-table UPDATE assigns in an order MySQL does not define, so the copy cannot name the"
                    + " column just assigned)"
                    : " (this UPDATE has a subquery, and MariaDB then assigns against the old row when it reads the"
                    + " same table, so the copy cannot name the column just assigned)";
            throw Unsupported.of(t.window().window(), "the value written to " + tokens.text(t.ref().name())
                    + " contains " + problem + ", which would run twice if it were also written to " + other + why
                    + "; write a plain value or parameter, or set the value in a separate statement");
        }
    }

    /**
     * One row of values written to {@code targets} (a VALUES row, a MERGE insert row, a SELECT list): which values to
     * remove (dropped columns) and the copies to append for mirrored columns. A copy must be repeatable, unless
     * {@code referenceAssigned} lets MySQL name the column just assigned instead (VALUES rows only).
     *
     * @return the values to remove; the appended parts go into {@code extra}
     */
    boolean[] rowWrites(List<Target> targets, WriteAction[] actions, List<Span> row,
            boolean referenceAssigned, InsertedText extra) {
        boolean[] remove = new boolean[targets.size()];
        for (int k = 0; k < targets.size(); k++) {
            WriteAction a = actions[k];
            if (a.action() == Action.REMOVE) {
                remove[k] = true;
            } else if (a.action() == Action.MIRROR) {
                Span v = row.get(k);
                if (referenceAssigned && !cx.isDefault(v)) {
                    // MySQL evaluates VALUES left to right and lets a value name a column set earlier in the row:
                    // the mirrored column takes exactly the value just written.
                    extra.text(", " + tokens.text(targets.get(k).ref().name()));
                    continue;
                }
                if (!cx.isDefault(v)) {
                    requireRepeatable(v.first(), v.last(), targets.get(k), a.name());
                }
                extra.text(", ").copy(v.first(), v.last());
            }
        }
        return remove;
    }

    /** Applies the write actions to a column list: renames, appends mirrored names before its closing parenthesis. */
    void applyColumnList(List<Target> targets, WriteAction[] actions, List<Span> colElems,
            int colsClose) {
        boolean[] remove = new boolean[targets.size()];
        StringBuilder extra = new StringBuilder();
        for (int k = 0; k < targets.size(); k++) {
            WriteAction a = actions[k];
            Target t = targets.get(k);
            switch (a.action()) {
                case RENAME:
                    edits.replace(t.ref().name(), t.ref().name(), cx.nameText(a.name(), t.ref().name()));
                    break;
                case MIRROR:
                    extra.append(", ").append(cx.nameText(a.name(), t.ref().name()));
                    break;
                case REMOVE:
                    remove[k] = true;
                    break;
                default:
                    break;
            }
        }
        if (all(remove)) {
            emptyRow(firstWindow(targets));
        }
        removeFromList(colElems, remove);
        if (extra.length() > 0) {
            edits.insertBefore(colsClose, extra.toString());
        }
    }

    /** Locates the parenthesized rows after the VALUES keyword at token {@code valuesTok}. */
    List<List<Span>> rows(int valuesTok, int width, TableWindows tw) {
        List<List<Span>> rows = new ArrayList<>();
        int i = valuesTok + 1;
        while (i < tokens.size() && tokens.kind(i) == Tokens.LPAREN) {
            int close = tokens.matchingParen(i);
            if (close < 0) {
                throw new Unsupported(tw == null ? null : tw.first, "unclosed VALUES row", Rejection.SYNTAX);
            }
            List<Span> row = elements(i + 1, close - 1);
            if (row.size() != width) {
                throw Unsupported.of(tw == null ? null : tw.first, "a VALUES row has " + row.size()
                        + " values for " + width + " columns");
            }
            rows.add(row);
            if (close + 1 < tokens.size() && tokens.kind(close + 1) == Tokens.COMMA
                    && close + 2 < tokens.size() && tokens.kind(close + 2) == Tokens.LPAREN) {
                i = close + 2;
            } else {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw Unsupported.of(tw == null ? null : tw.first, "VALUES without parenthesized rows is not supported"
                    + " on a window table");
        }
        return rows;
    }

    /** Splits tokens {@code first..last} at top-level commas. */
    List<Span> elements(int first, int last) {
        List<Span> out = new ArrayList<>();
        int depth = 0;
        int start = first;
        for (int i = first; i <= last; i++) {
            byte k = tokens.kind(i);
            if (k == Tokens.LPAREN) {
                depth++;
            } else if (k == Tokens.RPAREN) {
                depth--;
            } else if (k == Tokens.COMMA && depth == 0) {
                out.add(new Span(start, i - 1));
                start = i + 1;
            }
        }
        if (start <= last) {
            out.add(new Span(start, last));
        }
        return out;
    }

    static void emptyRow(Window w) {
        throw Unsupported.of(w, "the INSERT writes only dropped columns; nothing would be left to insert");
    }

    /** Whether a positional INSERT into this table would write a window column wrongly. */
    static boolean needsColumnList(TableWindows tw) {
        for (ColumnWindow cw : tw.columns.values()) {
            if (cw.role() == Role.DROP || cw.rename().phase().writesBoth()) {
                return true;
            }
        }
        return false;
    }

    /** The window of the first target from index {@code from} on that has one, or null. */
    static Window windowAmong(List<Target> targets, int from) {
        for (int i = Math.max(0, from); i < targets.size(); i++) {
            if (targets.get(i).window() != null) {
                return targets.get(i).window().window();
            }
        }
        return null;
    }

    static Window firstWindow(List<Target> targets) {
        return windowAmong(targets, 0);
    }
}
