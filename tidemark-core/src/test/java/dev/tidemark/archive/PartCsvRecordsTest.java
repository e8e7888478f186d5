package dev.tidemark.archive;

import static dev.tidemark.archive.ArchiveFixtures.entries;
import static dev.tidemark.archive.ArchiveFixtures.header;
import static dev.tidemark.archive.ArchiveFixtures.options;
import static dev.tidemark.archive.ArchiveFixtures.row;
import static dev.tidemark.archive.ArchiveFixtures.table;
import static dev.tidemark.archive.ArchiveFixtures.tarZst;
import static dev.tidemark.archive.ArchiveFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.schema.Table;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchivePart#csvRecords()}: the stored bytes after the header, verified exactly as rows are. */
class PartCsvRecordsTest {
    private static final String USERS_PART = "data/0001-users/00002.csv";

    @TempDir
    Path spool;

    private final Table users = table("users", "id", "name");
    private final Table orders = table("orders", "id", "note");
    private byte[] archive;

    @BeforeEach
    void writeArchive() throws IOException {
        List<String[]> userRows = new ArrayList<>();
        List<String[]> orderRows = new ArrayList<>();
        String[] notes = {"", null, "a,b", "say \"hi\"", "two\nlines", "😀", "\\."};
        for (int i = 0; i < 3000; i++) {
            userRows.add(row(Integer.toString(i), "user number " + i));
            orderRows.add(row(Integer.toString(i), notes[i % notes.length]));
        }
        archive = ArchiveFixtures.write(header(users, orders), options(spool, 8 * 1024), List.of(userRows, orderRows));
    }

