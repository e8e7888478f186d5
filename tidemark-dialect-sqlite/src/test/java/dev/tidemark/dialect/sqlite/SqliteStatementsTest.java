package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.nativesql.InvalidSqlException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore DDL runs one statement at a time: a string holding a second one is refused, not cut short. */
class SqliteStatementsTest {
    @TempDir
    Path dir;

    @Test
    void aStringHoldingTwoStatementsIsRefusedAndNeitherRuns() throws Exception {
        Path file = dir.resolve("t.db");
        SqliteTestDb.exec(file, "CREATE TABLE canary (id integer)");
        try (Connection connection = SqliteTestDb.connect(file); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> SqliteStatements.execute(statement, "CREATE TABLE a (x); DROP TABLE canary"))
                    .isInstanceOf(InvalidSqlException.class).hasMessage("unexpected ';'");
            SqliteStatements.execute(statement, "CREATE TABLE b (x DEFAULT ';')");
        }
        assertThat(SqliteTestDb.query(file, "SELECT name FROM sqlite_schema ORDER BY name")).containsExactly("b", "canary");
    }
}
