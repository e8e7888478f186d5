package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.archive.ArchiveFixtures;
import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.archive.ArchiveWriter;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.archive.TableWriter;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.source.StoredPosition;
import dev.tidemark.dialect.Dialects;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
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
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores into PostgreSQL take the archive's CSV bytes straight into COPY; what the archive reader rejects
 * on that path still rolls the whole restore back.
 */
class SnapshotRestorerCsvImportTest {
    private static final String SERVER = "127.0.0.1:5432";
    private static final String ID = "20260102T030405Z-csvimp";
    private static final String ITEMS_PART = "data/0002-items/00003.csv";
    private static final String ITEMS = "SELECT id, label, note FROM items ORDER BY id";

    @TempDir
    Path spool;

    private String database;
    private List<List<String>> itemsBefore;

    private static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + name, "postgres", "");
    }

    @BeforeEach
    void createTarget() throws SQLException {
        database = "tm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        execute("CREATE TABLE items (id integer PRIMARY KEY, label text, note text)",
                "INSERT INTO items VALUES (1, 'old one', NULL), (2, 'old two', '')");
        itemsBefore = rows(ITEMS);
    }

    @AfterEach
    void dropTarget() throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private List<List<String>> rows(String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Table table(String name) {
        return new Table(name, List.of(
                new Column("id", ColumnType.of(PortableType.INTEGER, "INTEGER"), false, null, null, false),
                new Column("label", ColumnType.of(PortableType.TEXT, "TEXT"), true, null, null, false),
                new Column("note", ColumnType.of(PortableType.TEXT, "TEXT"), true, null, null, false)),
                List.of("id"), List.of(), List.of(), List.of(), null, Map.of());
    }

    /** Text first, so records start with the values: {@code \.} then is followed by a separator. */
    private static final Table TEXT_FIRST = new Table("text_first", List.of(
            new Column("label", ColumnType.of(PortableType.TEXT, "TEXT"), true, null, null, false),
            new Column("id", ColumnType.of(PortableType.INTEGER, "INTEGER"), false, null, null, false)),
            List.of("id"), List.of(), List.of(), List.of(), null, Map.of());

    /** One column: a record of just {@code \.} would end COPY's data, so this table keeps the row path. */
    private static final Table SINGLE = new Table("single", List.of(
            new Column("label", ColumnType.of(PortableType.TEXT, "TEXT"), true, null, null, false)),
            List.of(), List.of(), List.of(), List.of(), null, Map.of());

    private static final Schema SCHEMA = new Schema(List.of(table("fresh"), table("items"), TEXT_FIRST, SINGLE));

    /** Values CSV and COPY treat specially; the note column's value for row i. */
    private static final String[] NOTES = {"", null, "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "\\.", "x\n\\.\ny",
        "#not a comment", "back\\slash", " padded ", "😀 ünï", "\"", "NULL", "\\N"};

    private static List<String[]> sourceRows(String label, int count) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new String[] {Integer.toString(i), i % 50 == 0 ? "\\." : label + " " + i, NOTES[i % NOTES.length]});
        }
        return rows;
    }

    private byte[] archive(Map<String, List<String[]>> rows) throws IOException {
        SnapshotHeader header = SnapshotHeader.v1(ID, "main", "sqlite", "sqlite 3.46.0", Instant.parse("2026-01-02T03:04:05Z"),
                new StoredPosition("sqlite-data-version", "1", Map.of()), SCHEMA, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter writer = new ArchiveWriter(out, header, new ArchiveOptions(3, 8 * 1024, spool))) {
            for (Table table : SCHEMA.tables()) {
                try (TableWriter tableWriter = writer.beginTable(table)) {
                    for (String[] row : rows.getOrDefault(table.name(), List.of())) {
                        tableWriter.accept(row);
                    }
                }
            }
            writer.finish();
        }
        return out.toByteArray();
    }

    private RestoreResult restore(byte[] archive) throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
        SnapshotEntry entry = new SnapshotEntry(ID, "main", "sqlite", Instant.parse("2026-01-02T03:04:05Z"),
                ID + ".tar.zst", archive.length, sha256, false, SCHEMA.tables().size(), null, 1, List.of());
        try (VerifiedArchive verified = VerifiedArchive.open(entry, new ByteArrayInputStream(archive), null, true)) {
            return new SnapshotRestorer(1).restore(entry, verified,
                    Dialects.forUrl("postgresql://postgres@" + SERVER + "/" + database), true, new JobProgress("restore", ID));
        }
    }

    private static List<List<String>> expected(List<String[]> rows) {
        return rows.stream().map(row -> java.util.Arrays.asList(row.clone())).toList();
    }

    @Test
    void awkwardValuesArriveExactlyAsInTheSource() throws Exception {
        List<String[]> fresh = sourceRows("fresh", 500);
        List<String[]> items = sourceRows("new", 3000);
        List<String[]> textFirst = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            textFirst.add(new String[] {i % 2 == 0 ? "\\." : NOTES[i % NOTES.length], Integer.toString(i)});
        }
        List<String[]> single = List.of(new String[] {"a"}, new String[] {"\\."}, new String[] {null}, new String[] {""},
                new String[] {"b"});
        RestoreResult result = restore(archive(Map.of("fresh", fresh, "items", items, "text_first", textFirst, "single", single)));

        assertThat(result.rows()).isEqualTo(3705);
        assertThat(rows("SELECT label FROM single ORDER BY ctid")).isEqualTo(expected(single));
        assertThat(rows("SELECT label, id::text FROM text_first ORDER BY text_first.id")).isEqualTo(expected(textFirst));
        assertThat(rows("SELECT id::text, label, note FROM fresh ORDER BY fresh.id")).isEqualTo(expected(fresh));
        assertThat(rows("SELECT id::text, label, note FROM items ORDER BY items.id")).isEqualTo(expected(items));
    }

    private void assertTargetUnchanged() throws SQLException {
        assertThat(rows(ITEMS)).isEqualTo(itemsBefore);
        assertThat(rows("SELECT to_regclass('fresh')::text").get(0).get(0)).isNull();
    }

    @Test
    void aMalformedPartHalfWayLeavesTheTargetAsItWas() throws Exception {
        Map<String, byte[]> entries = ArchiveFixtures.entries(archive(Map.of("fresh", sourceRows("fresh", 500), "items", sourceRows("new", 3000))));
        String part = new String(entries.get(ITEMS_PART), StandardCharsets.UTF_8);
        // a quote inside an unquoted field: a CSV parser takes it as a character, PostgreSQL as the start of quoting
        entries.put(ITEMS_PART, (part + "9999,a\"b,c\n").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> restore(ArchiveFixtures.tarZst(entries))).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
            assertThat(e.getMessage()).contains("invalid CSV in " + ITEMS_PART).contains("quote inside an unquoted field");
        });
        assertTargetUnchanged();
    }

    @Test
    void aRecordWithTooFewFieldsLeavesTheTargetAsItWas() throws Exception {
        Map<String, byte[]> entries = ArchiveFixtures.entries(archive(Map.of("fresh", sourceRows("fresh", 500), "items", sourceRows("new", 3000))));
        String part = new String(entries.get(ITEMS_PART), StandardCharsets.UTF_8);
        int cut = part.indexOf('\n', part.length() / 2) + 1;
        entries.put(ITEMS_PART, (part.substring(0, cut) + "\\.\n" + part.substring(cut)).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> restore(ArchiveFixtures.tarZst(entries))).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
            assertThat(e.getMessage()).contains(ITEMS_PART).contains("has 1 fields but table items has 3 columns");
        });
        assertTargetUnchanged();
    }

    @Test
    void aRowCountThatDiffersFromTheManifestLeavesTheTargetAsItWas() throws Exception {
        Map<String, byte[]> entries = ArchiveFixtures.entries(archive(Map.of("fresh", sourceRows("fresh", 500), "items", sourceRows("new", 3000))));
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        String part = new String(entries.get(ITEMS_PART), StandardCharsets.UTF_8);
        int lastRecord = part.lastIndexOf('\n', part.length() - 2) + 1;
        // one record fewer in the part; its hash in the manifest is replaced too, so only the count is wrong
        byte[] shorter = part.substring(0, lastRecord).getBytes(StandardCharsets.UTF_8);
        String oldSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entries.get(ITEMS_PART)));
        String newSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(shorter));
        entries.put(ITEMS_PART, shorter);
        entries.put("manifest.json", manifest.replace(oldSha, newSha)
                .replaceAll("(\"" + ITEMS_PART + "\",\\s*\"rows\"\\s*:\\s*\\d+,\\s*\"bytes\"\\s*:\\s*)\\d+", "$1" + shorter.length)
                .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> restore(ArchiveFixtures.tarZst(entries))).isInstanceOfSatisfying(TidemarkException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
            assertThat(e.getMessage()).contains(ITEMS_PART + " holds ").contains(" rows but manifest.json says ");
        });
        assertTargetUnchanged();
    }
}