    /** Reads every part as CSV records (or only the first bytes of each, when {@code limit} is set). */
    private static Map<String, byte[]> readRecords(byte[] archive, int limit) throws IOException {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                InputStream records = part.csvRecords();
                parts.put(part.path(), limit < 0 ? records.readAllBytes() : records.readNBytes(limit));
            }
            reader.finish();
        }
        return parts;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] archive) {
        return assertThatThrownBy(() -> readRecords(archive, -1)).isInstanceOfSatisfying(TidemarkException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID));
    }

    @Test
    void recordBlocksHoldWholeRecordsAndTogetherEqualTheRecords() throws IOException {
        List<String[]> orderRows = new ArrayList<>();
        String[] notes = {"", null, "a,b", "say \"hi\"", "two\nlines", "😀", "\\.", "x".repeat(300)};
        for (int i = 0; i < 40_000; i++) {
            orderRows.add(row(Integer.toString(i), notes[i % notes.length]));
        }
        // parts larger than the reader's 64 KiB buffer, so that they come in several blocks
        byte[] large = ArchiveFixtures.write(header(orders), options(spool, 400 * 1024), List.of(orderRows));
        Map<String, byte[]> records = readRecords(large, -1);
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(large))) {
            for (ArchivePart part = reader.nextPart(); part != null; part = reader.nextPart()) {
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                List<Integer> sizes = new ArrayList<>();
                part.csvRecordBlocks(1000, (block, length) -> {
                    joined.write(block, 0, length);
                    sizes.add(length);
                    // a block ends where a record ends: outside quotes, after a newline
                    long quotes = 0;
                    for (int i = 0; i < length; i++) {
                        quotes += block[i] == '"' ? 1 : 0;
                    }
                    assertThat(block[length - 1]).isEqualTo((byte) '\n');
                    assertThat(quotes % 2).isZero();
                });
                assertThat(joined.toByteArray()).isEqualTo(records.get(part.path()));
                assertThat(sizes).hasSizeGreaterThan(2).allMatch(size -> size >= 1000 || size == sizes.get(sizes.size() - 1));
            }
            reader.finish();
        }
    }

    @Test
    void aLastRecordStoredWithoutItsNewlineGetsOneInItsBlock() throws IOException {
        Map<String, byte[]> entries = entries(archive);
        entries.put(USERS_PART, Arrays.copyOf(entries.get(USERS_PART), entries.get(USERS_PART).length - 1));
        // the manifest no longer matches, which the reader reports at its end; the blocks come before that
        byte[] shortened = tarZst(entries);
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(shortened))) {
            ArchivePart part = reader.nextPart();
            while (!part.path().equals(USERS_PART)) {
                part = reader.nextPart();
            }
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            part.csvRecordBlocks(1 << 20, (block, length) -> joined.write(block, 0, length));
            String stored = utf8(entries.get(USERS_PART));
            assertThat(stored).doesNotEndWith("\n");
            assertThat(utf8(joined.toByteArray())).isEqualTo(stored.substring(stored.indexOf('\n') + 1) + "\n");
        }
    }

    @Test
    void recordsAreThePartsBytesAfterTheHeaderRow() throws IOException {
        Map<String, byte[]> stored = entries(archive);
        Map<String, byte[]> read = readRecords(archive, -1);
        assertThat(read.keySet()).hasSizeGreaterThan(4).allMatch(stored::containsKey);
        for (var part : read.entrySet()) {
            String content = utf8(stored.get(part.getKey()));
            assertThat(utf8(part.getValue())).isEqualTo(content.substring(content.indexOf('\n') + 1));
        }
    }

    @Test
    void partsReadInPartOrNotAtAllAreStillVerified() throws IOException {
        readRecords(archive, 100);
        readRecords(archive, 0);
    }

    @Test
    void aPartIsReadEitherAsRowsOrAsRecords() throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            ArchivePart first = reader.nextPart();
            first.rows().next();
            assertThatThrownBy(first::csvRecords).isInstanceOf(IllegalStateException.class);
            ArchivePart second = reader.nextPart();
            InputStream records = second.csvRecords();
            assertThatThrownBy(second::rows).isInstanceOf(IllegalStateException.class);
            reader.nextPart();
            assertThatThrownBy(records::read).isInstanceOf(IllegalStateException.class);
            reader.finish();
        }
    }

    @Test
    void rowCountThatDiffersFromTheManifestIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String manifest = utf8(entries.get("manifest.json"));
        entries.put("manifest.json", utf8(manifest.replaceFirst("\"rows\" : 3000", "\"rows\" : 2999")
                .replaceFirst("\"rows\": 3000", "\"rows\": 2999")));

        assertRejected(tarZst(entries)).hasMessageContaining("rows");
    }

    @Test
    void recordWithWrongFieldCountIsRejectedAsTheRowPathRejectsIt() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String content = utf8(entries.get(USERS_PART));
        int secondRecord = content.indexOf('\n') + 1;
        entries.put(USERS_PART, utf8(content.substring(0, secondRecord) + content.substring(secondRecord).replaceFirst(",", ",x,")));

        assertRejected(tarZst(entries)).hasMessage("archive is corrupt: " + USERS_PART
                + " line 2 has 3 fields but table users has 2 columns");
        assertThatThrownBy(() -> ArchiveFixtures.readAll(tarZst(entries))).hasMessage("archive is corrupt: " + USERS_PART
                + " line 2 has 3 fields but table users has 2 columns");
    }

    @Test
    void unbalancedQuoteIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        byte[] content = entries.get(USERS_PART);
        byte[] broken = Arrays.copyOf(content, content.length + 8);
        System.arraycopy(utf8("9,\"open\n"), 0, broken, content.length, 8);
        entries.put(USERS_PART, broken);

        assertRejected(tarZst(entries)).hasMessageContaining("invalid CSV in " + USERS_PART);
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        byte[] content = entries.get(USERS_PART);
        byte[] broken = Arrays.copyOf(content, content.length + 4);
        System.arraycopy(new byte[] {'9', ',', (byte) 0xC3, '\n'}, 0, broken, content.length, 4);
        entries.put(USERS_PART, broken);

        assertRejected(tarZst(entries)).hasMessage("archive is corrupt: " + USERS_PART + " is not valid UTF-8");
    }

    @Test
    void truncationInsideAPartNamesThePart() throws IOException {
        java.util.Random random = new java.util.Random(7);
        List<String[]> noise = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            noise.add(row(Integer.toString(i), Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())));
        }
        byte[] large = ArchiveFixtures.write(header(users), options(spool, 32 * 1024), List.of(noise));
        byte[] truncated = Arrays.copyOf(large, large.length / 2);
        assertRejected(truncated).hasMessageMatching("archive is truncated: it ends inside data/0001-users/\\d{5}\\.csv");
    }

    @Test
    void aStoredPartCanBeCopiedOutWhole() throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(new ByteArrayInputStream(archive))) {
            ArchivePart part = reader.nextPart();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long copied = part.csvRecords().transferTo(out);
            assertThat(copied).isEqualTo(out.size()).isPositive();
            reader.finish();
        }
    }
}
