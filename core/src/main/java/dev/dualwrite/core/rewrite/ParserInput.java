package dev.dualwrite.core.rewrite;

/**
 * The text JSqlParser reads for one statement, and how its offsets map back to the application's text. Prepared by
 * {@link ParserText#prepare}; the rewriter anchors every edit at the original tokens through it.
 *
 * @param text          what the parser reads: the statement with literals, comments and syntax the parser does not
 *                      know replaced by stand-ins of the same length
 * @param base          the offset in the application's text at which {@code text} starts
 * @param shiftFrom     parser offsets from this one on are {@code shift} more than the original's (H2's MERGE read
 *                      as UPSERT); {@link Integer#MAX_VALUE} when nothing moved
 * @param shift         see {@code shiftFrom}
 * @param mergeKeyFirst the first token inside H2's {@code MERGE ... KEY (...)}, hidden from the parser; -1 without
 * @param mergeKeyLast  the last token inside that KEY clause; -1 without
 */
record ParserInput(String text, int base, int shiftFrom, int shift, int mergeKeyFirst, int mergeKeyLast) {
    /** Whether the statement had an H2 {@code KEY (...)} clause that the parser did not see. */
    boolean hasMergeKey() {
        return mergeKeyFirst >= 0;
    }
}
