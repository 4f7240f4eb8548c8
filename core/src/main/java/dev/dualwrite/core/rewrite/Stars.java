package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.DropWindow;
import dev.dualwrite.core.config.RenameWindow;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;

/**
 * What a rename or a drop does to {@code *}: {@code SELECT *}, {@code t.*}, {@code RETURNING *} and PostgreSQL's
 * {@code TABLE t} over a window table become an explicit column list from the catalog, so that every column the
 * application knows comes back under its name, in its place, whichever column the phase reads.
 *
 * <p>A name the table has in its catalog list stays in place ({@link StarPositions} says which move to the end); a
 * name it no longer has (the other name of a rename, a dropped column's default) is appended after the last select
 * item when the result may grow (see {@link SelectRole}). Without a catalog list the statement is refused.
 */
final class Stars {
    private final RewriteContext cx;
    private final Tokens tokens;
    private final Dialect dialect;
    private final IdentifierCase ids;
    private final WindowIndex index;
    private final EditList edits;
    private final BitSet accounted;
    private final List<String> labels;
    private final Set<Window> asWritten;

    Stars(RewriteContext cx) {
        this.cx = cx;
        this.tokens = cx.tokens;
        this.dialect = cx.dialect;
        this.ids = cx.ids;
        this.index = cx.index;
        this.edits = cx.edits;
        this.accounted = cx.accounted;
        this.labels = cx.labels;
        this.asWritten = cx.asWritten;
    }

    /**
     * Expands {@code *} or {@code t.*} over window tables into an explicit list that reads each name from the right
     * column, using the catalog. Returns the output names, or null when unknown.
     *
     * @param appended where the columns a result may gain are collected, to be added after the last item
     * @param resultLabels the labels of the statement's result, or null when this is not the statement's result
     */
    List<String> star(Expression e, Span itemSpan, Scope scope, SelectRole role, List<String> appended,
            StarLabels resultLabels) {
        if (role == SelectRole.EXISTS) {
            return null;
        }
        List<Source> covered = new ArrayList<>();
        if (e instanceof AllTableColumns atc) {
            Ref r = cx.dotted(itemSpan.first(), itemSpan.last());
            accounted.set(r.name());
            String q = cx.key(r.name());
            for (Source s : scope.sources) {
                if (q.equals(s.qualifierKey)) {
                    covered.add(s);
                }
            }
            if (covered.isEmpty()) {
                return null;
            }
        } else {
            for (Source s : scope.sources) {
                if (!s.pseudo) {
                    covered.add(s);
                }
            }
        }
        boolean anyWindow = false;
        for (Source s : covered) {
            anyWindow |= s.windows != null;
        }
        if (!anyWindow) {
            return null;
        }
        if (resultLabels != null) {
            resultLabels.star(covered);
        }
        Window first = null;
        for (Source s : covered) {
            if (s.windows != null) {
                first = s.windows.first;
                break;
            }
        }
        if (scope.mergingJoin && e instanceof AllColumns && !(e instanceof AllTableColumns)) {
            throw Unsupported.of(first, "SELECT * over a NATURAL join or JOIN ... USING that includes a window table;"
                    + " list the columns");
        }
        StringBuilder out = new StringBuilder();
        List<String> names = new ArrayList<>();
        boolean namesKnown = true;
        for (Source s : covered) {
            if (out.length() > 0) {
                out.append(", ");
            }
            if (s.windows == null) {
                if (s.qualifierText == null) {
                    throw Unsupported.of(first, "SELECT * over a window table joined with an unnamed subquery; give"
                            + " the subquery an alias");
                }
                out.append(s.qualifierText).append(".*");
                namesKnown = false;
                continue;
            }
            List<String> cols = cx.catalogColumns(s);
            if (cols == null) {
                throw Unsupported.of(s.windows.first, "SELECT * on a window table needs the table's column list,"
                        + " and no catalog is available for " + s.qualifierText + "; list the columns");
            }
            expandTable(s, cols, out, names, role == SelectRole.TOP || role == SelectRole.DERIVED ? appended : null);
        }
        edits.replace(itemSpan.first(), itemSpan.last(), out.toString());
        return namesKnown ? names : null;
    }

