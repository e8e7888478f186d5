package dev.tidemark.dialect.sqlite;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a schema against an SQLite target before anything is written. SQLite compares identifiers
 * case-insensitively (ASCII), so {@code Users} and {@code users} are the same table there.
 */
final class SqliteRestoreChecks {
    private SqliteRestoreChecks() {
    }

    static void rejectCaseCollisions(Schema schema) {
        Map<String, String> tables = new HashMap<>();
        Map<String, String> indexes = new HashMap<>();
        for (Table table : schema.tables()) {
            if (key(table.name()).startsWith("sqlite_")) {
                throw new TidemarkException(ErrorKind.CONFIG, "table name " + table.name()
                        + " is reserved by SQLite", "rename the table in the source before restoring into SQLite");
            }
            collide(tables, table.name(), "tables");
            Map<String, String> columns = new HashMap<>();
            for (Column column : table.columns()) {
                collide(columns, column.name(), "columns of table " + table.name());
            }
            for (Index index : table.indexes()) {
                collide(indexes, index.name(), "indexes");
            }
        }
    }

    private static void collide(Map<String, String> seen, String name, String what) {
        String previous = seen.putIfAbsent(key(name), name);
        if (previous != null) {
            throw new TidemarkException(ErrorKind.CONFIG, "the snapshot has " + what + " '" + previous + "' and '"
                    + name + "', which are the same name in SQLite (identifiers ignore case there)",
                    "restore into a backend with case-sensitive names, or rename one of them in the source");
        }
    }

    /**
     * The names (as the target spells them) of existing tables that the restore replaces.
     *
     * @throws TidemarkException TARGET_CONFLICT when such tables exist and {@code replace} is false, or when a
     *                           view, trigger or index of another table already uses one of the names
     */
    static List<String> existingTablesToReplace(Connection connection, Schema schema, boolean replace)
            throws SQLException {
        Set<String> wantedTables = new LinkedHashSet<>();
        Set<String> wantedIndexes = new LinkedHashSet<>();
        for (Table table : schema.tables()) {
            wantedTables.add(key(table.name()));
            table.indexes().forEach(index -> wantedIndexes.add(key(index.name())));
        }
        List<String> tables = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT type, name, tbl_name FROM main.sqlite_schema ORDER BY rowid")) {
            while (rs.next()) {
                String type = rs.getString(1);
                String name = rs.getString(2);
                // indexes and triggers of a replaced table are dropped with it
                boolean ownedByReplacedTable = (type.equals("index") || type.equals("trigger"))
                        && wantedTables.contains(key(rs.getString(3)));
                if (type.equals("table") && wantedTables.contains(key(name))) {
                    tables.add(name);
                } else if (!ownedByReplacedTable && (wantedTables.contains(key(name)) || wantedIndexes.contains(key(name)))) {
                    others.add(type + " " + name);
                }
            }
        }
        if (!tables.isEmpty() && !replace) {
            throw new TidemarkException(ErrorKind.TARGET_CONFLICT,
                    "target already has table(s) " + String.join(", ", tables), "pass --replace to replace them");
        }
        if (!others.isEmpty()) {
            throw new TidemarkException(ErrorKind.TARGET_CONFLICT,
                    "target already has objects with the names of restored tables or indexes: "
                            + String.join(", ", others), "drop or rename them in the target first");
        }
        return tables;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
