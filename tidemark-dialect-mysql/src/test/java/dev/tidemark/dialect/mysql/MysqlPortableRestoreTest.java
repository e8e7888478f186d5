package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A schema written in portable types, as another backend (here: PostgreSQL-like) would hand it over. */
class MysqlPortableRestoreTest {
    private ScratchDatabase target;

    @BeforeEach
    void create() throws Exception {
        target = new ScratchDatabase();
    }

    @AfterEach
    void drop() throws Exception {
        target.close();
    }

    private static Column column(String name, ColumnType type, boolean nullable) {
        return new Column(name, type, nullable, null, null, false);
    }

    static Schema foreignSchema() {
        Table accounts = new Table("Accounts", List.of(
                new Column("id", ColumnType.of(PortableType.BIGINT, "bigint"), false, null,
                        "nextval('accounts_id_seq'::regclass)", true),
                new Column("active", ColumnType.of(PortableType.BOOLEAN, "boolean"), false, "true", null, false),
                column("created", ColumnType.of(PortableType.TIMESTAMPTZ, "timestamp with time zone")
                        .withPrecisionScale(6, null), true),
                column("balance", ColumnType.of(PortableType.DECIMAL, "numeric(38,10)").withPrecisionScale(38, 10), true),
                column("avatar", ColumnType.of(PortableType.BINARY, "bytea"), true),
                column("token", ColumnType.of(PortableType.UUID, "uuid"), true),
                column("profile", ColumnType.of(PortableType.JSON, "jsonb"), true),
                column("mood", new ColumnType(PortableType.ENUM, null, null, null, false, List.of("happy", "it's ok", "back\\slash"),
                        "mood"), true),
                column("address", ColumnType.of(PortableType.NATIVE, "inet"), true),
                column("email", ColumnType.of(PortableType.TEXT, "text"), false),
                column("ratio", ColumnType.of(PortableType.DOUBLE, "double precision"), true)),
                List.of("id"), List.of(List.of("email")),
                List.of(new Index("accounts_created", List.of("created"), false, null, null),
                        new Index("accounts_active_only", List.of("email"), true, "active", null)),
                List.of(), 42L, Map.of("postgresql.source", "true"));
        Table transfers = new Table("transfers", List.of(
                column("id", ColumnType.of(PortableType.INTEGER, "integer"), false),
                column("account_id", ColumnType.of(PortableType.BIGINT, "bigint"), false),
                column("note", ColumnType.of(PortableType.VARCHAR, "character varying").withLength(null), true)),
                List.of("id"), List.of(), List.of(),
                List.of(new ForeignKey("transfers_account_fk", List.of("account_id"), "Accounts", List.of("id"),
                        "CASCADE", "SET DEFAULT")), null, Map.of());
        return new Schema(List.of(accounts, transfers));
    }

