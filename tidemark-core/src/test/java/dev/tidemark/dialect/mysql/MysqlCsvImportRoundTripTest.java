package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.dialect.CsvImport;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native MariaDB fixture through an archive and back, its CSV passed to LOAD DATA as stored (re-encoded on
 * the way): every value, key and counter must come back exactly, as on the row path.
 */
class MysqlCsvImportRoundTripTest {
    @TempDir
    Path spool;

    private byte[] snapshot(ScratchDatabase source) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotSession session = source.dialect().openSnapshot(SnapshotMode.READ_ONLY)) {
            SnapshotHeader header = SnapshotHeader.v1("20260102T030405Z-mycsv", "main", "mysql", session.backendVersion(),
                    Instant.parse("2026-01-02T03:04:05Z"), session.consistencyPoint(), session.schema(), session.warnings());
            try (ArchiveWriter writer = new ArchiveWriter(out, header, new ArchiveOptions(3, 4096, spool))) {
                for (Table table : session.schema().tables()) {
                    try (TableWriter tableWriter = writer.beginTable(table)) {
                        session.exportTable(table, tableWriter);
                    }
                }
                writer.finish();
            }
        }
        return out.toByteArray();
    }

    /** Restores like the engine does; returns the tables that went through the CSV import. */
    private static List<String> restore(byte[] archive, ScratchDatabase target) throws Exception {
        List<String> imported = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive));
             RestoreSession session = target.dialect().openRestore()) {
            Schema schema = reader.header().schema();
            session.prepare(schema, false);
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                Table table = part.table();
                Optional<CsvImport> csvImport = session.csvImport(table);
                assertThat(csvImport).as("the CSV import for %s", table.name()).isPresent();
                csvImport.get().load(table, part.csvRecords());
                if (!imported.contains(table.name())) {
                    imported.add(table.name());
                }
            }
            reader.finish();
            session.finish(schema);
            session.commit();
        }
        return imported;
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
