package dev.tidemark.dialect.nativesql;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.util.function.Supplier;

/**
 * A field of a table in the archive's schema that holds native SQL, named as in header.json relative to the
 * table, e.g. {@code indexes[2].where} or {@code columns[0].type.nativeType}.
 */
public record NativeSqlField(String table, String field) {

    /**
     * The result of {@code grammar} applied to this field's text, or the user's error: the archive is refused
     * (exit 5) with a message naming the table, the field, the kind of SQL it must be and why it is not.
     *
     * @param kind e.g. {@code "index predicate"}, {@code "type name"}
     */
    public <T> T read(SqlLexicon lexicon, String kind, Supplier<T> grammar) {
        try {
            return grammar.get();
        } catch (InvalidSqlException e) {
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "table " + table + ": " + field + " is not a valid "
                    + lexicon.label() + " " + kind + " (" + e.reason() + ")",
                    "the snapshot was altered or is damaged; restore another snapshot");
        }
    }

    public static NativeSqlField of(String table, String field) {
        return new NativeSqlField(table, field);
    }

    /** The field {@code name} of element {@code index} of list {@code list}: {@code indexes[2].where}. */
    public static NativeSqlField of(String table, String list, int index, String name) {
        return new NativeSqlField(table, list + "[" + index + "]." + name);
    }
}
