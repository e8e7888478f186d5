package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.InMemoryRows;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.Collation;
import dev.tidemark.source.KeyRange;

class SqliteValueScanTest {
    /** One column per kind of declared type: every portable type, and DECIMAL with both affinities. */
    private static final String[] DECLARED = {
        "INTEGER", "SMALLINT", "BIGINT", "BOOLEAN", "NUMERIC(12,2)", "DECIMAL TEXT(30,10)", "REAL", "DOUBLE",
        "BLOB", "", "JSON", "GEOMETRY", "VARCHAR(10)", "TEXT", "CHAR(3)", "DATE", "TIME", "TIMESTAMP",
        "TIMESTAMPTZ", "UUID",
    };

    /** Values of every storage class, including the edges of each; column affinity converts some on insert. */
    private static final Object[] VALUES = {
        null, 0L, 1L, 2L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 40_000L, 3_000_000_000L, 0.5, 1.0, -0.0, 1e300,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "", "abc", "1", "1.5", " 1", "2024-01-01", "1e999",
        new byte[0], new byte[] {0}, new byte[] {'1'},
    };

    @TempDir
    Path dir;

    @Test
    void misfitConditionsFollowTheStorageClassRulesForEveryStoredValue() throws Exception {
        Path file = dir.resolve("matrix.db");
        StringBuilder create = new StringBuilder("CREATE TABLE m (");
        for (int i = 0; i < DECLARED.length; i++) {
            create.append(i > 0 ? ", " : "").append("c").append(i).append(' ').append(DECLARED[i]);
        }
        SqliteTestDb.exec(file, create.append(')').toString());
        try (Connection c = SqliteTestDb.connect(file)) {
            String placeholders = String.join(",", java.util.Collections.nCopies(DECLARED.length, "?"));
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO m VALUES (" + placeholders + ")")) {
                for (Object value : VALUES) {
                    for (int i = 0; i < DECLARED.length; i++) {
                        insert.setObject(i + 1, value);
                    }
                    insert.executeUpdate();
                }
            }
            int checked = 0;
            for (int i = 0; i < DECLARED.length; i++) {
                String column = "c" + i;
                ColumnType type = SqliteTypeMapping.portable(DECLARED[i], false);
                String condition = SqliteTypeMapping.misfitCondition(column, type);
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT typeof(" + column
                        + "), " + column + ", coalesce(" + condition + ", 0) FROM m ORDER BY rowid")) {
                    while (rs.next()) {
                        String storageClass = rs.getString(1);
                        Object value = rs.getObject(2);
                        assertThat(rs.getInt(3) == 1)
                                .as("declared '%s', %s value %s", DECLARED[i], storageClass, value)
                                .isEqualTo(isMisfit(type, storageClass, value));
                        checked++;
                    }
                }
            }
            assertThat(checked).isEqualTo(DECLARED.length * VALUES.length);
        }
    }

    /** The rule of docs/TYPES.md, written out by storage class. */
    private static boolean isMisfit(ColumnType type, String storageClass, Object value) {
        if (storageClass.equals("null")) {
            return false;
        }
        SqliteAffinity affinity = SqliteAffinity.of(type.nativeType());
        return switch (type.type()) {
            case SMALLINT, INTEGER, BIGINT -> !storageClass.equals("integer");
            case BOOLEAN -> !(storageClass.equals("integer") && (((Number) value).longValue() == 0
                    || ((Number) value).longValue() == 1));
            case DECIMAL -> affinity.convertsNumericText()
                    ? !(storageClass.equals("integer")
                            || storageClass.equals("real") && !((Double) value).isInfinite())
                    : !storageClass.equals("text");
            case REAL, DOUBLE -> !storageClass.equals("real");
            case BINARY -> !storageClass.equals("blob");
            case JSON -> !storageClass.equals("text") && !storageClass.equals("integer");
            case NATIVE -> affinity == SqliteAffinity.INTEGER || affinity == SqliteAffinity.NUMERIC
                    ? !storageClass.equals("text") && !storageClass.equals("integer") : !storageClass.equals("text");
            default -> !storageClass.equals("text");
        };
    }

    @Test
    void columnsAreWidenedOrCarriedAsLiteralsOnlyWhereTheValuesRequireIt() throws Exception {
        Path file = dir.resolve("fit.db");
        SqliteTestDb.exec(file,
                "CREATE TABLE clean (id INTEGER PRIMARY KEY, s SMALLINT, i INTEGER, b BOOLEAN, t TEXT)",
                "INSERT INTO clean VALUES (1, -32768, 2147483647, 1, 'x'), (2, NULL, NULL, NULL, NULL)",
                "CREATE TABLE wide (id INTEGER PRIMARY KEY, s_to_int SMALLINT, s_to_big SMALLINT, i_to_big INT,"
                        + " i_mixed INTEGER)",
                "INSERT INTO wide VALUES (1, 40000, 1, -2147483649, 'text'), (2, 0, 3000000000, 0, 5)",
                // DESC keeps the column out of the rowid: it can hold text like any other column
                "CREATE TABLE desc_key (k INTEGER PRIMARY KEY DESC, v TEXT)",
                "INSERT INTO desc_key VALUES ('not a number', 'a'), (2, 'b')",
                "CREATE TABLE strict_wide (id INTEGER PRIMARY KEY, n INTEGER, v ANY) STRICT",
                "INSERT INTO strict_wide VALUES (1, 3000000000, 1), (2, 1, 'x')");
        Schema schema;
        List<String> warnings;
        try (Connection c = SqliteTestDb.connect(file)) {
            SqliteSchemaReader reader = new SqliteSchemaReader(c);
            schema = reader.read();
            warnings = reader.warnings();
        }
        Table clean = schema.table("clean").orElseThrow();
        assertThat(types(clean)).containsExactly(PortableType.BIGINT, PortableType.SMALLINT, PortableType.INTEGER,
                PortableType.BOOLEAN, PortableType.TEXT);
        assertThat(clean.options()).doesNotContainKey(SqliteSchemaReader.OPTION_LITERAL_PREFIX + "t");

        Table wide = schema.table("wide").orElseThrow();
        assertThat(types(wide)).containsExactly(PortableType.BIGINT, PortableType.INTEGER, PortableType.BIGINT,
                PortableType.BIGINT, PortableType.NATIVE);
        assertThat(wide.options()).containsEntry(SqliteSchemaReader.OPTION_LITERAL_PREFIX + "i_mixed", "true")
                .doesNotContainKey(SqliteSchemaReader.OPTION_LITERAL_PREFIX + "s_to_int");

        Table descKey = schema.table("desc_key").orElseThrow();
        assertThat(descKey.options()).containsEntry(SqliteSchemaReader.OPTION_LITERAL_PREFIX + "k", "true");

        Table strictWide = schema.table("strict_wide").orElseThrow();
        assertThat(types(strictWide)).containsExactly(PortableType.BIGINT, PortableType.BIGINT,
                PortableType.NATIVE);

        assertThat(warnings).anyMatch(w -> w.contains("wide.i_mixed")).anyMatch(w -> w.contains("desc_key.k"))
                .anyMatch(w -> w.contains("strict_wide.v")).noneMatch(w -> w.contains("clean."));
    }

    @Test
    void aColumnWithACollationUnknownToTheSnapshotIsStillExportedAndZeroIsNotNull() throws Exception {
        Path file = dir.resolve("collation.db");
        try (Connection c = SqliteTestDb.connect(file)) {
            Collation.create(c, "reverse", new Collation() {
                @Override
                protected int xCompare(String left, String right) {
                    return right.compareTo(left);
                }
            });
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, t TEXT COLLATE reverse,"
                        + " b BOOLEAN COLLATE reverse, n SMALLINT COLLATE reverse)");
                st.execute("INSERT INTO c VALUES (1, 'a', 1, 7), (2, NULL, 0, NULL), (3, 'b', NULL, 0)");
            }
        }
        try (SnapshotSession session = SqliteSnapshotSession.open(file, SnapshotMode.READ_ONLY, 1, Duration.ofSeconds(5))) {
            Table table = session.schema().table("c").orElseThrow();
            assertThat(types(table)).containsExactly(PortableType.BIGINT, PortableType.TEXT, PortableType.BOOLEAN,
                    PortableType.SMALLINT);
            InMemoryRows rows = new InMemoryRows();
            session.exportTable(table, KeyRange.ALL, rows);
            assertThat(rows.rows()).containsExactly(new String[] {"1", "a", "true", "7"},
                    new String[] {"2", null, "false", null}, new String[] {"3", "b", null, "0"});
        }
    }

    private static List<PortableType> types(Table table) {
        List<PortableType> types = new ArrayList<>();
        for (Column column : table.columns()) {
            types.add(column.type().type());
        }
        return types;
    }
}
