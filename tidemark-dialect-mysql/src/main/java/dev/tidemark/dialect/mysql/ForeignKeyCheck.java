package dev.tidemark.dialect.mysql;

import dev.tidemark.dialect.ForeignKeyViolation;
import dev.tidemark.schema.ForeignKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One foreign key a restore must hold before its swap. Restores load with {@code foreign_key_checks = 0}, and
 * InnoDB does not check existing rows when a key is added that way (with checks on, adding it would rebuild the
 * whole table), so each key is checked once by an anti-join on the staging tables.
 *
 * @param table   the referencing table as the user knows it, for the message
 * @param fk      the key, with the user's names
 * @param child   the table holding the referencing rows now (a staging table, or a table outside the restore)
 * @param parent  the table holding the referenced rows now (a staging table, or a table outside the restore)
 */
record ForeignKeyCheck(String table, ForeignKey fk, String child, String parent) {
    /** MySQL's and MariaDB's error for a table that does not exist. */
    private static final int NO_SUCH_TABLE = 1146;

    /** @throws dev.tidemark.error.TidemarkException DATABASE_ERROR naming one offending key */
    void run(Connection connection) throws SQLException {
        if (fk.columns().isEmpty() || fk.columns().size() != fk.referencedColumns().size()) {
            return; // not a key the server accepts; adding it fails with the server's own message
        }
        List<String> offending;
        try {
            offending = firstViolation(connection, MysqlDdl.quote(parent));
        } catch (SQLException e) {
            if (e.getErrorCode() != NO_SUCH_TABLE) {
                throw e;
            }
            // with checks off the server accepts a key to a missing table; every complete key then has no match
            offending = firstViolation(connection, null);
        }
        if (offending != null) {
            throw ForeignKeyViolation.of(table, fk, offending);
        }
    }

    private List<String> firstViolation(Connection connection, String quotedParent) throws SQLException {
        String sql = ForeignKeyViolation.firstViolationSql(MysqlDdl::quote, MysqlDdl.quote(child), fk, quotedParent);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= fk.columns().size(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        }
    }
}
