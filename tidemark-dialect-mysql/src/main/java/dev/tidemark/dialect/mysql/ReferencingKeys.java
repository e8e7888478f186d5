package dev.tidemark.dialect.mysql;

import dev.tidemark.schema.ForeignKey;
import dev.tidemark.dialect.nativesql.ReferentialAction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Foreign keys of tables outside a restore that reference a table the restore replaces. RENAME TABLE
 * makes such keys follow the replaced table to its retired name; {@link #repointStatements} point them back at
 * the table's own name once the new table is in place, so dropping the retired table leaves them intact. Their
 * rows must find what they reference in the new table too, which the restore checks before the swap.
 */
final class ReferencingKeys {
    /** A key of table {@code table}, which is outside the restore. */
    record Referencing(String table, ForeignKey key) {
    }

    private ReferencingKeys() {
    }

    /**
     * @param replaced      names of the tables being replaced, as the target spells them
     * @param restoredTable whether a target table (by its name) is part of the restore
     */
    static List<Referencing> find(Connection connection, Set<String> replaced, Predicate<String> restoredTable)
            throws SQLException {
        record Columns(String table, String name, String referencedTable, List<String> columns,
                       List<String> referencedColumns, String onUpdate, String onDelete) {
        }
        Map<String, Columns> keys = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME,"
                + " k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE"
                + " FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r"
                + " ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME"
                + " AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA = DATABASE()"
                + " AND k.REFERENCED_TABLE_SCHEMA = DATABASE() ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                String referenced = rs.getString(4);
                if (restoredTable.test(table) || !replaced.contains(referenced)) {
                    continue;
                }
                String name = rs.getString(2);
                String onUpdate = rs.getString(6);
                String onDelete = rs.getString(7);
                Columns key = keys.computeIfAbsent(table + "\u0000" + name, k -> new Columns(table, name, referenced,
                        new ArrayList<>(), new ArrayList<>(), onUpdate, onDelete));
                key.columns().add(rs.getString(3));
                key.referencedColumns().add(rs.getString(5));
            }
        }
        return keys.values().stream().map(key -> new Referencing(key.table(), new ForeignKey(key.name(), key.columns(),
                key.referencedTable(), key.referencedColumns(), key.onDelete(), key.onUpdate()))).toList();
    }

    /** Statements to run right after the swap, before the retired tables are dropped. */
    static List<String> repointStatements(List<Referencing> keys) {
        List<String> statements = new ArrayList<>();
        for (Referencing referencing : keys) {
            ForeignKey key = referencing.key();
            String table = MysqlDdl.quote(referencing.table());
            // one ALTER cannot drop and re-add a constraint of the same name
            statements.add("ALTER TABLE " + table + " DROP FOREIGN KEY " + MysqlDdl.quote(key.name()));
            statements.add("ALTER TABLE " + table + " ADD CONSTRAINT " + MysqlDdl.quote(key.name()) + " FOREIGN KEY ("
                    + MysqlDdl.quoteAll(key.columns()) + ") REFERENCES " + MysqlDdl.quote(key.referencedTable()) + " ("
                    + MysqlDdl.quoteAll(key.referencedColumns()) + ")" + action("DELETE", key.onDelete())
                    + action("UPDATE", key.onUpdate()));
        }
        return statements;
    }

    /** The server's own rule, read as one of the five actions like every other that reaches DDL. */
    private static String action(String event, String rule) {
        ReferentialAction action = ReferentialAction.parse(rule);
        return action == null || action == ReferentialAction.RESTRICT ? "" : " ON " + event + " " + action.sql();
    }
}
