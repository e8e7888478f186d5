package dev.tidemark.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a database in an order in which they can be created and loaded: a table comes after
 * the tables its foreign keys reference, except in cycles (self references, mutual references),
 * which restores handle by adding foreign keys after the load.
 *
 * @param tables        the tables
 * @param enumTypes     named enum types of the source (PostgreSQL), name to labels; empty otherwise
 * @param nativeObjects backend-specific objects recorded but not restored portably (e.g. views), name to SQL
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Schema(List<Table> tables, Map<String, List<String>> enumTypes, Map<String, String> nativeObjects) {
    public Schema {
        // null as well: the JSON form omits an empty list (@JsonInclude NON_DEFAULT)
        tables = tables == null ? List.of() : List.copyOf(tables);
        enumTypes = enumTypes == null ? Map.of() : Map.copyOf(enumTypes);
        nativeObjects = nativeObjects == null ? Map.of() : Map.copyOf(nativeObjects);
    }

    public Schema(List<Table> tables) {
        this(tables, Map.of(), Map.of());
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
