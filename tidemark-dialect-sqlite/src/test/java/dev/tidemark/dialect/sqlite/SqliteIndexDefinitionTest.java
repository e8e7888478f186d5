package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.nativesql.InvalidSqlException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CREATE INDEX statements as SQLite keeps them, taken apart and rebuilt under a restore's own names. */
class SqliteIndexDefinitionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "CREATE INDEX i ON t(a)|(a)",
            "CREATE INDEX employee_dept ON employee (dept DESC, email)|(dept DESC, email)",
            "CREATE UNIQUE INDEX p ON employee (dept) WHERE dept IS NOT NULL AND id > 100|(dept) WHERE dept IS NOT NULL AND id > 100",
            "CREATE INDEX e ON employee (lower(email) COLLATE NOCASE ASC)|(lower(email) COLLATE NOCASE ASC)",
            "CREATE INDEX \"idx \"\"q\"\"\" ON \"it's \"\"quoted\"\"\" (\"c'd\")|(\"c'd\")",
            "CREATE INDEX IF NOT EXISTS main.[i] ON `t` ([a]) /* c */ WHERE b > 0 -- x|([a]) WHERE b > 0"})
    void statementsAreRebuiltAroundTheRestoresNames(String statement, String rest) {
        assertThat(SqliteIndexDefinition.parse(statement).toSql(false, "\"n\"", "\"t\""))
                .isEqualTo("CREATE INDEX main.\"n\" ON \"t\" " + rest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE canary", "backup to 'x.db'", "restore from 'x.db'",
            "CREATE INDEX i ON t(a); DROP TABLE canary", "CREATE INDEX i ON t(a) WHERE a IN (SELECT 1)",
            "CREATE INDEX i ON t(a)) , (b", "CREATE TABLE i (a)", "CREATE INDEX i ON t(a) WHERE a = ?"})
    void anythingElseIsRefused(String statement) {
        assertThatThrownBy(() -> SqliteIndexDefinition.parse(statement)).isInstanceOf(InvalidSqlException.class);
    }
}
