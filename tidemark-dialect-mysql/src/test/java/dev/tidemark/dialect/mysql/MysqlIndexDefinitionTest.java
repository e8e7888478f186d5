package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.dialect.nativesql.InvalidSqlException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The index statements the MySQL schema reader writes, taken apart and rebuilt under a restore's own names. */
class MysqlIndexDefinitionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "CREATE INDEX `body_prefix` ON `orders` (`body`(10), `note`)|CREATE INDEX `i` ON `_tm_x_s0` (`body`(10), `note`)",
            "CREATE UNIQUE INDEX `u` ON `orders` (`a``b`(3) DESC)|CREATE UNIQUE INDEX `i` ON `_tm_x_s0` (`a``b`(3) DESC)",
            "CREATE FULLTEXT INDEX `ft` ON `orders` (`note`)|CREATE FULLTEXT INDEX `i` ON `_tm_x_s0` (`note`)",
            "CREATE SPATIAL INDEX `sp` ON `orders` (`g`)|CREATE SPATIAL INDEX `i` ON `_tm_x_s0` (`g`)"})
    void statementsAreRebuiltAroundTheRestoresNames(String statement, String rebuilt) {
        assertThat(MysqlIndexDefinition.parse(statement).toSql("i", "_tm_x_s0")).isEqualTo(rebuilt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE canary", "CREATE INDEX `i` ON `t` (`a`(10)); DROP TABLE canary",
            "CREATE INDEX `i` ON `t` (`a`) /*!99999, ALGORITHM=COPY */", "CREATE INDEX `i` ON `t` ((a + 1))",
            "CREATE INDEX `i` ON `t` (`a`(x))", "CREATE INDEX `i` ON `t` (`a`) USING BTREE", "CREATE INDEX `i` ON `t` (`a`) # x"})
    void anythingElseIsRefused(String statement) {
        assertThatThrownBy(() -> MysqlIndexDefinition.parse(statement)).isInstanceOf(InvalidSqlException.class);
    }
}