    /**
     * The expanded column list of one window table, in the catalog's order: each name as the application knows it,
     * read from the column the phase reads, a dropped column as its default; a name the table no longer has in its
     * place goes into {@code appended} (when not null) instead. The output names go into {@code names}.
     */
    private void expandTable(Source s, List<String> cols, StringBuilder out, List<String> names,
            List<String> appended) {
        String q = s.qualifierText + ".";
        Set<String> present = new HashSet<>();
        Set<String> physical = new HashSet<>();
        for (String c : cols) {
            physical.add(ids.normalize(c, true));
        }
        Set<String> moved = StarPositions.movedToTheEnd(s.windows, physical, ids, asWritten);
        boolean firstCol = true;
        for (String c : cols) {
            String k = ids.normalize(c, true);
            if (moved.contains(k)) {
                continue;
            }
            present.add(k);
            if (!firstCol) {
                out.append(", ");
            }
            firstCol = false;
            names.add(k);
            ColumnWindow cw = s.windows.column(k);
            if (cw == null || asWritten.contains(cw.window())) {
                out.append(q).append(dialect.quote(c));
            } else if (cw.role() == Role.DROP) {
                out.append(((DropWindow) cw.window()).defaultValue()).append(" AS ").append(dialect.quote(c));
            } else {
                RenameWindow w = cw.rename();
                Role readRole = w.phase().readsNew() ? Role.TO : Role.FROM;
                if (cw.role() == readRole) {
                    out.append(q).append(dialect.quote(c));
                } else {
                    out.append(q).append(dialect.quote(cx.stored(w.readColumn()))).append(" AS ")
                            .append(dialect.quote(c));
                }
            }
        }
        for (Map.Entry<String, ColumnWindow> e : s.windows.columns.entrySet()) {
            if (present.contains(e.getKey()) || asWritten.contains(e.getValue().window())) {
                continue;
            }
            ColumnWindow cw = e.getValue();
            if (cx.starWindow == null && (cw.role() == Role.DROP
                    || !physical.contains(cw.rename().from().normalized(ids)))) {
                // The dropped column or the old column of a rename is gone, and its place with it (a new column not
                // added yet has none: the value stands in the old one's): positions are not known.
                cx.starWindow = cw.window();
            }
            String label;
            String value;
            if (cw.role() == Role.DROP) {
                DropWindow d = (DropWindow) cw.window();
                label = cx.stored(d.column());
                value = d.defaultValue();
            } else {
                RenameWindow w = cw.rename();
                label = cx.stored(cw.role() == Role.FROM ? w.from() : w.to());
                value = q + dialect.quote(cx.stored(w.readColumn()));
            }
            names.add(e.getKey());
            if (appended != null) {
                boolean sameName = cw.role() != Role.DROP && cx.stored(cw.rename().readColumn()).equals(label);
                appended.add(sameName ? value : value + " AS " + dialect.quote(label));
                labels.add(label);
            }
        }
    }

    /**
     * PostgreSQL's {@code TABLE people}: {@code SELECT * FROM people} in short. The keyword becomes the expanded select
     * list, exactly as a star would.
     */
    void tableStatement(int first, int last) {
        int i = first + 1;
        if (tokens.isKeyword(i, "only")) {
            i++;
        }
        if (i > last || !tokens.isIdentifier(i)) {
            return;
        }
        Ref r = cx.dotted(i, last);
        TableWindows tw = cx.windowsOf(r);
        if (tw == null) {
            return;
        }
        String tableKey = cx.key(r.name());
        String schemaKey = r.qualified() ? cx.key(r.lastQualifier()) : null;
        boolean ordering = false;
        String ordinal = null;
        for (int k = r.name() + 1; k <= last; k++) {
            if (tokens.isIdentifier(k) && index.isWindowColumnName(cx.key(k))) {
                throw Unsupported.of(tw.first, "TABLE " + cx.text(r.first(), r.name()) + " followed by clauses that"
                        + " name a window column; write it as a SELECT");
            }
            ordering = ordering || tokens.isKeyword(k, "order");
            ordering = ordering && !tokens.isKeyword(k, "limit") && !tokens.isKeyword(k, "offset")
                    && !tokens.isKeyword(k, "fetch");
            if (ordering && ordinal == null && tokens.kind(k) == Tokens.NUMBER
                    && tokens.text(k).chars().allMatch(Character::isDigit)) {
                ordinal = tokens.text(k);
            }
        }
        Source s = Source.table(tableKey, cx.text(r.first(), r.name()), schemaKey, tableKey, tw);
        List<String> cols = cx.catalogColumns(s);
        if (cols == null) {
            throw Unsupported.of(tw.first, "TABLE " + s.qualifierText + " reads every column of a window table and"
                    + " needs the table's column list, which no catalog provides; list the columns");
        }
        StringBuilder out = new StringBuilder("SELECT ");
        List<String> appended = new ArrayList<>();
        expandTable(s, cols, out, new ArrayList<>(), appended);
        if (ordinal != null && cx.starWindow != null) {
            throw StarPositions.refused(ordinal, cx.starWindow);
        }
        for (String extra : appended) {
            out.append(", ").append(extra);
        }
        edits.replace(first, first, out.append(" FROM").toString());
    }
}
