package dev.tidemark.dialect.postgres;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Decisions a restore makes before writing anything: name checks, enum types, index names. */
final class PostgresRestorePlan {
    private PostgresRestorePlan() {
    }

    static String key(String table, String member) {
        return table + "\u0000" + member;
    }

    /**
     * Refuses names PostgreSQL cannot hold exactly: empty, longer than 63 bytes (the server would
     * truncate them), or duplicates (identifiers are quoted, so no case folding applies).
     */
    static void validateNames(Schema schema, String target) {
        Set<String> tables = new HashSet<>();
        for (Table table : schema.tables()) {
            checkName("table " + table.name(), table.name(), target);
            if (!tables.add(table.name())) {
                throw conflict("the snapshot has two tables named " + table.name(), target);
            }
            Set<String> columns = new HashSet<>();
            for (Column column : table.columns()) {
                checkName("column " + table.name() + "." + column.name(), column.name(), target);
                if (!columns.add(column.name())) {
                    throw conflict("table " + table.name() + " has two columns named " + column.name(), target);
                }
            }
            for (ForeignKey fk : table.foreignKeys()) {
                if (fk.name() != null && !fk.name().isEmpty()) {
                    checkName("foreign key " + fk.name() + " of table " + table.name(), fk.name(), target);
                }
            }
        }
    }

    private static void checkName(String what, String name, String target) {
        if (name.isEmpty()) {
            throw new TidemarkException(ErrorKind.CONFIG, "cannot restore into " + target + ": " + what + " has an empty name",
                    "rename it in the source");
        }
        if (PostgresDdl.tooLong(name)) {
            throw new TidemarkException(ErrorKind.CONFIG, "cannot restore into " + target + ": " + what
                    + " is longer than PostgreSQL's limit of " + PostgresDdl.MAX_IDENTIFIER_BYTES + " bytes",
                    "shorten the name in the source");
        }
    }

    private static TidemarkException conflict(String problem, String target) {
        return new TidemarkException(ErrorKind.CONFIG, "cannot restore into " + target + ": " + problem,
                "rename one of them in the source");
    }

    /**
     * The enum types the restore needs, name to labels. Enums read from PostgreSQL keep their type name;
     * enums of other backends (declared per column) get a type named {@code table_column}.
     *
     * @param typeOfColumn filled with the type name of each ENUM column, keyed by {@link #key}
     */
    static Map<String, List<String>> enumTypes(Schema schema, Map<String, String> typeOfColumn) {
        Map<String, List<String>> types = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            boolean own = PostgresRestoreSession.isOwnBackend(table);
            for (Column column : table.columns()) {
                if (column.type().type() == PortableType.NATIVE && own && column.type().nativeType() != null) {
                    String element = column.type().nativeType().replace("[]", "");
                    if (schema.enumTypes().containsKey(element)) {
                        types.put(element, schema.enumTypes().get(element));
                    }
                }
                if (column.type().type() != PortableType.ENUM) {
                    continue;
                }
                List<String> labels = column.type().enumLabels();
                String name;
                if (own && column.type().nativeType() != null && schema.enumTypes().containsKey(column.type().nativeType())) {
                    name = column.type().nativeType();
                    labels = schema.enumTypes().get(name);
                } else {
                    name = fit(table.name() + "_" + column.name(), "");
                    for (int n = 2; types.containsKey(name) && !types.get(name).equals(labels); n++) {
                        name = fit(table.name() + "_" + column.name(), "_" + n);
                    }
                }
                types.put(name, labels);
                typeOfColumn.put(key(table.name(), column.name()), name);
            }
        }
        return types;
    }

    /**
     * The name of each table's primary key (and its index), by table name: {@code table_pkey} as PostgreSQL
     * would choose it, numbered when that name is taken.
     */
    static Map<String, String> primaryKeyNames(Schema schema, Set<String> taken) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            if (table.primaryKey().isEmpty()) {
                continue;
            }
            String name = fit(table.name(), "_pkey");
            for (int n = 1; taken.contains(name); n++) {
                name = fit(table.name(), "_pkey" + n);
            }
            taken.add(name);
            names.put(table.name(), name);
        }
        return names;
    }

    /**
     * Index names to use: index names are unique per schema in PostgreSQL but per table elsewhere, so a
     * name already taken (or too long) becomes {@code table_index}, with a warning.
     */
    static Map<String, String> indexNames(Schema schema, Set<String> taken, Consumer<String> warn) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            boolean own = PostgresRestoreSession.isOwnBackend(table);
            for (Index index : table.indexes()) {
                if (index.columns().isEmpty() && !(own && index.nativeSql() != null)) {
                    warn.accept("index " + index.name() + " of table " + table.name()
                            + " is on expressions of another database; not restored");
                    continue;
                }
                if (!own && index.where() != null) {
                    warn.accept("index " + index.name() + " of table " + table.name() + ": predicate " + index.where()
                            + " is specific to the source database; created as a full index");
                }
                String name = index.name();
                if (taken.contains(name) || PostgresDdl.tooLong(name)) {
                    String base = table.name() + "_" + index.name();
                    name = fit(base, "");
                    for (int n = 2; taken.contains(name); n++) {
                        name = fit(base, "_" + n);
                    }
                    warn.accept("index " + index.name() + " of table " + table.name() + " restored as " + name
                            + " (index names are unique per schema in PostgreSQL)");
                }
                taken.add(name);
                names.put(key(table.name(), index.name()), name);
            }
        }
        return names;
    }

    /** {@code base + suffix}, with base shortened so the result fits PostgreSQL's identifier limit. */
    private static String fit(String base, String suffix) {
        String candidate = base + suffix;
        while (PostgresDdl.tooLong(candidate)) {
            base = base.substring(0, base.offsetByCodePoints(base.length(), -1));
            candidate = base + suffix;
        }
        return candidate;
    }

    static String relationKind(String relkind) {
        return switch (relkind) {
            case "v" -> "view";
            case "m" -> "materialized view";
            case "S" -> "sequence";
            case "i", "I" -> "index";
            case "f" -> "foreign table";
            case "c" -> "composite type";
            default -> "relation";
        };
    }

    /**
     * Whether a table's archive CSV can go to COPY as it is stored, only re-encoded from CSV into COPY's text
     * format ({@link CsvToCopyText}). The row path ({@link CopyText#row}) converts no value either: it hands
     * PostgreSQL's input function of the target column each canonical text (docs/TYPES.md) as it is —
     * {@code true}/{@code false}, {@code \x}-hex bytea, ISO dates and timestamps with {@code +00},
     * {@code NaN}/{@code Infinity}, ISO 8601 intervals, arrays and other native forms of PostgreSQL sources,
     * JSON text for {@code jsonb}, and whatever text another backend held in a typed column (which PostgreSQL
     * then accepts or rejects alike). So both paths give the same rows, for every table with columns; a table
     * without any has no column list to name in COPY and keeps the row path.
     */
    static boolean copiesCsvVerbatim(Table table) {
        return !table.columns().isEmpty();
    }
}
