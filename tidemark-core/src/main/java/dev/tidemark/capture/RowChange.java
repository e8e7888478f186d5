package dev.tidemark.capture;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row changed by a transaction, its values in the canonical text form of the archive (docs/TYPES.md), in the
 * column order of the table in the base snapshot's schema; {@code null} is SQL NULL.
 *
 * @param operation what happened to the row
 * @param table     the table's name
 * @param key       the row's primary-key values before the change (for an insert: after it)
 * @param after     every column's value after the change; null for a delete
 */
public record RowChange(Operation operation, String table, String[] key, String[] after) {

    /** What a change did. */
    public enum Operation { INSERT, UPDATE, DELETE }

    public RowChange {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(table, "table");
        key = key.clone();
        after = after == null ? null : after.clone();
        if ((operation == Operation.DELETE) != (after == null)) {
            throw new IllegalArgumentException("a delete has no values after it, every other change has them");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RowChange that && operation == that.operation && table.equals(that.table)
                && Arrays.equals(key, that.key) && Arrays.equals(after, that.after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation, table, Arrays.hashCode(key), Arrays.hashCode(after));
    }

    @Override
    public String toString() {
        return operation + " " + table + " " + Arrays.toString(key);
    }
}
