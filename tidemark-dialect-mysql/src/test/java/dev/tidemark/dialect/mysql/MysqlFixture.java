package dev.tidemark.dialect.mysql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A database created natively in MariaDB that covers every mapped type with edge values. */
final class MysqlFixture {
    /** Tables of the fixture and the ORDER BY that lists their rows deterministically. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("Order", "`Id`");
        TABLES.put("order_line", "`Order`, `line`");
        TABLES.put("all_types", "id");
        TABLES.put("tree", "id");
        TABLES.put("no_key", "n, note");
        TABLES.put("empty", "id");
    }

    private MysqlFixture() {
    }

    static void create(ScratchDatabase db) throws SQLException {
        db.execute(
                "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO'",
                "CREATE TABLE `Order` (`Id` int NOT NULL AUTO_INCREMENT, `select` varchar(100) COLLATE utf8mb4_bin NOT NULL"
                        + " DEFAULT 'it''s', `MixedCase` text, `when` datetime DEFAULT current_timestamp(),"
                        + " `flag` tinyint(1) NOT NULL DEFAULT 1, PRIMARY KEY (`Id`), UNIQUE KEY `uq_select` (`select`),"
                        + " FULLTEXT KEY `ft_mixed` (`MixedCase`)) ENGINE=InnoDB AUTO_INCREMENT=1000",
                "CREATE TABLE order_line (`Order` int NOT NULL, `line` smallint NOT NULL, sku varchar(300) NOT NULL,"
                        + " PRIMARY KEY (`Order`, `line`), KEY sku_prefix (sku(20)),"
                        + " CONSTRAINT fk_line_order FOREIGN KEY (`Order`) REFERENCES `Order` (`Id`) ON DELETE CASCADE)",
                "CREATE TABLE all_types (id int PRIMARY KEY, b tinyint(1), ti tinyint, tiu tinyint unsigned, si smallint,"
                        + " siu smallint unsigned, mi mediumint, i int, iu int unsigned, bi bigint, biu bigint unsigned,"
                        + " d decimal(38,10), d0 decimal(65,0), f float, db double, c char(10), vc varchar(255), tx text,"
                        + " lt longtext CHARACTER SET latin1, bin binary(4), vb varbinary(100), bl blob, dt date, tm time(6),"
                        + " dtm datetime(6), ts timestamp(6) NULL DEFAULT NULL, y year, j json, u uuid,"
                        + " e enum('small','medium','large','it''s','back\\\\slash'), st set('a','b','c'), bt bit(10))",
                "CREATE TABLE tree (id bigint PRIMARY KEY, parent_id bigint, label varchar(20), spot point NULL,"
                        + " CONSTRAINT fk_tree_parent FOREIGN KEY (parent_id) REFERENCES tree (id) ON DELETE SET NULL ON UPDATE CASCADE)",
                "CREATE TABLE no_key (n int, note varchar(50))",
                "CREATE TABLE empty (id int PRIMARY KEY, v varchar(10) DEFAULT 'x\\\\y''z', b bit(3) DEFAULT b'101',"
                        + " y year DEFAULT 2024, e enum('a','b') DEFAULT 'b', d decimal(5,2) DEFAULT 1.50,"
                        + " ts timestamp(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),"
                        + " bl blob DEFAULT 'ab', dt datetime DEFAULT '2000-01-01 00:00:00', js json DEFAULT '{}',"
                        + " f double DEFAULT -1.5e-10, n int DEFAULT NULL, u uuid DEFAULT uuid())",
                "CREATE VIEW v_orders AS SELECT `Id` FROM `Order`",
                "INSERT INTO `Order` (`Id`, `select`, `MixedCase`, `when`, `flag`) VALUES"
                        + " (0, 'zero id', 'survives NO_AUTO_VALUE_ON_ZERO', '2024-02-29 12:00:00', 0),"
                        + " (1, 'quote'' \"dq\", comma, CR\\r LF\\n tab\\t backslash\\\\ é 中 😀', '', NULL, 1),"
                        + " (2, '\\\\N', '\\\\N', '1969-12-31 23:59:59', 1)",
                "INSERT INTO order_line VALUES (1, 1, 'A-1'), (1, 2, 'B-2'), (2, 1, 'C')",
                "INSERT INTO all_types (id) VALUES (1)",
                "INSERT INTO all_types VALUES (2, 0, -128, 0, -32768, 0, -8388608, -2147483648, 0, -9223372036854775808, 0,"
                        + " -0.0000000001, -99999999999999999999999999999999999999999999999999999999999999999,"
                        + " -3.4028234663852886e38, -1.7976931348623157e308, '', '', '', '', x'00000000', x'', x'', '1000-01-01',"
                        + " '-838:59:59', '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01', 1901, '[]',"
                        + " '00000000-0000-0000-0000-000000000000', 'small', '', b'0')",
                "INSERT INTO all_types VALUES (3, 1, 127, 255, 32767, 65535, 8388607, 2147483647, 4294967295,"
                        + " 9223372036854775807, 18446744073709551615, 1234567890123456789012345678.0123456789,"
                        + " 99999999999999999999999999999999999999999999999999999999999999999, 1.17549435e-38, 4.9e-324,"
                        + " 'ten chars!', 'tab\\there\\nline \\\\ \\\\N \"q\" ''s'' ,;', 'emoji 😀 and 中文',"
                        + " 'latin1 café', x'00ff80fe', x'00c328ff0a09', x'5c4e00', '9999-12-31', '838:59:59.000000',"
                        + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 2155,"
                        + " '{\"a\": [1, 2.50, \"x\\\\u00e9\"], \"b\": null,  \"c\": \"tab\\\\t\"}',"
                        + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'it''s', 'a,c', b'1111111111')",
                "INSERT INTO all_types (id, f, db, dt, dtm, tm, y, d) VALUES (4, 0.1, 0.1, '1969-07-20',"
                        + " '1900-01-01 00:00:00.000001', '23:59:59.999999', 0, 0.5),"
                        + " (5, 16777217, 1e300, '0000-00-00', '0000-00-00 00:00:00', '00:00:00', NULL, 12.5)",
                "INSERT INTO tree VALUES (1, NULL, 'root', POINT(1.5, -2)), (2, 1, 'child', NULL), (3, 2, 'grandchild', NULL),"
                        + " (4, 4, 'self', POINT(0.1, 1e10))",
                "INSERT INTO no_key VALUES (1, 'dup'), (1, 'dup'), (NULL, NULL), (2, '')");
    }
}
