package dev.dualwrite.ops.data;

/**
 * Where a long operation reports how far it is. Implementations draw a progress bar or print lines; they are called
 * from several worker threads at once.
 */
public interface Progress {

    /** The work begins: {@code total} rows estimated, {@code done} of them already done by earlier runs. */
    void start(String task, long total, long done);

    /** {@code rows} more rows are done. */
    void advance(long rows);

    /** A line for the user (resuming, retrying, finished). */
    void note(String line);

    /** The work is over (done or not); a progress bar is closed. */
    void finish();

    /** Reports nothing. */
    Progress SILENT = new Progress() {
        @Override
        public void start(String task, long total, long done) {
        }

        @Override
        public void advance(long rows) {
        }

        @Override
        public void note(String line) {
        }

        @Override
        public void finish() {
        }
    };
}
