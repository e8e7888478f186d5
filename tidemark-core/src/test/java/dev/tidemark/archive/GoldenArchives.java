package dev.tidemark.archive;

import dev.tidemark.source.StoredPosition;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.ColumnType;
import dev.tidemark.schema.ForeignKey;
import dev.tidemark.schema.Index;
import dev.tidemark.schema.PortableType;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the golden archives under {@code src/test/resources/golden/}, which pin format v1.
 * {@link #main} regenerates them; run it only when the format deliberately changes:
 * {@code java -cp <test classpath> dev.tidemark.archive.GoldenArchives tidemark-core/src/test/resources/golden}.
 */
final class GoldenArchives {
    /** One golden archive: what goes in, and how it is written. */
    record Golden(String name, SnapshotHeader header, List<List<String[]>> rows, long partSizeBytes) {
    }

    private GoldenArchives() {
    }

    static List<Golden> all() {
        return List.of(mixed(), oddNames());
    }

    /** NULL, empty and quoted text, a table in several parts, an empty table, a schema with constraints. */
    static Golden mixed() {
        Table customers = new Table("customers", List.of(
                column("id", new ColumnType(PortableType.BIGINT, null, null, null, false, List.of(), "bigint"), false, true),
                column("name", new ColumnType(PortableType.VARCHAR, 100, null, null, false, List.of(), "varchar(100)"), false, false),
                column("email", ColumnType.of(PortableType.TEXT, "text"), true, false),
                column("balance", new ColumnType(PortableType.DECIMAL, null, 12, 2, false, List.of(), "numeric(12,2)"), true, false),
                column("tier", new ColumnType(PortableType.ENUM, null, null, null, false, List.of("free", "pro"), "tier"), true, false),
                column("signed_up", new ColumnType(PortableType.TIMESTAMPTZ, null, 6, null, false, List.of(), "timestamptz"), true, false),
                column("avatar", ColumnType.of(PortableType.BINARY, "bytea"), true, false)),
                List.of("id"), List.of(List.of("email")),
                List.of(new Index("customers_name_idx", List.of("name"), false, null, null)),
                List.of(), 5L, Map.of());
        Table orders = new Table("orders", List.of(
                column("id", ColumnType.of(PortableType.INTEGER, "integer"), false, true),
                column("customer_id", ColumnType.of(PortableType.BIGINT, "bigint"), false, false),
                column("note", ColumnType.of(PortableType.TEXT, "text"), true, false)),
                List.of("id"), List.of(), List.of(),
                List.of(new ForeignKey("orders_customer_fk", List.of("customer_id"), "customers", List.of("id"), "CASCADE", null)),
                13L, Map.of());
        Table audit = new Table("audit_log", List.of(
                column("at", ColumnType.of(PortableType.TIMESTAMP, "timestamp"), false, false),
                column("what", ColumnType.of(PortableType.JSON, "jsonb"), true, false)),
                List.of(), List.of(), List.of(), List.of(), null, Map.of());
        SnapshotHeader header = SnapshotHeader.v1("20260315T120000Z-a1b2c3", "main", "postgresql", "postgresql 15.8",
                Instant.parse("2026-03-15T12:00:00Z"),
                new StoredPosition("postgresql-lsn", "0/16B3748", Map.of("timeline", "1")),
                new Schema(List.of(customers, orders, audit), Map.of("tier", List.of("free", "pro")), Map.of()),
                List.of("view active_customers skipped: views are not carried by snapshots"));
        List<String[]> customerRows = List.of(
                new String[] {"1", "Ada Lovelace", "ada@example.org", "1234.50", "pro", "2026-01-01 09:30:00.123456+00", "\\x89504e47"},
                new String[] {"2", "", null, "0.00", null, null, null},
                new String[] {"3", "O'Brien, \"Bob\"", "", "-7.25", "free", "1999-12-31 23:59:59+00", "\\x"},
                new String[] {"4", "line one\nline two\r\nline three\rend", " spaced ", null, "free", null, "\\x00ff"});
        List<String[]> orderRows = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            orderRows.add(new String[] {Integer.toString(i), Integer.toString(1 + i % 4), i % 3 == 0 ? null : "order " + i});
        }
        return new Golden("v1-mixed", header, List.of(customerRows, orderRows, List.of()), 64);
    }

    /** Table names that are not path-safe, a one-column table whose NULLs are empty lines, unicode. */
    static Golden oddNames() {
        Table unicode = new Table("Ünïcode Tæble/2026", List.of(
                column("key", ColumnType.of(PortableType.TEXT, "TEXT"), false, false),
                column("value", ColumnType.of(PortableType.TEXT, "TEXT"), true, false)),
                List.of("key"), List.of(), List.of(), List.of(), null, Map.of("sqlite.withoutRowid", "true"));
        Table single = new Table("single", List.of(column("v", ColumnType.of(PortableType.TEXT, "TEXT"), true, false)),
                List.of(), List.of(), List.of(), List.of(), null, Map.of());
        SnapshotHeader header = SnapshotHeader.v1("20260315T120500Z-d4e5f6", "main", "sqlite", "sqlite 3.46.0",
                Instant.parse("2026-03-15T12:05:00.250Z"), new StoredPosition("sqlite-data-version", "7", Map.of()),
                new Schema(List.of(unicode, single)), List.of());
        List<String[]> unicodeRows = List.of(
                new String[] {"日本語", "こんにちは"},
                new String[] {"emoji", "🎉👍🏽"},
                new String[] {"comma,key", "tab\there"},
                new String[] {"#hash", "\\N"});
        List<String[]> singleRows = List.of(new String[] {null}, new String[] {""}, new String[] {"\""}, new String[] {null});
        return new Golden("v1-odd-names", header, List.of(unicodeRows, singleRows), 1024);
    }

    private static Column column(String name, ColumnType type, boolean nullable, boolean autoIncrement) {
        return new Column(name, type, nullable, null, null, autoIncrement);
    }

    static byte[] write(Golden golden, Path spoolDir) throws IOException {
        return ArchiveFixtures.write(golden.header(), new ArchiveOptions(3, golden.partSizeBytes(), spoolDir), golden.rows());
    }

    /** Writes {@code <name>.tar.zst} and its extracted entries under {@code <name>/} for every golden archive. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "tidemark-core/src/test/resources/golden");
        Path spool = Files.createTempDirectory("tidemark-golden");
        for (Golden golden : all()) {
            byte[] archive = write(golden, spool);
            Files.write(target.resolve(golden.name() + ".tar.zst"), archive);
            for (var entry : ArchiveFixtures.entries(archive).entrySet()) {
                Path file = target.resolve(golden.name()).resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(entry.getValue());
                }
            }
        }
        Files.delete(spool);
    }
}
