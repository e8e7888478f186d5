package dev.tidemark.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One column of a table.
 *
 * @param name          the column name exactly as in the source (case preserved)
 * @param type          its type
 * @param nullable      whether NULL is allowed
 * @param defaultValue  the default as a portable literal in canonical text form, or null when there is
 *                      none or it is not portable (then {@code nativeDefault} holds it)
 * @param nativeDefault the default expression as the source backend declared it, or null
 * @param autoIncrement whether the backend generates values for this column (AUTOINCREMENT, serial,
 *                      identity, AUTO_INCREMENT)
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Column(String name, ColumnType type, boolean nullable,
                     // an empty-string default is a real default, unlike a missing one
                     @JsonInclude(JsonInclude.Include.NON_NULL) String defaultValue,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String nativeDefault, boolean autoIncrement) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
