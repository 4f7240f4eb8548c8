/**
 * The rewrite engine: from one application statement and the windows in force to a {@link
 * dev.dualwrite.core.rewrite.Plan} (the physical text, where each parameter goes, or why the statement is refused).
 * It knows SQL and windows, not JDBC or sockets; the doors hand it text and get plans back.
 *
 * <h2>How a statement flows through it</h2>
 * <ol>
 *   <li>{@link dev.dualwrite.core.rewrite.RewriteEngine#plan} is the façade. {@code Prefilter} answers at once for a
 *       text that names no window table; then the plan cache (by text) and the shape cache (by text with literals
 *       stripped) are asked. Everything derived from one configuration lives in one generation, replaced whole when
 *       the configuration changes.</li>
 *   <li>On first sight the text is tokenized ({@code dev.dualwrite.core.sql.SqlLexer}); {@code StatementFacts} reads
 *       the statement's kind and parameter count from the tokens in one pass, and {@code Analyzer} takes over.</li>
 *   <li>{@code Analyzer} splits the text at top-level semicolons ({@code StatementParts}), passes DDL and session
 *       statements as written, finds the statement inside EXPLAIN, DECLARE or PREPARE, and skips any part that names
 *       no window column, star or write. For the others {@code ParserText} prepares the parser's input
 *       ({@code ParserInput}: literals and comments masked, offsets kept), {@code StatementParser} parses it under a
 *       time budget, and {@code StatementRewriter} walks the tree, recording edits at token positions in an
 *       {@code EditList}; {@code WindowIndex} says which names are window columns and {@code Catalog} gives column
 *       lists for {@code *} and unqualified names. {@code StatementRewriter} dispatches each statement, and each
 *       query or expression found inside one ({@code Subqueries}), to the piece that owns it, all sharing one
 *       {@code RewriteContext}:
 *       <ul>
 *         <li>{@code Scopes} turns FROM items, joins and CTEs into {@code Scope}s of {@code Source}s, and
 *             {@code Resolver} binds a column reference to its source;</li>
 *         <li>what a rename or a drop does to a read is in {@code Reads} (the expression visitor), to {@code *} and
 *             {@code TABLE t} in {@code Stars}, to a write in {@code WritePlan}, to COPY in
 *             {@code CopyStatement};</li>
 *         <li>{@code SelectLists} walks queries and RETURNING lists; {@code Inserts}, {@code Assignments} (SET
 *             lists) and {@code UpdateDeleteMerge} walk the writes.</li>
 *       </ul>
 *       COPY and TABLE, which the parser does not read, are analyzed from the tokens.</li>
 *   <li>The outcome is an {@code Analysis} (edits, window uses, labels, or a {@code Rejection}); applied to the tokens
 *       it renders the physical text, and the order of the placeholders in it gives the {@code ParameterMap}
 *       (numbered placeholders are renumbered densely when one disappears).</li>
 *   <li>A rejection or a pass-through is logged once, with literals redacted ({@code LogRedaction}); a plan counts its
 *       executions for the old-name report ({@code UsageCounters}).</li>
 * </ol>
 * Nothing is ever regenerated from the parser's tree: every edit is made on the application's own text.
 */
package dev.dualwrite.core.rewrite;
