package dev.tidemark.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A foreign key constraint.
 *
 * @param name              constraint name, or null when the source had none
 * @param columns           referencing columns in this table
 * @param referencedTable   referenced table name
 * @param referencedColumns referenced columns, same order as {@code columns}
 * @param onDelete          referential action: NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT (null = NO ACTION)
 * @param onUpdate          as {@code onDelete}, for updates
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record ForeignKey(String name, List<String> columns, String referencedTable,
                         List<String> referencedColumns, String onDelete, String onUpdate) {
    public ForeignKey {
        // null as well: the JSON form omits empty lists (@JsonInclude NON_DEFAULT)
        columns = columns == null ? List.of() : List.copyOf(columns);
        Objects.requireNonNull(referencedTable, "referencedTable");
        referencedColumns = referencedColumns == null ? List.of() : List.copyOf(referencedColumns);
    }
}
