package dev.tidemark.archive.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tidemark.source.RowChange;
import java.util.List;
import java.util.Locale;

/**
 * The records of a change segment (docs/FORMAT.md, "Change segments"): a zstd-compressed CSV file (RFC 4180,
 * UTF-8, header row) with the columns {@code position, commit_time, op, table, key, values}. Every change of a
 * transaction carries the transaction's commit position and time; a {@code commit} record ends it, so a cut-off
 * transaction is told from a whole one; {@code commit_time} is a timestamp with time zone in its canonical form
 * ({@code 2026-12-03 14:00:01.123456+00}). {@code key} and {@code values} are JSON arrays of the values' canonical
 * text forms (docs/TYPES.md), {@code null} for SQL NULL and {@code {"unchanged":true}} for a value the change
 * left as it was; a delete has no {@code values}.
 */
public final class ChangeSegmentFormat {
    /** The header row. */
    public static final List<String> COLUMNS = List.of("position", "commit_time", "op", "table", "key", "values");
    /** The op of the record that ends a transaction. */
    public static final String COMMIT = "commit";
    /** The object standing for {@link RowChange#UNCHANGED}. */
    static final String UNCHANGED_FIELD = "unchanged";

    static final ObjectMapper JSON = new ObjectMapper();

    private ChangeSegmentFormat() {
    }

    static String op(RowChange.Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    static RowChange.Operation operation(String op) {
        return switch (op) {
            case "insert" -> RowChange.Operation.INSERT;
            case "update" -> RowChange.Operation.UPDATE;
            case "delete" -> RowChange.Operation.DELETE;
            default -> throw new IllegalArgumentException("unknown op '" + op + "'");
        };
    }

    static String values(String[] values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length);
        for (String value : values) {
            if (value == null) {
                array.addNull();
            } else if (value == RowChange.UNCHANGED) {
                array.addObject().put(UNCHANGED_FIELD, true);
            } else {
                array.add(value);
            }
        }
        return array.toString();
    }

    static String[] values(String json) throws java.io.IOException {
        JsonNode array = JSON.readTree(json);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("not a JSON array of values");
        }
        String[] values = new String[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = array.get(i);
            if (value.isNull()) {
                values[i] = null;
            } else if (value.isTextual()) {
                values[i] = value.textValue();
            } else if (value.isObject() && value.path(UNCHANGED_FIELD).asBoolean(false) && value.size() == 1) {
                values[i] = RowChange.UNCHANGED;
            } else {
                throw new IllegalArgumentException("value " + (i + 1) + " is neither text, null nor unchanged");
            }
        }
        return values;
    }
}
