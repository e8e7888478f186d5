package dev.tidemark.dialect.postgres;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;

/**
 * Runs the DDL of a restore one statement at a time. pgjdbc splits a string at every {@code ;} outside literals
 * and comments and runs each part, so a string it would split is refused here, by pgjdbc's own parser, before it
 * reaches the server. What is left is sent as one extended-protocol Parse message (the connections never use the
 * simple protocol, see {@link PostgresDialect#connect}), which the server refuses when it holds more than one
 * statement: should pgjdbc and the server ever read a string differently, the second statement still does not run.
 */
final class PostgresStatements {
    private PostgresStatements() {
    }

    static void execute(Statement statement, String sql) throws SQLException {
        boolean standardStrings = statement.getConnection().unwrap(BaseConnection.class).getStandardConformingStrings();
        if (Parser.parseJdbcSql(sql, standardStrings, false, true, false, false).size() != 1) {
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID,
                    "refusing to run DDL that holds more than one SQL statement",
                    "the snapshot was altered or is damaged; restore another snapshot");
        }
        statement.execute(sql);
    }
}
