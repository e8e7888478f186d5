package dev.tidemark.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row changed by a transaction, its values in the canonical text form of the archive (docs/TYPES.md), in the
 * column order of the table in the base snapshot's schema; {@code null} is SQL NULL.
 *
 * @param operation what happened to the row
 * @param table     the table's name
 * @param key       the row's identity before the change (for an insert: after it): its primary-key values in key
 *                  order, or every column's value for a table without a primary key
 * @param after     every column's value after the change, where a column the change left as it was may be
 *                  {@link #UNCHANGED} (PostgreSQL does not resend unchanged large values); null for a delete
 */
public record RowChange(Operation operation, String table, String[] key, String[] after) {
    /**
     * Stands for a value the change left as it was; compared by identity, so no real value (which is always a
     * distinct string) is taken for it.
     */
    @SuppressWarnings("StringOperationCanBeSimplified")
    public static final String UNCHANGED = new String("(unchanged)");


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