    @Test
    void portableTypesGetMysqlTypesAndEveryLossyChoiceIsReported() throws Exception {
        Schema schema = foreignSchema();
        List<String> warnings;
        try (RestoreSession restore = target.dialect().openRestore(1)) {
            warnings = restore.prepare(schema, false);
            List<String[]> accounts = new ArrayList<>();
            accounts.add(new String[] {"1", "t", "2050-06-01 12:30:00.123456+02", "-1234567890123456789012345678.0123456789",
                    "\\x00ff", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "{\"k\": [1, \"é\"]}", "it's ok", "10.0.0.1/32",
                    "a@example.com", "-1.5e-300"});
            accounts.add(new String[] {"41", "false", null, null, null, null, null, "back\\slash", null, "", null});
            assertThat(restore.load(schema.tables().get(0), SpiRows.source(accounts))).isEqualTo(2);
            assertThat(restore.load(schema.tables().get(1), SpiRows.source(List.<String[]>of(
                    new String[] {"7", "41", "x"})))).isEqualTo(1);
            restore.finish(schema);
            restore.commit();
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Accounts.created:").contains("UTC"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Accounts.address:").contains("inet"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Accounts.email:").contains("varchar(768)"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("Accounts.accounts_active_only").contains("partial"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("transfers.transfers_account_fk")
                .contains("SET DEFAULT"));
        assertThat(warnings).noneMatch(w -> w.contains("Accounts.id"));

        try (Connection connection = target.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'Accounts' ORDER BY ORDINAL_POSITION")) {
                List<String> types = new ArrayList<>();
                while (rs.next()) {
                    types.add(rs.getString(1) + " " + rs.getString(2));
                }
                assertThat(types).containsExactly("id bigint(20)", "active tinyint(1)", "created datetime(6)",
                        "balance decimal(38,10)", "avatar longblob", "token uuid", "profile longtext",
                        "mood enum('happy','it''s ok','back\\\\slash')", "address longtext", "email varchar(768)", "ratio double");
            }
            try (ResultSet rs = statement.executeQuery("SELECT active, CAST(created AS CHAR), CAST(balance AS CHAR),"
                    + " HEX(avatar), CAST(token AS CHAR), profile, mood, address, email, ratio FROM `Accounts` WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo("2050-06-01 10:30:00.123456");
                assertThat(rs.getString(3)).isEqualTo("-1234567890123456789012345678.0123456789");
                assertThat(rs.getString(4)).isEqualTo("00FF");
                assertThat(rs.getString(5)).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
                assertThat(rs.getString(6)).isEqualTo("{\"k\": [1, \"é\"]}");
                assertThat(rs.getString(7)).isEqualTo("it's ok");
                assertThat(rs.getString(8)).isEqualTo("10.0.0.1/32");
                assertThat(rs.getString(9)).isEqualTo("a@example.com");
                assertThat(rs.getDouble(10)).isEqualTo(-1.5e-300);
            }
            try (ResultSet rs = statement.executeQuery("SELECT mood FROM `Accounts` WHERE id = 41")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("back\\slash");
            }
            try (ResultSet rs = statement.executeQuery("SELECT AUTO_INCREMENT FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'Accounts'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(42L);
            }
            try (ResultSet rs = statement.executeQuery("SELECT REFERENCED_TABLE_NAME, DELETE_RULE FROM"
                    + " information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Accounts");
                assertThat(rs.getString(2)).isEqualTo("CASCADE");
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE '\\_tm\\_%'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            // the json column keeps MariaDB's validity check
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.execute(
                    "UPDATE `Accounts` SET profile = 'not json' WHERE id = 1")).hasMessageContaining("profile");
        }
    }

    @Test
    void valuesMysqlCannotHoldFailTheRestoreNamingTheColumn() throws Exception {
        Schema schema = foreignSchema();
        try (RestoreSession restore = target.dialect().openRestore(1)) {
            restore.prepare(schema, false);
            List<String[]> rows = List.<String[]>of(new String[] {"1", "true", null, null, null, null, null, null, null,
                    "x", "NaN"});
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> restore.load(schema.tables().get(0),
                    SpiRows.source(rows))).isInstanceOf(dev.tidemark.error.TidemarkException.class)
                    .hasMessageContaining("Accounts.ratio").hasMessageContaining("NaN");
        }
        try (Connection connection = target.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no table left behind").isZero();
        }
    }

    @Test
    void namesMysqlCannotHoldAreRefusedBeforeAnythingIsWritten() throws Exception {
        ColumnType text = ColumnType.of(PortableType.TEXT, "text");
        Table tooLong = new Table("t".repeat(65), List.of(column("a", text, true)), List.of(), List.of(), List.of(),
                List.of(), null, Map.of());
        Table caseTwins = new Table("twins", List.of(column("Name", text, true), column("name", text, true)), List.of(),
                List.of(), List.of(), List.of(), null, Map.of());
        Table fine = new Table("fine", List.of(column("a", text, true)), List.of(), List.of(), List.of(), List.of(),
                null, Map.of());
        for (Table bad : List.of(tooLong, caseTwins)) {
            try (RestoreSession restore = target.dialect().openRestore(1)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> restore.prepare(new Schema(List.of(fine, bad)), false))
                        .isInstanceOfSatisfying(dev.tidemark.error.TidemarkException.class, e -> {
                            assertThat(e.kind()).isEqualTo(dev.tidemark.error.ErrorKind.CONFIG);
                            assertThat(e.getMessage()).contains(bad.name().substring(0, 5));
                        });
            }
            try (Connection connection = target.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                         + " WHERE TABLE_SCHEMA = DATABASE()")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }
}
