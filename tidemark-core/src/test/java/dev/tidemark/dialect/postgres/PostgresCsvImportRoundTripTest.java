package dev.tidemark.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.dialect.CsvExport;
import dev.tidemark.dialect.CsvImport;
import dev.tidemark.dialect.RestoreSession;
import dev.tidemark.dialect.SnapshotMode;
import dev.tidemark.dialect.SnapshotSession;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native edge-value fixture through an archive and back, its CSV passed to COPY as stored: every value
 * (infinite and BC dates, NaN, arrays, intervals, bytea, json and jsonb, …) must come back exactly.
 */
class PostgresCsvImportRoundTripTest {
    @TempDir
    Path spool;

    private byte[] snapshot(ScratchDatabase source) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnapshotSession session = source.dialect().openSnapshot(SnapshotMode.READ_ONLY)) {
            SnapshotHeader header = SnapshotHeader.v1("20260102T030405Z-pgcsv", "main", "postgresql", session.backendVersion(),
                    Instant.parse("2026-01-02T03:04:05Z"), session.consistencyPoint(), session.schema(), session.warnings());
            Optional<CsvExport> csvExport = session.csvExport();
            assertThat(csvExport).isPresent();
            try (ArchiveWriter writer = new ArchiveWriter(out, header, new ArchiveOptions(3, 4096, spool))) {
                for (Table table : session.schema().tables()) {
                    try (TableWriter tableWriter = writer.beginTable(table); OutputStream records = tableWriter.csvRecords()) {
                        csvExport.get().exportTable(table, dev.tidemark.dialect.KeyRange.ALL, records);
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
                if (csvImport.isPresent()) {
                    csvImport.get().load(table, part.csvRecords());
                    if (!imported.contains(table.name())) {
                        imported.add(table.name());
                    }
                } else {
                    session.load(table, part.rows());
                }
            }
            reader.finish();
            session.finish(schema);
            session.commit();
        }
        return imported;
    }

    @Test
    void everyValueOfEveryRowIsRestoredExactly() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            Fixture.create(source);
            List<String> imported = restore(snapshot(source), target);

            assertThat(imported).contains("AllTypes");
            for (String[] table : Fixture.TABLES) {
                String sql = "SELECT * FROM " + table[0] + " ORDER BY " + table[1];
                assertThat(target.rows(sql)).as(table[0]).isEqualTo(source.rows(sql));
            }
            assertThat(target.single("SELECT count(*) FROM \"AllTypes\"")).isEqualTo("5");
            String binary = "SELECT encode(bin, 'hex') FROM \"AllTypes\" ORDER BY id";
            assertThat(target.rows(binary)).isEqualTo(source.rows(binary));
            String floats = "SELECT f4::float8 = s.f4::float8 FROM \"AllTypes\" s ORDER BY id";
            assertThat(target.rows(floats)).isEqualTo(source.rows(floats));
        }
    }

    @Test
    void aOneColumnTableWithTheEndOfDataMarkerAsAValueGoesThroughTheImport() throws Exception {
        try (ScratchDatabase source = new ScratchDatabase(); ScratchDatabase target = new ScratchDatabase()) {
            source.execute("CREATE TABLE single (v text)",
                    "INSERT INTO single VALUES ('\\.'), (''), (NULL), (E'a\\tb'), (E'back\\\\slash'),"
                            + " (E'line\\nbreak'), (E'cr\\r'), ('\\N'), ('\"quoted\", comma')");
            List<String> imported = restore(snapshot(source), target);

            assertThat(imported).containsExactly("single");
            String sql = "SELECT v, v IS NULL FROM single ORDER BY v NULLS FIRST";
            assertThat(target.rows(sql)).isEqualTo(source.rows(sql)).hasSize(9);
            assertThat(target.single("SELECT count(*) FROM single WHERE v = '\\.'")).isEqualTo("1");
        }
    }
}
