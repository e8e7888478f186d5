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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveRejectionTest {
    @TempDir
    Path spool;

    private final Table users = table("users", "id", "name");
    private final Table orders = table("orders", "id", "user_id");
    private byte[] archive;

    @BeforeEach
    void writeArchive() throws IOException {
        List<String[]> userRows = new ArrayList<>();
        List<String[]> orderRows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            userRows.add(row(Integer.toString(i), "user number " + i));
            orderRows.add(row(Integer.toString(i), Integer.toString(i % 100)));
        }
        archive = ArchiveFixtures.write(header(users, orders), options(spool, 8 * 1024), List.of(userRows, orderRows));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.3, 0.5, 0.8, 0.99})
    void truncatedArchiveIsRejected(double fraction) {
        int length = (int) (archive.length * fraction);
        byte[] truncated = Arrays.copyOf(archive, length);

        assertRejected(truncated).hasMessageContaining(length == 0 ? "archive is empty" : "truncated");
    }

    @Test
    void truncationInsideAPartNamesThePart() throws IOException {
        byte[] large = poorlyCompressibleArchive();
        byte[] truncated = Arrays.copyOf(large, large.length / 2);

        assertRejected(truncated).hasMessageMatching("archive is truncated: it ends inside data/000[12]-(users|orders)/\\d{5}\\.csv");
    }

    @Test
    void flippedByteInTheCompressedPayloadIsRejected() {
        for (int offset : new int[] {archive.length / 4, archive.length / 2, archive.length - 20}) {
            byte[] damaged = archive.clone();
            damaged[offset] ^= 0x20;
            assertRejected(damaged).hasMessageContaining("corrupt");
        }
    }

    @Test
    void flippedByteInALargeArchiveIsReportedAsCorruptionNotTruncation() throws IOException {
        byte[] large = poorlyCompressibleArchive();
        for (int offset : new int[] {large.length / 3, large.length / 2, large.length - 100}) {
            byte[] damaged = large.clone();
            damaged[offset] ^= 0x04;
            assertRejected(damaged).hasMessageStartingWith("archive is corrupt");
        }
    }

    /** Random text compresses little, so offsets into the file land well after the first zstd block. */
    private byte[] poorlyCompressibleArchive() throws IOException {
        var random = new java.util.Random(7);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(row(Integer.toString(i), Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())));
        }
        return ArchiveFixtures.write(header(users, orders), options(spool, 8 * 1024), List.of(rows, rows));
    }

    @Test
    void damagedFrameChecksumIsRejected() {
        byte[] damaged = archive.clone();
        damaged[damaged.length - 1] ^= 0x01;

        assertRejected(damaged).hasMessage("archive is corrupt: zstd checksum mismatch");
    }

    @Test
    void filesThatAreNotArchivesAreToldApart() {
        assertRejected(utf8("id,name\n1,x\n")).hasMessage("the file is not a Tidemark archive: it is not zstd-compressed");
        assertRejected(Arrays.copyOf(archive, 3)).hasMessage("archive is truncated: it ends before header.json");
        assertThatThrownBy(() -> ArchiveVerifier.verify(new ByteArrayInputStream(utf8("age-encryption.org/v1\n-> X25519 abc\n"))))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.KEY);
                    assertThat(e.getMessage()).contains("age-encrypted");
                });
    }

    @Test
    void tamperedCsvInARecompressedArchiveFailsItsChecksum() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String part = "data/0002-orders/00002.csv";
        entries.put(part, utf8(utf8(entries.get(part)).replaceFirst("\n(\\d+),(\\d+)\n", "\n$1,999\n")));

        assertRejected(tarZst(entries)).hasMessage("archive is corrupt: " + part
                + " does not match its SHA-256 checksum in manifest.json");
    }

    @Test
    void manifestOfUnknownFormatVersionIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        entries.put("manifest.json", utf8(utf8(entries.get("manifest.json")).replace("\"formatVersion\": 1", "\"formatVersion\": 2")));

        assertRejected(tarZst(entries)).hasMessageContaining("manifest.json has format version 2");
    }

    @Test
    void headerOfUnknownFormatIsRejectedWhenOpening() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        entries.put("header.json", utf8(utf8(entries.get("header.json")).replace("\"formatVersion\": 1", "\"formatVersion\": 2")));

        assertThatThrownBy(() -> ArchiveReader.open(new ByteArrayInputStream(tarZst(entries))))
                .isInstanceOfSatisfying(TidemarkException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
                    assertThat(e.getMessage()).contains("format version 2").doesNotContain("\n");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/x", "../x", "data/../../x", "data\\0001-users\\00001.csv", "notes.txt",
            "data/0001-users/1.csv"})
    void unsafeOrUnknownEntryNamesAreRejected(String name) throws IOException {
        LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>();
        var original = entries(archive);
        entries.put("header.json", original.get("header.json"));
        entries.put(name, utf8("id,name\n"));
        original.forEach(entries::putIfAbsent);

        assertRejected(tarZst(entries)).hasMessageContaining("entry '" + name + "'");
    }

    @Test
    void missingManifestIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        entries.remove("manifest.json");

        assertRejected(tarZst(entries)).hasMessage("archive is truncated: it ends before manifest.json");
    }

    @Test
    void missingPartIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String last = entries.keySet().stream().filter(n -> n.startsWith("data/0002")).reduce((a, b) -> b).orElseThrow();
        entries.remove(last);

        assertRejected(tarZst(entries)).hasMessage("archive is corrupt: manifest.json lists " + last
                + " but the archive does not contain it");
    }

    @Test
    void duplicatePartIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> original = entries(archive);
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(original.entrySet());
        list.add(2, list.get(1));

        assertRejected(tarZst(toMap(list))).hasMessage("archive is corrupt: duplicate part data/0001-users/00001.csv");
    }

    @Test
    void partsOutOfOrderAreRejected() throws IOException {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(entries(archive).entrySet());
        var second = list.remove(2);
        list.add(1, second);

        assertRejected(tarZst(toMap(list))).hasMessageContaining("parts out of order: data/0001-users/00002.csv");
    }

    @Test
    void headerRowThatDoesNotMatchTheColumnsIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String part = "data/0001-users/00001.csv";
        entries.put(part, utf8(utf8(entries.get(part)).replaceFirst("^id,name\n", "id,nom\n")));

        assertRejected(tarZst(entries)).hasMessageContaining("header row of " + part);
    }

    @Test
    void recordWithWrongFieldCountIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String part = "data/0001-users/00001.csv";
        entries.put(part, utf8(utf8(entries.get(part)).replaceFirst("\n0,user number 0\n", "\n0,user,number 0\n")));

        assertRejected(tarZst(entries)).hasMessage("archive is corrupt: " + part
                + " line 2 has 3 fields but table users has 2 columns");
    }

    @Test
    void entryAfterManifestIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        entries.put("data/0003-extra/00001.csv", utf8("x\n"));

        assertRejected(tarZst(entries)).hasMessageContaining("follows manifest.json");
    }

    @Test
    void manifestThatDisagreesWithHeaderIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        entries.put("manifest.json", utf8(utf8(entries.get("manifest.json")).replace("sqlite 3.46.0", "sqlite 3.47.0")));

        assertRejected(tarZst(entries)).hasMessage("archive is corrupt: manifest.json and header.json disagree on backendVersion");
    }

    @Test
    void rowCountMismatchIsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String manifest = utf8(entries.get("manifest.json"));
        entries.put("manifest.json", utf8(manifest.replaceFirst("\"rows\" : 3000", "\"rows\" : 2999")
                .replaceFirst("\"rows\": 3000", "\"rows\": 2999")));

        assertRejected(tarZst(entries)).hasMessageContaining("rows");
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        LinkedHashMap<String, byte[]> entries = entries(archive);
        String part = "data/0001-users/00001.csv";
        byte[] content = entries.get(part);
        byte[] broken = Arrays.copyOf(content, content.length + 4);
        System.arraycopy(new byte[] {'9', (byte) 0xC3, ',', '\n'}, 0, broken, content.length, 4);
        entries.put(part, broken);

        assertRejected(tarZst(entries)).hasMessageContaining(part + " is not valid UTF-8");
    }

    @Test
    void failuresOfTheCallersStreamPassThroughUnchanged() {
        IOException storageFailure = new IOException("connection reset by storage");
        InputStream failing = new InputStream() {
            private int remaining = archive.length / 2;
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    throw storageFailure;
                }
                int n = Math.min(len, remaining);
                System.arraycopy(archive, position, b, off, n);
                position += n;
                remaining -= n;
                return n;
            }
        };

        assertThatThrownBy(() -> ArchiveVerifier.verify(failing)).isSameAs(storageFailure);
    }

    @Test
    void verifierAcceptsTheIntactArchive() throws IOException {
        Manifest manifest = ArchiveVerifier.verify(new ByteArrayInputStream(archive));

        assertThat(manifest.totalRows()).isEqualTo(6000);
        assertThat(manifest.tables()).extracting(TableContents::name).containsExactly("users", "orders");
    }

    private static Map<String, byte[]> toMap(List<Map.Entry<String, byte[]>> list) {
        // a duplicate name must survive, so this is not a real map: entries are written in list order
        return new LinkedHashMap<>() {
            @Override
            public java.util.Set<Map.Entry<String, byte[]>> entrySet() {
                return new java.util.LinkedHashSet<>(list) {
                    @Override
                    public java.util.Iterator<Map.Entry<String, byte[]>> iterator() {
                        return list.iterator();
                    }
                };
            }
        };
    }

    @Test
    void aHeaderWhoseKeysNameColumnsTheTableLacksIsRejected() throws IOException {
        Table base = table("users", "id", "name");
        Map<String, Table> broken = new LinkedHashMap<>();
        broken.put(": primary key names column id, which the table does not have",
                keyed(table("users", "name"), List.of("id"), List.of(), List.of(), List.of()));
        broken.put(": unique key names column email, which the table does not have",
                keyed(base, List.of(), List.of(List.of("email")), List.of(), List.of()));
        broken.put(": index by_email names column email, which the table does not have", keyed(base, List.of(), List.of(),
                List.of(new dev.tidemark.schema.Index("by_email", List.of("email"), false, null, null)), List.of()));
        broken.put(": foreign key to_orders names column order_id, which the table does not have", keyed(base, List.of(),
                List.of(), List.of(), List.of(new dev.tidemark.schema.ForeignKey("to_orders", List.of("order_id"), "orders",
                        List.of("id"), null, null))));
        broken.put(": a foreign key has no columns", keyed(base, List.of(), List.of(), List.of(),
                List.of(new dev.tidemark.schema.ForeignKey(null, List.of(), "orders", List.of(), null, null))));
        broken.put(" has two columns named id", table("users", "id", "id"));
        for (Map.Entry<String, Table> table : broken.entrySet()) {
            byte[] archive = ArchiveFixtures.write(header(table.getValue()), options(spool, 8 * 1024), List.of(List.of()));
            assertRejected(archive).hasMessage("archive is corrupt: header.json: table users" + table.getKey());
        }
        byte[] twice = ArchiveFixtures.write(header(base, base), options(spool, 8 * 1024), List.of(List.of(), List.of()));
        assertRejected(twice).hasMessage("archive is corrupt: header.json: table users appears twice");
    }

    private static Table keyed(Table table, List<String> primaryKey, List<List<String>> uniqueKeys,
                               List<dev.tidemark.schema.Index> indexes, List<dev.tidemark.schema.ForeignKey> foreignKeys) {
        return new Table(table.name(), table.columns(), primaryKey, uniqueKeys, indexes, foreignKeys, null, Map.of());
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] archive) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> ArchiveVerifier.verify(new ByteArrayInputStream(archive)));
        assertThat(thrown).isInstanceOf(TidemarkException.class);
        TidemarkException e = (TidemarkException) thrown;
        assertThat(e.kind()).isEqualTo(ErrorKind.ARCHIVE_INVALID);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r").doesNotContain("Exception");
        assertThat(e.hint()).isNotBlank();
        return assertThat(thrown);
    }
}
