package dev.dualwrite.ops.schema;

import java.util.List;

/**
 * The copy for the new column of one index or constraint that covers the old column.
 *
 * @param kind       {@code index}, {@code unique}, {@code foreign key} or {@code check}
 * @param oldName    the existing object
 * @param newName    the copy's name
 * @param index      statements that build the copy's index (the {@code indexes} step), possibly empty
 * @param constraint statements that add the copy's constraint (the {@code constraints} step), possibly empty
 * @param dropOld    statements that remove the old object before the old column is dropped, possibly empty (where
 *                   dropping the column removes it by itself)
 */
public record ObjectCopy(String kind, String oldName, String newName, List<Ddl> index, List<Ddl> constraint,
        List<String> dropOld) {
}
