package dev.tidemark.migration;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * One table with a column of every portable type that all three backends store natively, created
 * and filled natively (plain JDBC, no Tidemark) in any backend, with edge values each backend can hold.
 */
final class PortableFixture {
    static final String TABLE = "everything";

    /** How each column compares across backends (see {@link NativeRows}). */
    static final Map<String, NativeRows.Kind> KINDS = Map.of(
            "flag", NativeRows.Kind.BOOLEAN, "moment", NativeRows.Kind.INSTANT,
            "doc", NativeRows.Kind.JSON, "uid", NativeRows.Kind.UUID, "body", NativeRows.Kind.TEXT,
            "label", NativeRows.Kind.TEXT);

    private static final String EDGE_TEXT = "a,b\"c\r\nd\te\\f 🚀 ünï ' \u0001 end ";

    private static final List<Object[]> ROWS = List.of(
            new Object[] {1L, true, (short) -32768, Integer.MIN_VALUE, Long.MIN_VALUE, new BigDecimal("-12345678.123456"),
                    0.1, "Zoë", EDGE_TEXT, new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28, 10, 13},
                    "1969-07-20", "1969-07-20 20:17:40.123456", "2001-09-09 01:46:40.5", "{\"a\": [1, 2.5, null], \"b\": \"x\\\"y\"}",
                    "123e4567-e89b-12d3-a456-426614174000"},
            new Object[] {2L, false, (short) 32767, Integer.MAX_VALUE, Long.MAX_VALUE, new BigDecimal("0.000001"),
                    -2.5e300, "", "", new byte[0],
                    "2099-12-31", "2038-01-19 03:14:08", "2038-01-19 03:14:07.999999", "[]",
                    "ffffffff-ffff-ffff-ffff-ffffffffffff"},
            new Object[] {3L, null, null, null, null, null, null, null, null, null, null, null, null, null, null},
            new Object[] {4L, true, (short) 0, 0, 0L, new BigDecimal("1"), 1.0 / 3, "select", "NULL", new byte[] {0},
                    "2000-02-29", "2000-02-29 00:00:00", "1970-01-01 00:00:01", "{\"emoji\": \"🚀\"}",
                    "00000000-0000-0000-0000-000000000000"});

    private PortableFixture() {
    }

    static void create(ScratchDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            try (Statement s = c.createStatement()) {
                if (db.backend() == Backend.MARIADB) {
                    s.execute("SET time_zone = '+00:00'");
                }
                s.execute(ddl(db.backend()));
            }
            try (PreparedStatement insert = c.prepareStatement(insert(db.backend()))) {
                for (Object[] row : ROWS) {
                    bind(insert, row, db.backend());
                    insert.executeUpdate();
                }
            }
        }
    }

    private static String ddl(Backend backend) {
        return switch (backend) {
            case SQLITE -> "CREATE TABLE everything (id INTEGER PRIMARY KEY, flag BOOLEAN, small SMALLINT, num INTEGER,"
                    + " big BIGINT, amount DECIMAL(20,6), ratio DOUBLE, label VARCHAR(100), body TEXT, data BLOB,"
                    + " day DATE, at TIMESTAMP, moment TIMESTAMPTZ, doc JSON, uid UUID)";
            case POSTGRESQL -> "CREATE TABLE everything (id bigint PRIMARY KEY, flag boolean, small smallint, num integer,"
                    + " big bigint, amount numeric(20,6), ratio double precision, label varchar(100), body text, data bytea,"
                    + " day date, at timestamp(6), moment timestamptz(6), doc jsonb, uid uuid)";
            case MARIADB -> "CREATE TABLE everything (id BIGINT PRIMARY KEY, flag BOOLEAN, small SMALLINT, num INT,"
                    + " big BIGINT, amount DECIMAL(20,6), ratio DOUBLE, label VARCHAR(100), body TEXT, data BLOB,"
                    + " day DATE, at DATETIME(6), moment TIMESTAMP(6) NULL, doc JSON, uid UUID)";
        };
    }

    private static String insert(Backend backend) {
        if (backend == Backend.POSTGRESQL) {
            return "INSERT INTO everything VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS date), CAST(? AS timestamp),"
                    + " CAST(? AS timestamptz), CAST(? AS jsonb), CAST(? AS uuid))";
        }
        return "INSERT INTO everything VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private static void bind(PreparedStatement insert, Object[] row, Backend backend) throws SQLException {
        int[] types = {Types.BIGINT, Types.BOOLEAN, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL,
                Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.VARBINARY, Types.VARCHAR, Types.VARCHAR,
                Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            if (i == 12 && value != null && backend != Backend.MARIADB) {
                value = value + "+00";
            }
            if (value == null) {
                insert.setNull(i + 1, types[i]);
            } else {
                insert.setObject(i + 1, value);
            }
        }
    }
}
