package dev.tidemark.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.archive.GoldenArchives.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins archive format v1: archives written by earlier versions must still read, and the current writer
 * must produce exactly the same entries (the zstd bytes may differ between zstd releases, the tar
 * contents may not).
 */
class GoldenArchiveTest {
    @TempDir
    Path spool;

    static Stream<Golden> goldens() {
        return GoldenArchives.all().stream();
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void goldenArchiveReadsToItsExactInput(Golden golden) throws Exception {
        ArchiveFixtures.ReadBack back;
        try (InputStream in = resource(golden.name() + ".tar.zst")) {
            back = ArchiveFixtures.readAll(in.readAllBytes());
        }

        assertThat(back.header()).isEqualTo(golden.header());
        List<String> tableNames = golden.header().schema().tables().stream().map(t -> t.name()).toList();
        for (int i = 0; i < tableNames.size(); i++) {
            assertThat(back.rows().getOrDefault(tableNames.get(i), List.of()))
                    .as("rows of %s", tableNames.get(i)).containsExactlyElementsOf(golden.rows().get(i));
        }
        Manifest manifest = back.manifest();
        assertThat(manifest.header()).isEqualTo(golden.header());
        assertThat(manifest.tables()).extracting(TableContents::name).containsExactlyElementsOf(tableNames);
        long totalRows = golden.rows().stream().mapToLong(List::size).sum();
        assertThat(manifest.totalRows()).isEqualTo(totalRows);
        Path expected = expectedDir(golden);
        long totalBytes = 0;
        for (int i = 0; i < tableNames.size(); i++) {
            TableContents table = manifest.tables().get(i);
            assertThat(table.rows()).isEqualTo(golden.rows().get(i).size());
            for (PartInfo part : table.parts()) {
                byte[] content = Files.readAllBytes(expected.resolve(part.path()));
                assertThat(part.bytes()).isEqualTo(content.length);
                assertThat(part.sha256()).isEqualTo(sha256(content));
                totalBytes += content.length;
            }
        }
        assertThat(manifest.totalBytes()).isEqualTo(totalBytes);
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void currentWriterProducesTheGoldenEntriesByteForByte(Golden golden) throws Exception {
        Map<String, byte[]> written = ArchiveFixtures.entries(GoldenArchives.write(golden, spool));

        assertEntriesMatchExpected(golden, written);
    }

    @ParameterizedTest
    @MethodSource("goldens")
    void checkedInArchiveHoldsTheCheckedInEntries(Golden golden) throws Exception {
        Map<String, byte[]> stored;
        try (InputStream in = resource(golden.name() + ".tar.zst")) {
            stored = ArchiveFixtures.entries(in.readAllBytes());
        }

        assertEntriesMatchExpected(golden, stored);
    }

    private static void assertEntriesMatchExpected(Golden golden, Map<String, byte[]> entries) throws Exception {
        Path expected = expectedDir(golden);
        List<String> names = new ArrayList<>(entries.keySet());
        assertThat(names.get(0)).isEqualTo("header.json");
        assertThat(names.get(names.size() - 1)).isEqualTo("manifest.json");
        assertThat(names.subList(1, names.size() - 1)).isSorted().allMatch(n -> n.startsWith("data/"));
        try (Stream<Path> files = Files.walk(expected)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> expected.relativize(p).toString()))
                    .containsExactlyInAnyOrderElementsOf(names);
        }
        for (var entry : entries.entrySet()) {
            assertThat(ArchiveFixtures.utf8(entry.getValue())).as(entry.getKey())
                    .isEqualTo(Files.readString(expected.resolve(entry.getKey())));
            assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(Files.readAllBytes(expected.resolve(entry.getKey())));
        }
    }

    private static Path expectedDir(Golden golden) throws URISyntaxException {
        return Path.of(GoldenArchiveTest.class.getResource("/golden/" + golden.name()).toURI());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = GoldenArchiveTest.class.getResourceAsStream("/golden/" + name);
        if (in == null) {
            throw new IOException("missing test resource golden/" + name);
        }
        return in;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
