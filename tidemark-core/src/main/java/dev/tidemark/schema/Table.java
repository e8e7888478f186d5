package dev.tidemark.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table and its constraints, in portable terms.
 *
 * @param name          table name exactly as in the source
 * @param columns       columns in ordinal order; CSV fields follow this order
 * @param primaryKey    primary key columns in key order; empty when the table has none
 * @param uniqueKeys    unique constraints (not indexes), each a list of columns
 * @param indexes       secondary indexes
 * @param foreignKeys   foreign keys
 * @param nextValue     for tables with an auto-increment column: the value the next generated row gets
 *                      (sequence / AUTO_INCREMENT / sqlite_sequence + 1); null otherwise
 * @param options       backend-specific table options worth keeping, e.g. {@code sqlite.withoutRowid=true}
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Table(String name, List<Column> columns, List<String> primaryKey, List<List<String>> uniqueKeys,
                    List<Index> indexes, List<ForeignKey> foreignKeys, Long nextValue, Map<String, String> options) {

    public Table {
        Objects.requireNonNull(name, "name");
        // null as well: the JSON form omits empty lists (@JsonInclude NON_DEFAULT)
        columns = columns == null ? List.of() : List.copyOf(columns);
        primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        uniqueKeys = uniqueKeys == null ? List.of() : uniqueKeys.stream().map(List::copyOf).toList();
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        foreignKeys = foreignKeys == null ? List.of() : List.copyOf(foreignKeys);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    @JsonIgnore
    public Column column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + columnName + " in " + name));
    }
}
