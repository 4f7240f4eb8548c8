package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.rewrite.WritePlan.Action;
import dev.dualwrite.core.rewrite.WritePlan.Target;
import dev.dualwrite.core.rewrite.WritePlan.WriteAction;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What a rename or a drop does to COPY: PostgreSQL's {@code COPY table [(columns)] FROM | TO}, read from the tokens
 * (the parser has no COPY). Its column list is renamed like a read (TO) or a single-column write (FROM); a COPY FROM
 * that would have to write both columns or leave a dropped one out cannot be rewritten and is refused. The query of
 * {@code COPY (query) TO} is analyzed as a statement of its own by the caller.
 */
final class CopyStatement {
    private final RewriteContext cx;
    private final Reads reads;
    private final WritePlan plan;
    private final Tokens tokens;
    private final EditList edits;
    private final BitSet accounted;

    CopyStatement(RewriteContext cx, Reads reads, WritePlan plan) {
        this.cx = cx;
        this.reads = reads;
        this.plan = plan;
        this.tokens = cx.tokens;
        this.edits = cx.edits;
        this.accounted = cx.accounted;
    }

    /**
     * PostgreSQL's {@code COPY table [(cols)] FROM|TO}: column names are renamed like reads (TO) or single-column
     * writes (FROM). A COPY FROM cannot mirror a value into a second column or leave a dropped one out, so in those
     * phases it is rejected. {@code COPY (query) TO} is analyzed by the engine as the query it contains.
     */
    void copy(int first, int last) {
        int i = first + 1;
        if (i > last || !tokens.isIdentifier(i)) {
            return;
        }
        Ref table = cx.dotted(i, last);
        TableWindows tw = cx.windowsOf(table);
        if (tw == null) {
            return;
        }
        int j = table.name() + 1;
        List<Integer> columns = new ArrayList<>();
        if (j <= last && tokens.kind(j) == Tokens.LPAREN) {
            int close = tokens.matchingParen(j);
            for (int k = j + 1; k < close; k++) {
                if (tokens.isIdentifier(k)) {
                    columns.add(k);
                }
            }
            j = close + 1;
        }
        boolean from = tokens.isKeyword(j, "from");
        if (columns.isEmpty()) {
            if (from && WritePlan.needsColumnList(tw)) {
                throw Unsupported.of(tw.first, "COPY ... FROM into a window table without a column list cannot"
                        + " write the window's columns correctly; list the columns");
            }
            return;
        }
        for (int k : columns) {
            accounted.set(k);
            ColumnWindow cw = tw.column(cx.key(k));
            if (cw == null) {
                continue;
            }
            Ref r = Ref.bare(k);
            if (!from) {
                reads.read(r, cw, Ctx.of(new Scope(null)), -1);
                continue;
            }
            if (cw.role() == Role.DROP || cw.rename().phase().writesBoth()) {
                throw Unsupported.of(cw.window(), "COPY ... FROM cannot "
                        + (cw.role() == Role.DROP ? "leave out the dropped column " : "write both columns for ")
                        + tokens.text(k) + "; load into a staging table and INSERT ... SELECT from it");
            }
            WriteAction a = plan.planWrites(List.of(new Target(r, cw)))[0];
            if (a.action() == Action.RENAME) {
                edits.replace(k, k, cx.nameText(a.name(), k));
            }
        }
    }
}
