package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Restore connections leave multi-statement queries off: the server runs no second statement of a string. */
class MysqlMultiStatementTest {

    @Test
    void aStringHoldingTwoStatementsRunsNeither() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            db.execute("CREATE TABLE canary (id int)", "INSERT INTO canary VALUES (1)");
            MysqlConnectionString target = MysqlConnectionString.parse(db.url()).orElseThrow();
            assertThat(target.driverProperties(true)).containsEntry("allowMultiQueries", "false");
            try (Connection connection = MysqlConnections.open(target, true); Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute("CREATE TABLE a (x int); DROP TABLE canary"))
                        .isInstanceOf(SQLException.class);
            }
            try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                         + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('canary', 'a')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
