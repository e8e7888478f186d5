package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;

/**
 * Restore connections run DDL one statement at a time, in the extended protocol, with standard conforming
 * strings whatever the server's configuration, so a string can never carry a second statement to the server.
 */
class PostgresStatementsTest {
    private ScratchDatabase db;

    @BeforeEach
    void createCanary() throws Exception {
        db = new ScratchDatabase();
        db.execute("CREATE TABLE canary (id integer)", "INSERT INTO canary VALUES (1)",
                "ALTER DATABASE " + db.name + " SET standard_conforming_strings = off");
    }

    @AfterEach
    void drop() throws Exception {
        db.close();
    }

    @Test
    void aStringHoldingTwoStatementsIsRefusedAndNeitherRuns() throws Exception {
        try (Connection connection = db.dialect().connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> PostgresStatements.execute(statement, "CREATE TABLE a (x int); DROP TABLE canary"))
                    .isInstanceOfSatisfying(TidemarkException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID));
        }
        assertThat(db.single("SELECT count(*) FROM canary")).isEqualTo("1");
        assertThat(db.single("SELECT to_regclass('a')::text")).isNull();
    }

    @Test
    void restoreConnectionsReadBackslashesAsPlainCharactersAndUseTheExtendedProtocol() throws Exception {
        try (Connection connection = db.dialect().connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SHOW standard_conforming_strings")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
            assertThat(connection.unwrap(PGConnection.class).getPreferQueryMode()).isEqualTo(PreferQueryMode.EXTENDED);
            // without standard conforming strings the literal would end after '\'' and the DROP would run
            PostgresStatements.execute(statement, "CREATE TABLE a (x text DEFAULT '\\''); DROP TABLE canary; --')");
        }
        assertThat(db.single("SELECT count(*) FROM canary")).isEqualTo("1");
        db.execute("INSERT INTO a DEFAULT VALUES");
        assertThat(db.single("SELECT x FROM a")).isEqualTo("\\'); DROP TABLE canary; --");
    }
}
