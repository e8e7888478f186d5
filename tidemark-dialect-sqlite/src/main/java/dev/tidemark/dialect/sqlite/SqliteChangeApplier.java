package dev.tidemark.dialect.sqlite;

import static dev.tidemark.dialect.sqlite.SqliteSql.quote;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import dev.tidemark.source.ChangeApplier;
import dev.tidemark.source.RowChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies row changes to the tables of a SQLite restore, inside its one transaction: inserts, and updates and
 * deletes found by key (the primary key, or every column of a table without one), values bound as the load binds
 * them. SQLite keeps AUTOINCREMENT counters up to date by itself when a larger key is inserted.
 */
final class SqliteChangeApplier implements ChangeApplier {
    private final Connection connection;
    private final Supplier<Schema> schema;
    private final Map<String, Target> targets = new HashMap<>();

    /** @param schema the restored schema, known once the session is prepared */
    SqliteChangeApplier(Connection connection, Supplier<Schema> schema) {
        this.connection = connection;
        this.schema = schema;
    }

    @Override
    public void apply(List<RowChange> changes) throws SQLException {
        for (RowChange change : changes) {
            Target target = target(change.table());
            if (target == null) {
                throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "a change of table " + change.table()
                        + " does not belong to the base snapshot's tables",
                        "the change log does not continue this base; restore to a point before the table was created");
            }
            int count = switch (change.operation()) {
                case INSERT -> target.insert(change.after());
                case UPDATE -> target.update(change.key(), change.after());
                case DELETE -> target.delete(change.key());
            };
            if (count != 1) {
                throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "the change log does not continue the base: an "
                        + change.operation().name().toLowerCase(java.util.Locale.ROOT) + " of table " + change.table()
                        + " found " + count + " rows with key " + Arrays.toString(change.key()),
                        "restore to a point before it, or take a new base snapshot");
            }
        }
    }

    private Target target(String name) {
        if (targets.isEmpty()) {
            for (Table table : schema.get().tables()) {
                targets.put(table.name(), new Target(table));
            }
        }
        return targets.get(name);
    }

    /** The statements of one table, prepared once. */
    private final class Target {
        private final Table table;
        private final SqliteValueBinder binder;
        private final int[] keyColumns;
        private final String where;
        private PreparedStatement insert;
        private PreparedStatement delete;

        Target(Table table) {
            this.table = table;
            this.binder = new SqliteValueBinder(table);
            List<String> key = table.primaryKey().isEmpty()
                    ? table.columns().stream().map(Column::name).toList() : table.primaryKey();
            this.keyColumns = key.stream().mapToInt(this::indexOf).toArray();
            // IS, not =: a key column of a table without a primary key may be NULL
            this.where = key.stream().map(name -> quote(name) + " IS ?").collect(Collectors.joining(" AND "));
        }

        private int indexOf(String column) {
            for (int i = 0; i < table.columns().size(); i++) {
                if (table.columns().get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalStateException("no column " + column + " in " + table.name());
        }

        int insert(String[] row) throws SQLException {
            if (insert == null) {
                insert = connection.prepareStatement("INSERT INTO main." + quote(table.name()) + " ("
                        + table.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                        + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(row.length, "?")) + ")");
            }
            binder.bind(insert, row);
            return insert.executeUpdate();
        }

        int update(String[] key, String[] after) throws SQLException {
            List<Integer> set = new ArrayList<>();
            for (int i = 0; i < after.length; i++) {
                if (after[i] != RowChange.UNCHANGED) {
                    set.add(i);
                }
            }
            if (set.isEmpty()) {
                return count(key);
            }
            int[] columns = set.stream().mapToInt(Integer::intValue).toArray();
            String sql = "UPDATE main." + quote(table.name()) + " SET "
                    + Arrays.stream(columns).mapToObj(i -> quote(table.columns().get(i).name()) + " = ?")
                            .collect(Collectors.joining(", ")) + " WHERE " + where;
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                String[] values = Arrays.stream(columns).mapToObj(i -> after[i]).toArray(String[]::new);
                binder.bind(update, 1, columns, values);
                binder.bind(update, columns.length + 1, keyColumns, key);
                return update.executeUpdate();
            }
        }

        int delete(String[] key) throws SQLException {
            if (delete == null) {
                delete = connection.prepareStatement("DELETE FROM main." + quote(table.name()) + " WHERE " + where);
            }
            binder.bind(delete, 1, keyColumns, key);
            return delete.executeUpdate();
        }

        private int count(String[] key) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM main." + quote(table.name()) + " WHERE " + where)) {
                binder.bind(select, 1, keyColumns, key);
                try (var rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
    }
}
