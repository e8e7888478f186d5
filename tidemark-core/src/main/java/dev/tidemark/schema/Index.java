package dev.tidemark.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A secondary index (the primary key is {@link Table#primaryKey()}).
 *
 * @param name       index name
 * @param columns    indexed columns in order; empty when the index is on expressions only
 * @param unique     whether it enforces uniqueness
 * @param where      partial-index predicate in the source's SQL, or null
 * @param nativeSql  the full CREATE INDEX statement as the source has it, or null; used for restores into
 *                   the same backend when the index is not expressible portably (expressions, partial)
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Index(String name, List<String> columns, boolean unique, String where, String nativeSql) {
    public Index {
        Objects.requireNonNull(name, "name");
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
