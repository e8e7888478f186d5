package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.dialect.CsvImportRoundTrip;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.tidemark.source.KeyRange;

/**
 * The native MariaDB fixture through an archive and back, its CSV passed to LOAD DATA as stored (re-encoded on
 * the way): every value, key and counter must come back exactly, as on the row path.
 */
class MysqlCsvImportRoundTripTest {
    @TempDir
    Path spool;

    private byte[] snapshot(ScratchDatabase source) throws Exception {
        try (SnapshotSession session = source.dialect().openSnapshot(SnapshotMode.READ_ONLY, 1)) {
            return CsvImportRoundTrip.archive(session, "mysql", spool,
                    (snapshot, table, writer) -> snapshot.exportTable(table, KeyRange.ALL, writer));
        }
    }

    private static List<String> restore(byte[] archive, ScratchDatabase target) throws Exception {
        try (RestoreSession session = target.dialect().openRestore(1)) {
            return CsvImportRoundTrip.restore(archive, session);
        }
    }

    @Test
    void everyValueOfEveryTableIsRestoredExactly() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            MysqlFixture.create(source);
            List<String> imported = restore(snapshot(source), target);

            assertThat(imported).containsAll(MysqlFixture.TABLES.keySet());
            try (Connection from = source.connect(); Connection to = target.connect()) {
                for (var entry : MysqlFixture.TABLES.entrySet()) {
                    NativeCompare.assertSameTable(from, to, entry.getKey(), entry.getValue());
                }
                assertThat(NativeCompare.nextAutoIncrement(to, "Order")).isEqualTo(NativeCompare.nextAutoIncrement(from, "Order"));
            }
        }
    }

    @Test
    void textThatLooksLikeLoadDataSyntaxBesideConvertedColumnsComesBackAsIs() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            source.execute("CREATE TABLE edge (id int PRIMARY KEY, v longtext, flag tinyint(1), at timestamp(6) NULL)",
                    "INSERT INTO edge VALUES (1, '\\\\N', 1, '2024-06-01 14:00:00.5'), (2, '', 0, NULL), (3, NULL, NULL, NULL),"
                            + " (4, 'tab\\there, line\\nbreak\\r\\n, back\\\\\\\\slash, nul\\0, \"quoted\", comma', 1,"
                            + " '1999-12-31 23:59:59'), (5, 'é 漢 🎉 \"\"', 0, '2038-01-19 03:14:07.999999')");
            List<String> imported = restore(snapshot(source), target);

            assertThat(imported).containsExactly("edge");
            try (Connection from = source.connect(); Connection to = target.connect()) {
                NativeCompare.assertSameTable(from, to, "edge", "id");
                assertThat(NativeCompare.rows(to, "edge", "id")).hasSize(5);
            }
        }
    }
}
