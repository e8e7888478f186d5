package dev.tidemark.dialect.postgres;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every statement that builds a restore's tables, written out before the restore writes anything: native SQL of
 * the schema that is not in its grammar refuses the archive while the target is still untouched.
 *
 * @param enums       CREATE TYPE … AS ENUM, first
 * @param tables      CREATE TABLE, before the load
 * @param indexes     the indexes, primary keys' included, after the load
 * @param constraints primary keys (on their indexes) and unique constraints
 * @param foreignKeys the foreign keys, last
 */
record PostgresBuild(List<String> enums, List<String> tables, List<String> indexes, List<String> constraints,
                     List<String> foreignKeys) {

    /**
     * @param home             where the tables are built: the target schema or the staging schema
     * @param namespace        the target schema
     * @param enums            the enum types the restore needs, name to labels
     * @param enumsToCreate    those of them this restore creates (in {@code home}); the others exist in {@code namespace}
     * @param enumTypeOfColumn the type name of each ENUM column, by {@link PostgresRestorePlan#key}
     * @param primaryKeyNames  the name of each table's primary key, by table
     * @param indexNames       the name of each index, by {@link PostgresRestorePlan#key}
     * @param warn             receives the warnings of lossy mappings
     */
    static PostgresBuild plan(Schema schema, String home, String namespace, Map<String, List<String>> enums,
                              List<String> enumsToCreate, Map<String, String> enumTypeOfColumn,
                              Map<String, String> primaryKeyNames, Map<String, String> indexNames, Consumer<String> warn) {
        List<String> createEnums = new ArrayList<>();
        for (String typeName : enumsToCreate) {
            createEnums.add(PostgresDdl.createEnum(home, typeName, enums.get(typeName)));
        }
        List<String> tables = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        for (Table table : schema.tables()) {
            boolean own = PostgresRestoreSession.isOwnBackend(table);
            List<String> types = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                Column column = table.columns().get(i);
                String enumType = enumTypeOfColumn.get(PostgresRestorePlan.key(table.name(), column.name()));
                String enumNamespace = enumsToCreate.contains(enumType) ? home : namespace;
                boolean nativeType = own && column.type().nativeType() != null && column.type().type() != PortableType.ENUM;
                types.add(PostgresTypeMapping.toNative(column.type(), nativeType ? PostgresNativeSql.typeName(table, i) : null,
                        enumType == null ? null : PostgresDdl.qualified(enumNamespace, enumType),
                        table.name() + "." + column.name(), warn));
            }
            tables.add(PostgresDdl.createTable(home, table, types, own, warn));
            String primaryKey = primaryKeyNames.get(table.name());
            if (primaryKey != null) {
                indexes.add(PostgresDdl.createUniqueIndex(home, table, primaryKey, table.primaryKey()));
                constraints.add(PostgresDdl.addPrimaryKeyUsingIndex(home, table, primaryKey));
            }
            for (int i = 0; i < table.indexes().size(); i++) {
                // indexes of another backend's expressions have no name: they are not restored (a warning says so)
                String name = indexNames.get(PostgresRestorePlan.key(table.name(), table.indexes().get(i).name()));
                if (name != null) {
                    indexes.add(PostgresDdl.createIndex(home, table, i, name, own));
                }
            }
            for (List<String> unique : table.uniqueKeys()) {
                constraints.add(PostgresDdl.addUnique(home, table, unique));
            }
            for (int i = 0; i < table.foreignKeys().size(); i++) {
                foreignKeys.add(PostgresDdl.addForeignKey(home, table, i));
            }
        }
        return new PostgresBuild(List.copyOf(createEnums), List.copyOf(tables), List.copyOf(indexes),
                List.copyOf(constraints), List.copyOf(foreignKeys));
    }
}
