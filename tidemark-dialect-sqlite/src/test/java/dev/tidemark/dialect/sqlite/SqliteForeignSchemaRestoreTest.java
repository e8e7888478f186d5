package dev.tidemark.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.Dialects;
import dev.tidemark.source.InMemoryRows;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.KeyRange;

/** A schema as another backend describes it (no SQLite options), restored into SQLite and read back. */
class SqliteForeignSchemaRestoreTest {
    @TempDir
    Path dir;

    private static Column column(String name, ColumnType type, boolean nullable) {
        return new Column(name, type, nullable, null, null, false);
    }

    @Test
    void portableTypesGetSqliteDeclaredTypesAndValuesStayExact() throws Exception {
        Column id = new Column("id", ColumnType.of(PortableType.INTEGER, "int4"), false, null,
                "nextval('accounts_id_seq'::regclass)", true);
        Table accounts = new Table("accounts", List.of(id,
                column("balance", ColumnType.of(PortableType.DECIMAL, "numeric(30,10)").withPrecisionScale(30, 10), true),
                column("active", ColumnType.of(PortableType.BOOLEAN, "bool"), true),
                column("photo", ColumnType.of(PortableType.BINARY, "bytea"), true),
                column("seen", ColumnType.of(PortableType.TIMESTAMPTZ, "timestamptz"), true),
                column("ratio", ColumnType.of(PortableType.DOUBLE, "float8"), true),
                column("addr", ColumnType.of(PortableType.NATIVE, "inet"), true),
                new Column("status", ColumnType.of(PortableType.VARCHAR, "varchar(10)").withLength(10), false, "new",
                        "'new'::character varying", false),
                new Column("created", ColumnType.of(PortableType.TIMESTAMP, "timestamp"), true, null, "now()", false)),
                List.of("id"), List.of(List.of("addr")), List.of(new Index("accounts_seen", List.of("seen"), false,
                        null, null)), List.of(), 1001L, null);
        Table transfers = new Table("transfers", List.of(
                column("id", ColumnType.of(PortableType.BIGINT, "int8"), false),
                column("account_id", ColumnType.of(PortableType.INTEGER, "int4"), true)),
                List.of("id"), null, null, List.of(new ForeignKey("transfers_account_fk", List.of("account_id"),
                "accounts", List.of("id"), "CASCADE", null)), null, null);
        Schema schema = new Schema(List.of(accounts, transfers));
        List<String[]> accountRows = List.of(
                new String[] {"1", "12.50", "true", "\\x00ff", "2024-06-01 12:00:00.123456+00", "-0", "10.0.0.1",
                        "new", "2024-06-01 12:00:00"},
                new String[] {"1000", "12345678901234567890.1234567890", "false", "\\x", "1969-07-20 20:17:40+00",
                        "Infinity", null, "", null});
        Path target = dir.resolve("from-postgres.db");

        List<String> warnings;
        try (RestoreSession restore = Dialects.forUrl("sqlite:" + target).openRestore(1)) {
            warnings = restore.prepare(schema, false);
            restore.load(accounts, InMemoryRows.source(accountRows));
            restore.load(transfers, InMemoryRows.source(List.<String[]>of(new String[] {"5", "1000"})));
            restore.finish(schema);
            restore.commit();
        }

        assertThat(warnings).anyMatch(w -> w.contains("accounts.addr") && w.contains("inet"))
                .anyMatch(w -> w.contains("accounts.created") && w.contains("now()"))
                .noneMatch(w -> w.contains("accounts.id"));
        assertThat(SqliteTestDb.query(target, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('accounts')"))
                .containsExactly("id | INTEGER | 1 | null | 1", "balance | DECIMAL TEXT(30,10) | 0 | null | 0",
                        "active | BOOLEAN | 0 | null | 0", "photo | BLOB | 0 | null | 0",
                        "seen | TIMESTAMPTZ | 0 | null | 0", "ratio | DOUBLE | 0 | null | 0", "addr | TEXT | 0 | null | 0",
                        "status | VARCHAR(10) | 1 | 'new' | 0", "created | TIMESTAMP | 0 | null | 0");
        assertThat(SqliteTestDb.query(target, "SELECT typeof(balance), balance, active, hex(photo), seen, typeof(ratio) FROM accounts"
                + " ORDER BY id")).containsExactly(
                "text | 12.50 | 1 | 00FF | 2024-06-01 12:00:00.123456+00 | real",
                "text | 12345678901234567890.1234567890 | 0 |  | 1969-07-20 20:17:40+00 | real");
        assertThat(SqliteTestDb.query(target, "SELECT seq FROM sqlite_sequence WHERE name = 'accounts'"))
                .containsExactly("1000");
        assertThat(SqliteTestDb.query(target, "SELECT \"table\", on_delete FROM pragma_foreign_key_list('transfers')"))
                .containsExactly("accounts | CASCADE");

        try (SnapshotSession snapshot = Dialects.forUrl("sqlite:" + target).openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            Table back = snapshot.schema().table("accounts").orElseThrow();
            List<PortableType> types = new ArrayList<>();
            back.columns().forEach(c -> types.add(c.type().type()));
            assertThat(types).containsExactly(PortableType.BIGINT, PortableType.DECIMAL, PortableType.BOOLEAN,
                    PortableType.BINARY, PortableType.TIMESTAMPTZ, PortableType.DOUBLE, PortableType.TEXT,
                    PortableType.VARCHAR, PortableType.TIMESTAMP);
            assertThat(back.column("balance").type().precision()).isEqualTo(30);
            assertThat(back.nextValue()).isEqualTo(1001L);
            InMemoryRows rows = new InMemoryRows();
            snapshot.exportTable(back, KeyRange.ALL, rows);
            // SQLite keeps integral REALs in integer form on disk, which drops the sign of -0.0 (docs/TYPES.md)
            assertThat(rows.rows().get(0)).containsExactly("1", "12.50", "true", "\\x00ff",
                    "2024-06-01 12:00:00.123456+00", "0", "10.0.0.1", "new", "2024-06-01 12:00:00");
            assertThat(rows.rows().get(1)).containsExactly("1000", "12345678901234567890.1234567890", "false", "\\x",
                    "1969-07-20 20:17:40+00", "Infinity", null, "", null);
        }
    }
}
