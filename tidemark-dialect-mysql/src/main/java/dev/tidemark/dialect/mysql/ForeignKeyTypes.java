package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MySQL and MariaDB refuse a foreign key whose integer column is narrower than the key it references
 * (an {@code int} referencing a {@code bigint}), which other backends allow: SQLite's rowid keys read as
 * BIGINT while the columns pointing at them read as INTEGER. Such referencing columns are widened to the
 * referenced column's integer type, which loses nothing.
 */
final class ForeignKeyTypes {
    private static final Map<PortableType, Integer> INTEGER_WIDTH =
            Map.of(PortableType.SMALLINT, 16, PortableType.INTEGER, 32, PortableType.BIGINT, 64);

    private ForeignKeyTypes() {
    }

    static Table align(Table table, Schema schema) {
        List<Column> columns = new ArrayList<>(table.columns());
        boolean changed = false;
        for (ForeignKey fk : table.foreignKeys()) {
            Optional<Table> referenced = schema.table(fk.referencedTable());
            if (referenced.isEmpty()) {
                continue;
            }
            for (int i = 0; i < fk.columns().size() && i < fk.referencedColumns().size(); i++) {
                int position = indexOf(columns, fk.columns().get(i));
                Optional<Column> key = find(referenced.get().columns(), fk.referencedColumns().get(i));
                if (position >= 0 && key.isPresent() && narrower(columns.get(position).type(), key.get().type())) {
                    Column column = columns.get(position);
                    ColumnType wider = new ColumnType(key.get().type().type(), null, null, null,
                            key.get().type().unsigned(), List.of(), column.type().nativeType());
                    columns.set(position, new Column(column.name(), wider, column.nullable(), column.defaultValue(),
                            column.nativeDefault(), column.autoIncrement()));
                    changed = true;
                }
            }
        }
        return changed ? new Table(table.name(), columns, table.primaryKey(), table.uniqueKeys(), table.indexes(),
                table.foreignKeys(), table.nextValue(), table.options()) : table;
    }

    private static boolean narrower(ColumnType referencing, ColumnType referenced) {
        Integer from = INTEGER_WIDTH.get(referencing.type());
        Integer to = INTEGER_WIDTH.get(referenced.type());
        return from != null && to != null && (from < to || referencing.unsigned() != referenced.unsigned() && from <= to);
    }

    private static int indexOf(List<Column> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Column> find(List<Column> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
