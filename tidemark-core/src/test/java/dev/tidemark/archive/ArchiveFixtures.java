package dev.tidemark.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.tidemark.source.StoredPosition;
import dev.tidemark.source.RowSource;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds schemas and archives for the archive tests and takes archives apart again. */
public final class ArchiveFixtures {
    static final Instant CREATED_AT = Instant.parse("2026-01-02T03:04:05Z");

    private ArchiveFixtures() {
    }

    static Table table(String name, String... columnNames) {
        List<Column> columns = new ArrayList<>();
        for (String column : columnNames) {
            columns.add(new Column(column, ColumnType.of(PortableType.TEXT, "text"), true, null, null, false));
        }
        return new Table(name, columns, List.of(), List.of(), List.of(), List.of(), null, Map.of());
    }

    static SnapshotHeader header(Table... tables) {
        return SnapshotHeader.v1("20260102T030405Z-test", "main", "sqlite", "sqlite 3.46.0", CREATED_AT,
                new StoredPosition("sqlite-data-version", "42", Map.of("file", "main.db")),
                new Schema(List.of(tables)), List.of());
    }

    static ArchiveOptions options(Path spoolDir, long partSizeBytes) {
        return new ArchiveOptions(3, partSizeBytes, spoolDir);
    }

    /** Writes an archive holding {@code rows.get(i)} for table i of the header's schema. */
    static byte[] write(SnapshotHeader header, ArchiveOptions options, List<List<String[]>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter writer = new ArchiveWriter(out, header, options)) {
            List<Table> tables = header.schema().tables();
            for (int i = 0; i < tables.size(); i++) {
                try (TableWriter table = writer.beginTable(tables.get(i))) {
                    for (String[] row : rows.get(i)) {
                        table.accept(row);
                    }
                }
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    /** A table's rows as read back, keyed by table name in archive order; also runs finish(). */
    record ReadBack(SnapshotHeader header, Map<String, List<String[]>> rows, Manifest manifest) {
    }

    static ReadBack readAll(byte[] archive) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            Map<String, List<String[]>> rows = new LinkedHashMap<>();
            ArchivePart part;
            while ((part = reader.nextPart()) != null) {
                List<String[]> tableRows = rows.computeIfAbsent(part.tableName(), k -> new ArrayList<>());
                RowSource source = part.rows();
                String[] row;
                while ((row = source.next()) != null) {
                    tableRows.add(Arrays.copyOf(row, row.length));
                }
            }
            return new ReadBack(reader.header(), rows, reader.finish());
        }
    }

    /** The archive's tar entries in order, name to content. */
    public static LinkedHashMap<String, byte[]> entries(byte[] archive) throws IOException {
        return untar(decompress(archive));
    }

    static byte[] decompress(byte[] archive) throws IOException {
        try (var in = new ZstdInputStream(new ByteArrayInputStream(archive))) {
            return in.readAllBytes();
        }
    }

    static LinkedHashMap<String, byte[]> untar(byte[] tarBytes) throws IOException {
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        try (var tar = new TarArchiveInputStream(new ByteArrayInputStream(tarBytes))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }

    /** A .tar.zst holding exactly the given entries in order, as a hand-made or tampered archive would. */
    public static byte[] tarZst(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zstd = new ZstdOutputStream(out, 3)) {
            zstd.setChecksum(true);
            try (var tar = new TarArchiveOutputStream(zstd, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                for (var e : entries.entrySet()) {
                    TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
                    entry.setSize(e.getValue().length);
                    tar.putArchiveEntry(entry);
                    tar.write(e.getValue());
                    tar.closeArchiveEntry();
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * The archive with {@code edit} applied to the {@code schema} object of header.json and of manifest.json
     * alike, as someone who can write to the snapshot storage could do it: the two still agree, and every part's
     * checksum still matches, so the archive reads as intact.
     */
    public static byte[] withSchemaEdited(byte[] archive, Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        LinkedHashMap<String, byte[]> entries = entries(archive);
        for (String name : List.of(ArchiveLayout.HEADER, ArchiveLayout.MANIFEST)) {
            ObjectNode root = (ObjectNode) json.readTree(entries.get(name));
            edit.accept((ObjectNode) root.get("schema"));
            entries.put(name, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        }
        return tarZst(entries);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String[] row(String... values) {
        return values;
    }
}
