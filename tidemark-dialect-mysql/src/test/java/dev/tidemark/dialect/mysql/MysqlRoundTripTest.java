package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Table;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MariaDB → MariaDB through the SPI: every value, key, index, foreign key and counter survives exactly. */
class MysqlRoundTripTest {
    private ScratchDatabase source;
    private ScratchDatabase target;

    @BeforeEach
    void createDatabases() throws Exception {
        source = new ScratchDatabase();
        target = new ScratchDatabase();
        MysqlFixture.create(source);
    }

    @AfterEach
    void dropDatabases() throws Exception {
        source.close();
        target.close();
    }

    @Test
    void everyValueAndSchemaFactSurvivesARoundTrip() throws Exception {
        List<String> warnings;
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            assertThat(snapshot.backendVersion()).startsWith("mariadb ");
            assertThat(snapshot.warnings()).anyMatch(w -> w.contains("view v_orders skipped"));
            warnings = SpiRows.copy(snapshot, restore, false);
        }
        assertThat(warnings).isEmpty();
        try (Connection from = source.connect(); Connection to = target.connect()) {
            for (var entry : MysqlFixture.TABLES.entrySet()) {
                NativeCompare.assertSameTable(from, to, entry.getKey(), entry.getValue());
            }
            assertThat(NativeCompare.nextAutoIncrement(to, "Order")).isEqualTo(1000L);
            assertThat(NativeCompare.nextAutoIncrement(to, "Order"))
                    .isEqualTo(NativeCompare.nextAutoIncrement(from, "Order"));
        }
    }

    @Test
    void insertBatchesForServersWithoutLocalInfileGiveTheSameResult() throws Exception {
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             MysqlRestoreSession restore = MysqlRestoreSession.open(MysqlConnectionString.parse(target.url()).orElseThrow(), 1)) {
            restore.useInsertBatches();
            assertThat(SpiRows.copy(snapshot, restore, false)).isEmpty();
        }
        try (Connection from = source.connect(); Connection to = target.connect()) {
            for (var entry : MysqlFixture.TABLES.entrySet()) {
                NativeCompare.assertSameTable(from, to, entry.getKey(), entry.getValue());
            }
        }
    }

    @Test
    void aTinyint1HoldingANumberOtherThan0Or1StopsTheSnapshotInsteadOfBecomingTrue() throws Exception {
        source.execute("CREATE TABLE flags (id int PRIMARY KEY, flag tinyint(1))", "INSERT INTO flags VALUES (1, 1), (2, 2)");
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1)) {
            Table flags = snapshot.schema().table("flags").orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpiRows.export(snapshot, flags))
                    .isInstanceOf(dev.tidemark.error.TidemarkException.class).hasMessageContaining("flags.flag holds 2");
        }
    }

    @Test
    void aSnapshotOfTheOtherFlavourIsRestoredThroughThePortableMapping() throws Exception {
        List<String> warnings;
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1);
             RestoreSession restore = target.dialect().openRestore(1)) {
            List<Table> asIfFromMysql = snapshot.schema().tables().stream().map(t -> {
                Map<String, String> options = new java.util.HashMap<>(t.options());
                options.put("mysql.flavour", "mysql");
                return new Table(t.name(), t.columns(), t.primaryKey(), t.uniqueKeys(), t.indexes(), t.foreignKeys(),
                        t.nextValue(), options);
            }).toList();
            dev.tidemark.schema.Schema schema = new dev.tidemark.schema.Schema(asIfFromMysql);
            warnings = restore.prepare(schema, false);
            for (Table table : schema.tables()) {
                restore.load(table, SpiRows.source(SpiRows.export(snapshot, table)));
            }
            restore.finish(schema);
            restore.commit();
        }
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("all_types.st:").contains("restored as text"));
        try (Connection to = target.connect(); Connection from = source.connect()) {
            assertThat(NativeCompare.rows(to, "order_line", "`Order`, line"))
                    .isEqualTo(NativeCompare.rows(from, "order_line", "`Order`, line"));
            assertThat(NativeCompare.createTable(to, "all_types")).contains("`st` longtext");
        }
    }

    @Test
    void schemaIsReadInPortableTerms() throws Exception {
        try (SnapshotSession snapshot = source.dialect().openSnapshot(SnapshotMode.ONLINE, 1)) {
            Table types = snapshot.schema().table("all_types").orElseThrow();
            Map<String, PortableType> portable = types.columns().stream()
                    .collect(Collectors.toMap(Column::name, c -> c.type().type()));
            assertThat(portable).containsEntry("b", PortableType.BOOLEAN).containsEntry("biu", PortableType.BIGINT)
                    .containsEntry("d", PortableType.DECIMAL).containsEntry("f", PortableType.REAL)
                    .containsEntry("db", PortableType.DOUBLE).containsEntry("tx", PortableType.TEXT)
                    .containsEntry("vb", PortableType.BINARY).containsEntry("dtm", PortableType.TIMESTAMP)
                    .containsEntry("ts", PortableType.TIMESTAMPTZ).containsEntry("j", PortableType.JSON)
                    .containsEntry("u", PortableType.UUID).containsEntry("e", PortableType.ENUM)
                    .containsEntry("st", PortableType.NATIVE).containsEntry("bt", PortableType.NATIVE)
                    .containsEntry("y", PortableType.SMALLINT);
            assertThat(types.column("biu").type().unsigned()).isTrue();
            assertThat(types.column("e").type().enumLabels()).containsExactly("small", "medium", "large", "it's", "back\\slash");
            assertThat(types.column("d").type().precision()).isEqualTo(38);
            assertThat(types.column("d").type().scale()).isEqualTo(10);
            Table order = snapshot.schema().table("Order").orElseThrow();
            assertThat(order.nextValue()).isEqualTo(1000L);
            assertThat(order.column("Id").autoIncrement()).isTrue();
            List<String> names = snapshot.schema().tables().stream().map(Table::name).toList();
            assertThat(names.indexOf("Order")).isLessThan(names.indexOf("order_line"));
            assertThat(snapshot.position().kind()).startsWith("mysql-");
        }
    }
}
