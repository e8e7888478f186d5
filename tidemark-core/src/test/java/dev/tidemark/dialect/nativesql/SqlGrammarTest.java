package dev.tidemark.dialect.nativesql;

import static dev.tidemark.dialect.nativesql.SqlLexicon.MYSQL;
import static dev.tidemark.dialect.nativesql.SqlLexicon.POSTGRESQL;
import static dev.tidemark.dialect.nativesql.SqlLexicon.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grammars accept what the backends' catalogs print (pg_get_expr, format_type, information_schema, SQLite's
 * pragmas, taken from PostgreSQL 15, MariaDB 10.11 and SQLite 3) and give it back token for token; they refuse
 * everything that could end the statement, open a query or slip a clause into the DDL around it.
 */
class SqlGrammarTest {

    @ParameterizedTest
    @ValueSource(strings = {"nextval('orders_id_seq'::regclass)", "'x'::text", "now()", "'{}'::text[]", "0", "'sad'::mood",
            "CURRENT_TIMESTAMP(3)", "(upper(md5('x'::text)))::character(4)", "'1 day'::interval day to second(3)",
            "'{}'::jsonb", "'-1'::integer", "'101'::\"bit\"", "gen_random_uuid()", "EXTRACT(epoch FROM now())",
            "CURRENT_USER", "(now() AT TIME ZONE 'utc'::text)", "('a'::text COLLATE \"C\")", "(1 IS DISTINCT FROM 2)",
            "SUBSTRING('abc'::text FROM 1 FOR 2)", "TRIM(BOTH 'x'::text FROM 'xax'::text)", "TRIM(BOTH FROM 'x')",
            "POSITION(('a'::text) IN ('ba'::text))", "'a'::\"char\"", "ARRAY[1, 2]", "'15000000000'::numeric",
            "'it''s \\ x'::text", "CASE\n    WHEN (random() > (0.5)::double precision) THEN 'a'::text\n    ELSE 'b'::text\nEND",
            "'a'::public.\"MyEnum\"", "ARRAY[]::integer[]", "ARRAY[ARRAY[1, 2], ARRAY[3, 4]]", "NULL::character varying",
            "(date_part('epoch'::text, now()))::integer", "'2020-01-01 00:00:00'::timestamp without time zone",
            "'12:00:00'::time(3) with time zone", "'1'::numeric(10,2)", "interval '1 day'", "CAST('1' AS integer)",
            "COALESCE(NULL, 1)", "(1 + (2 * 3))", "(- 1)", "true", "ROW(1, 2)", "(x).y", "arr[1:2]", "f(a => 1)",
            "1 OPERATOR(pg_catalog.+) 2"})
    void postgresDefaultsAreAcceptedAsTheyAre(String expression) {
        assertThat(SqlGrammar.defaultExpression(expression, POSTGRESQL)).isEqualTo(expression.replaceAll("\\s+", " "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(note IS NOT NULL)", "((price > (0)::numeric) AND ((email)::text !~~ 'x%'::text)"
            + " AND (note = ANY (ARRAY['a'::text, 'b'::text])) AND ((note >= 'a'::text) AND (note <= 'z'::text))"
            + " AND (note ~~ 'a%'::text) AND (note ~ similar_to_escape('a'::text)) AND (j ? 'k'::text)"
            + " AND (tags[1] IS NOT NULL) AND (((j ->> 'a'::text))::integer > 1))",
            "((tags[1:2] = '{a}'::text[]) AND (ROW(1, 2) IS NOT NULL) AND (note ~ 'a'::text) AND (NOT (price IS NULL)))",
            "(deleted_at IS NULL)", "(comment IS NOT NULL)", "(update > 0)", "note COLLATE \"C\" > 'a'",
            "x NOT IN (1, 2)", "x NOT BETWEEN SYMMETRIC 1 AND 2", "x NOT ILIKE 'a'", "x SIMILAR TO 'a'", "x IS NOT TRUE",
            "x ISNULL", "(a, b) OVERLAPS (c, d)", "x @> ARRAY['a'::text]", "x = ANY (y)", "x = ALL (y)"})
    void postgresPredicatesAreAccepted(String predicate) {
        assertThat(SqlGrammar.predicate(predicate, POSTGRESQL)).isEqualTo(predicate);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "now(); DROP TABLE canary; --|unexpected ';'",
            "now() -- x|unexpected comment",
            "now() /* x */|unexpected comment",
            "$$x$$|unexpected '$' (dollar quoting or a parameter)",
            "$1|unexpected '$' (dollar quoting or a parameter)",
            "E'\\''; DROP TABLE canary; --'|unexpected string prefix E",
            "U&'\\0041'|unexpected Unicode escape literal U&",
            "'a' = 'b''; DROP TABLE canary; --|unterminated string literal",
            "(SELECT 1)|unexpected keyword SELECT",
            "ARRAY(SELECT 1)|unexpected keyword ARRAY",
            "EXISTS (SELECT 1)|unexpected keyword EXISTS",
            "(TABLE canary)|unexpected keyword TABLE",
            "(VALUES (1))|unexpected keyword VALUES",
            "(WITH x AS (DELETE FROM canary) SELECT 1)|unexpected keyword WITH",
            "now())|unexpected ')'",
            "(now()|unexpected end, expected ')'",
            "1, x integer|unexpected ','",
            "1 CHECK (false)|unexpected keyword CHECK",
            "1 REFERENCES canary|unexpected keyword REFERENCES",
            "1 NOT NULL|unexpected keyword NOT",
            "'a' COLLATE \"C\"|unexpected keyword COLLATE",
            "DROP TABLE canary|unexpected keyword DROP",
            "1 GENERATED ALWAYS AS (2) STORED|unexpected keyword GENERATED",
            "x := 1|unexpected ':='",
            "1abc|unexpected 'a' after the number 1",
            "a\\b|unexpected backslash",
            "f(\u0000)|unexpected character U+0000",
            "\"\"|empty quoted name",
            "|unexpected end"})
    void postgresDefaultsThatCouldBreakOutAreRefused(String expression, String reason) {
        assertRefused((text, lexicon) -> SqlGrammar.defaultExpression(text, lexicon), expression == null ? "" : expression,
                POSTGRESQL, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"integer", "character varying(100)", "timestamp(3) with time zone", "timestamp without time zone",
            "numeric(10,2)", "text[]", "integer[3]", "mood[]", "\"MyEnum\"", "public.\"MyEnum\"", "public.geometry(Point,4326)",
            "double precision", "bit varying(5)", "\"char\"", "interval day to second(3)", "interval(3)", "interval year to month",
            "character(4)", "character varying(20)[]", "time(0) with time zone"})
    void postgresTypeNamesAreAccepted(String type) {
        assertThat(SqlGrammar.typeName(type, POSTGRESQL)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "text; DROP TABLE canary|unexpected ';'",
            "text DEFAULT 'a'|unexpected keyword DEFAULT",
            "text REFERENCES canary|unexpected keyword REFERENCES",
            "text) , x (y text|unexpected ')'",
            "text COLLATE \"C\"|unexpected keyword COLLATE",
            "varchar(10; DROP|unexpected ';'",
            "varchar(SELECT)|unexpected keyword SELECT in a type modifier",
            "SELECT|unexpected keyword SELECT, expected a type name",
            "text NOT NULL|unexpected keyword NOT"})
    void postgresTypeNamesWithMoreAreRefused(String type, String reason) {
        assertRefused(SqlGrammar::typeName, type, POSTGRESQL, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'x'", "current_timestamp(3)", "0.50", "'a'", "uuid()", "0000000005", "b'101'", "concat('a','b')",
            "(current_timestamp() + interval 1 day)", "'it''s'", "(1 + 2)", "'\\\\0a'", "-1500", "json_object('a',1)",
            "ucase(_utf8mb4'x')", "NULL", "'a\\'b'", "x'00ff'", "current_timestamp()", "cast(1 as unsigned)",
            "convert('a' using utf8mb4)", "1 div 2", "`a` <=> `b`", "('x' collate utf8mb4_bin = 'y') or 1"})
    void mysqlDefaultsAreAccepted(String expression) {
        assertThat(SqlGrammar.defaultExpression(expression, MYSQL)).isEqualTo(expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "'x'; DROP TABLE canary|unexpected ';'",
            "'x\\'; DROP TABLE canary; --|unterminated string literal",
            "1 /*!50000 , x int */|unexpected executable comment",
            "1 /*M!100000 , x int */|unexpected executable comment",
            "1 # x|unexpected comment",
            "1 -- x|unexpected comment",
            "@x|unexpected '@' (a parameter or variable)",
            "@@version|unexpected '@' (a parameter or variable)",
            "\"x\"|unexpected '\"'",
            "'x' COLLATE utf8mb4_bin|unexpected keyword COLLATE",
            "1 COMMENT 'x'|unexpected keyword COMMENT",
            "1 ON UPDATE now()|unexpected keyword ON",
            "(SELECT 1)|unexpected keyword SELECT",
            "x := 1|unexpected ':' (a parameter or variable)"})
    void mysqlDefaultsThatCouldBreakOutAreRefused(String expression, String reason) {
        assertRefused((text, lexicon) -> SqlGrammar.defaultExpression(text, lexicon), expression, MYSQL, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int(11)", "int(10) unsigned zerofill", "decimal(10,2) unsigned", "tinyint(1)",
            "varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", "enum('a','b''c','d\\\\e') CHARACTER SET utf8mb4"
            + " COLLATE utf8mb4_general_ci", "set('x','y')", "datetime(3)", "double", "bit(3)", "inet6", "longtext",
            "char(36) CHARACTER SET ascii COLLATE ascii_general_ci", "json", "uuid"})
    void mysqlTypeNamesAreAccepted(String type) {
        assertThat(SqlGrammar.typeName(type, MYSQL)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "int; DROP TABLE canary|unexpected ';'",
            "int COMMENT 'x'|unexpected keyword COMMENT",
            "int /*!, x int */|unexpected executable comment",
            "int NOT NULL|unexpected keyword NOT",
            "enum('a'); DROP TABLE canary|unexpected ';'",
            "varchar(10) CHARACTER SET utf8mb4 DEFAULT 'x'|unexpected keyword DEFAULT"})
    void mysqlTypeNamesWithMoreAreRefused(String type, String reason) {
        assertRefused(SqlGrammar::typeName, type, MYSQL, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'x'", "datetime('now')", "-1", "x'00ff'", "CURRENT_TIMESTAMP", "(1+2)", "+5", "'it''s'", "NULL",
            "lower(\"a\") COLLATE NOCASE", "x NOT NULL", "x IS y", "[a] GLOB 'b*'", "`a` -> '$.x'", "0x1F"})
    void sqliteExpressionsAreAccepted(String expression) {
        assertThat(SqlGrammar.predicate(expression, SQLITE)).isEqualTo(expression);
    }

    @Test
    void sqliteCommentsReadAsWhitespaceAndAreNotWrittenOut() {
        assertThat(SqlGrammar.predicate("1 /* c */ + 2", SQLITE)).isEqualTo("1 + 2");
        assertThat(SqlGrammar.predicate("1 -- c\n + 2", SQLITE)).isEqualTo("1 + 2");
        // written out without the comments, the two minus signs must not become a comment
        assertThat(SqlGrammar.predicate("1/**/-/**/-2", SQLITE)).isEqualTo("1 - -2");
        assertThat(SqlGrammar.predicate("1 /* ; DROP TABLE canary; */", SQLITE)).isEqualTo("1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "1; ATTACH DATABASE '/tmp/x' AS x|unexpected ';'",
            "?1|unexpected '?' (a parameter or variable)",
            ":x|unexpected ':' (a parameter or variable)",
            "$x|unexpected '$'",
            "x IN canary|unexpected name canary",
            "(SELECT 1)|unexpected keyword SELECT",
            "1 /* x */ ; DROP TABLE canary|unexpected ';'"})
    void sqliteExpressionsThatCouldBreakOutAreRefused(String expression, String reason) {
        assertRefused(SqlGrammar::predicate, expression, SQLITE, reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INTEGER", "VARCHAR(10)", "NUMERIC(10,2)", "UNSIGNED BIG INT", "DECIMAL TEXT(10,2)", "my type",
            "DOUBLE PRECISION", "INT(+5, -2)"})
    void sqliteTypeNamesAreAccepted(String type) {
        assertThat(SqlGrammar.typeName(type, SQLITE)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "TEXT); DROP TABLE canary|unexpected ';'",
            "TEXT), x TEXT|unexpected ')'",
            "TEXT NOT NULL|unexpected keyword NOT",
            "TEXT DEFAULT 1|unexpected keyword DEFAULT",
            "TEXT REFERENCES canary|unexpected keyword REFERENCES",
            "INT(10) UNSIGNED|unexpected keyword UNSIGNED"})
    void sqliteTypeNamesWithMoreAreRefused(String type, String reason) {
        assertRefused(SqlGrammar::typeName, type, SQLITE, reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {"cascade|CASCADE", "SET_NULL|SET NULL", " set  default |SET DEFAULT",
            "No Action|NO ACTION", "RESTRICT|RESTRICT"})
    void referentialActionsAreTheFiveOfSql(String text, String sql) {
        assertThat(ReferentialAction.parse(text).sql()).isEqualTo(sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CASCADE; DROP TABLE canary", "CASCADE ON UPDATE CASCADE", "DROP", ""})
    void anyOtherReferentialActionIsRefused(String text) {
        assertThatThrownBy(() -> ReferentialAction.parse(text)).isInstanceOf(InvalidSqlException.class)
                .hasMessage("not one of NO ACTION, RESTRICT, CASCADE, SET NULL, SET DEFAULT");
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 10_000})
    void deeplyNestedExpressionsAreRefused(int depth) {
        assertRefused(SqlGrammar::predicate, "(".repeat(depth) + "1" + ")".repeat(depth), POSTGRESQL,
                "expression nested too deeply");
    }

    @Test
    void noNestingExhaustsTheStack() {
        int depth = 10_000;
        assertRefused(SqlGrammar::predicate, "ARRAY" + "[".repeat(depth) + "1" + "]".repeat(depth), POSTGRESQL,
                "expression nested too deeply");
        assertRefused(SqlGrammar::predicate, "f(".repeat(depth) + ")".repeat(depth), SQLITE, "expression nested too deeply");
        assertRefused(SqlGrammar::predicate, "now() + " + "INTERVAL ".repeat(depth) + "1" + " DAY".repeat(depth), MYSQL,
                "expression nested too deeply");
        assertRefused(SqlGrammar::predicate, "CASE WHEN ".repeat(depth) + "1", SQLITE, "expression nested too deeply");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30})
    void moderatelyNestedExpressionsAreAccepted(int depth) {
        String nested = "(".repeat(depth) + "1" + ")".repeat(depth);
        assertThat(SqlGrammar.predicate(nested, POSTGRESQL)).isEqualTo(nested);
    }

    private static void assertRefused(BiFunction<String, SqlLexicon, String> grammar, String text, SqlLexicon lexicon,
                                      String reason) {
        assertThatThrownBy(() -> grammar.apply(text, lexicon)).isInstanceOf(InvalidSqlException.class).hasMessage(reason);
    }
}
