package dev.dualwrite.core.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates the parts of one insertion into the statement: literal text and copies of original tokens (a copy
 * carries the edits made inside it, see {@link EditList.Copy}), for {@link EditList#insertBefore} and
 * {@link EditList#insertAfter}.
 */
final class InsertedText {
    private final List<Object> parts = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();

    InsertedText text(String s) {
        pending.append(s);
        return this;
    }

    InsertedText copy(int first, int last) {
        flush();
        parts.add(new EditList.Copy(first, last));
        return this;
    }

    private void flush() {
        if (pending.length() > 0) {
            parts.add(pending.toString());
            pending.setLength(0);
        }
    }

    boolean isEmpty() {
        return parts.isEmpty() && pending.length() == 0;
    }

    Object[] parts() {
        flush();
        return parts.toArray();
    }
}
