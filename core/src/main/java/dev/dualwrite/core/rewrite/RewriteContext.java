package dev.dualwrite.core.rewrite;

import dev.dualwrite.core.config.Name;
import dev.dualwrite.core.config.Window;
import dev.dualwrite.core.rewrite.WindowIndex.ColumnWindow;
import dev.dualwrite.core.rewrite.WindowIndex.Role;
import dev.dualwrite.core.rewrite.WindowIndex.TableWindows;
import dev.dualwrite.core.sql.Dialect;
import dev.dualwrite.core.sql.IdentifierCase;
import dev.dualwrite.core.sql.Tokens;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.parser.ASTNodeAccess;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;

/**
 * What every piece of the rewriter shares while one text is analyzed: the tokens and where the parser's offsets fall
 * in them, the edits recorded so far, the tokens accounted for, the windows used and the labels added, and the
 * catalog's column lists (asked once per table).
 *
 * <p>It also holds the small operations on those that every piece needs: from a parsed object to its {@link Span},
 * from a token to its normalized name, and how to spell a configured name in place of a token. It holds no state of
 * the walk itself (which clause is being visited): that belongs to {@link Reads}.
 */
final class RewriteContext {
    final Tokens tokens;
    final Dialect dialect;
    final IdentifierCase ids;
    final WindowIndex index;
    private final Catalog catalog;
    /**
     * Rename windows whose two names this statement uses (an operator's statement, see {@link BothNames}): their
     * reads are sent as written; a write of one name is still mirrored, so that the columns cannot diverge.
     */
    final Set<Window> asWritten;

    final EditList edits = new EditList();
    /** Identifier tokens the analysis reached (see {@link StatementRewriter#checkAccounted}). */
    final BitSet accounted = new BitSet();
    /** Per window, how often the statement used its old name [0] and its new name [1]. */
    final Map<Window, int[]> uses = new LinkedHashMap<>();
    /** Labels the rewrite added to the result, which the application reads as its own. */
    final List<String> labels = new ArrayList<>();
    /**
     * The first window one of whose physical columns was missing when a {@code *} of this statement was expanded, or
     * null: the missing column's place is not known, so neither are the positions after it (see
     * {@link StarPositions#refuseOrdinal}).
     */
    Window starWindow;
    /** Whether a catalog column list was asked for: the plan then depends on the catalog's version. */
    boolean usedCatalog;
    private final Map<String, List<String>> catalogCache = new HashMap<>();

    // How a parser offset maps to an offset of the original text, for the statement being analyzed.
    private int base;
    private int shiftFrom = Integer.MAX_VALUE;
    private int shift;
    /** The tokens of the statement being analyzed, within a text that may hold several. */
    int partFirst;
    int partLast = Integer.MAX_VALUE;
    /** Token range of an H2 {@code KEY (...)} clause that was hidden from the parser, or null. */
    Span h2MergeKey;

    RewriteContext(Tokens tokens, Dialect dialect, WindowIndex index, Catalog catalog, Set<Window> asWritten) {
        this.tokens = tokens;
        this.dialect = dialect;
        this.ids = index.identifiers;
        this.index = index;
        this.catalog = catalog;
        this.asWritten = asWritten;
    }

    /**
     * Sets up the next statement: its tokens are {@code first..last}; the parsed text ({@code input}) started at
     * {@code input.base()}, and from parser offset {@code input.shiftFrom()} on it was {@code input.shift()}
     * characters longer than the original.
     */
    void statement(ParserInput input, int first, int last) {
        this.base = input.base();
        this.shiftFrom = input.shiftFrom();
        this.shift = input.shift();
        this.partFirst = first;
        this.partLast = last;
        this.h2MergeKey = input.hasMergeKey() ? new Span(input.mergeKeyFirst(), input.mergeKeyLast()) : null;
    }

    // ------------------------------------------------------------------------------------------------ positions

    private int token(net.sf.jsqlparser.parser.Token t) {
        int offset = t.absoluteBegin - 1;
        if (offset >= shiftFrom) {
            offset -= shift;
        }
        int i = tokens.indexStartingAt(base + offset);
        if (i < 0) {
            throw new Unsupported(null, "internal: the parser and the tokenizer disagree at character "
                    + (base + offset), Rejection.SYNTAX);
        }
        return i;
    }

    /** The first and last token of a parsed object, or null when the parser did not record them. */
    Span span(Object o) {
        if (o instanceof ASTNodeAccess a) {
            Node n = a.getASTNode();
            if (n != null && n.jjtGetFirstToken() != null && n.jjtGetLastToken() != null) {
                return new Span(token(n.jjtGetFirstToken()), token(n.jjtGetLastToken()));
            }
        }
        return null;
    }

