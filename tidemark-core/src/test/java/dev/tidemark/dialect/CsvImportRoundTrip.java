package dev.tidemark.dialect;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchivePart;
import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.tidemark.source.RestoreSession;
import dev.tidemark.source.SnapshotSession;
import dev.tidemark.source.CsvImport;

/** A snapshot written to an archive in memory, and restored from it the way the engine restores. */
public final class CsvImportRoundTrip {
    /** Writes one table of a snapshot into the archive. */
    @FunctionalInterface
    public interface TableExport {
        void export(SnapshotSession session, Table table, TableWriter writer) throws Exception;
    }

    private CsvImportRoundTrip() {
    }

    /** The archive of every table of {@code session}, each written by {@code export}. */
    public static byte[] archive(SnapshotSession session, String backend, Path spool, TableExport export) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotHeader header = SnapshotHeader.v1("20260102T030405Z-" + backend, "main", backend, session.backendVersion(),
                Instant.parse("2026-01-02T03:04:05Z"), session.position(), session.schema(), session.warnings());
        try (ArchiveWriter writer = new ArchiveWriter(out, header, new ArchiveOptions(3, 4096, spool))) {
            for (Table table : session.schema().tables()) {
                try (TableWriter tableWriter = writer.beginTable(table)) {
                    export.export(session, table, tableWriter);
                }
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    /**
     * Restores {@code archive} through {@code session}: each part through the session's CSV import where it
     * offers one, as rows otherwise. Returns the tables that went through the CSV import.
     */
    public static List<String> restore(byte[] archive, RestoreSession session) throws Exception {
        List<String> imported = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
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
}