    Span requireSpan(Object o, String what) {
        Span s = span(o);
        if (s == null) {
            throw Unsupported.of(null, "internal: no position for " + what);
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------ names

    /** The normalized name of identifier token {@code tok}, as the database folds it. */
    String key(int tok) {
        return ids.normalize(tokens.identifier(tok), tokens.kind(tok) == Tokens.QUOTED_IDENT);
    }

    /** The normalized name of a name as the parser hands it back (possibly quoted). */
    String keyOfWritten(String written) {
        if (written == null || written.isEmpty()) {
            return written;
        }
        char c = written.charAt(0);
        if ((c == '"' || c == '`') && written.length() >= 2 && written.charAt(written.length() - 1) == c) {
            String inner = written.substring(1, written.length() - 1).replace("" + c + c, "" + c);
            return ids.normalize(inner, true);
        }
        return ids.normalize(written, false);
    }

    /** Reads the dotted name starting at {@code first}, not past {@code limit}. */
    Ref dotted(int first, int limit) {
        if (!tokens.isIdentifier(first)) {
            throw Unsupported.of(null, "internal: expected a name at character " + tokens.start(first));
        }
        List<Integer> parts = new ArrayList<>();
        parts.add(first);
        int i = first;
        while (i + 2 <= limit && tokens.kind(i + 1) == Tokens.DOT && tokens.isIdentifier(i + 2)) {
            i += 2;
            parts.add(i);
        }
        int[] q = new int[parts.size() - 1];
        for (int k = 0; k < q.length; k++) {
            q[k] = parts.get(k);
        }
        return new Ref(first, i, q);
    }

    Ref ref(Column c) {
        Span s = requireSpan(c, "column " + c);
        return dotted(s.first(), s.last());
    }

    /** The original text of tokens {@code first..last}. */
    String text(int first, int last) {
        return tokens.sql().substring(tokens.start(first), tokens.end(last));
    }

    /** Marks the name token and the qualifier tokens of a reference as accounted for. */
    void account(Ref r) {
        accounted.set(r.name());
        for (int q : r.qualifier()) {
            accounted.set(q);
        }
    }

    /** How to spell a configured name in place of the identifier token {@code like}. */
    String nameText(Name n, int like) {
        if (n.isQuoted()) {
            return dialect.quote(n.text());
        }
        if (tokens.kind(like) == Tokens.QUOTED_IDENT) {
            return dialect.quote(stored(n));
        }
        return n.text();
    }

    /** The name as the database stores it. */
    String stored(Name n) {
        return ids == IdentifierCase.INSENSITIVE ? n.text() : n.normalized(ids);
    }

    /** Whether the span is the single keyword DEFAULT (a value that is never copied or checked). */
    boolean isDefault(Span v) {
        return v.first() == v.last() && tokens.isKeyword(v.first(), "default");
    }

    // ------------------------------------------------------------------------------------------------ windows

    /** Counts a use of a window column by the name the statement wrote. */
    void use(ColumnWindow cw) {
        int[] u = uses.computeIfAbsent(cw.window(), w -> new int[2]);
        u[cw.role() == Role.TO ? 1 : 0]++;
    }

    /** The windows of the table a dotted name (schema.table or table) denotes. */
    TableWindows windowsOf(Ref table) {
        return windowsOf(table.qualified() ? key(table.lastQualifier()) : null, key(table.name()));
    }

    TableWindows windowsOf(String schemaKey, String tableKey) {
        try {
            return index.find(schemaKey, tableKey);
        } catch (WindowIndex.AmbiguousTableException e) {
            throw new Unsupported(null, e.getMessage(), Rejection.AMBIGUOUS);
        }
    }

    // ------------------------------------------------------------------------------------------------ catalog

    /** The catalog's column list of a table source (as the database spells them), or null when not known. */
    List<String> catalogColumns(Source s) {
        if (catalog == null || catalog == Catalog.NONE || s.tableKey == null) {
            return null;
        }
        String k = s.schemaKey + "." + s.tableKey;
        if (catalogCache.containsKey(k)) {
            return catalogCache.get(k);
        }
        usedCatalog = true;
        List<String> cols = catalog.columns(s.schemaKey, s.tableKey);
        catalogCache.put(k, cols);
        return cols;
    }

    /** The normalized names of {@link #catalogColumns}, or null. */
    Set<String> catalogKeys(Source s) {
        List<String> cols = catalogColumns(s);
        if (cols == null) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        for (String c : cols) {
            keys.add(ids.normalize(c, true));
        }
        return keys;
    }
}
