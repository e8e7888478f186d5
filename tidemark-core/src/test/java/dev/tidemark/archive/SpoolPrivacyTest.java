package dev.tidemark.archive;

import static dev.tidemark.archive.ArchiveFixtures.header;
import static dev.tidemark.archive.ArchiveFixtures.options;
import static dev.tidemark.archive.ArchiveFixtures.row;
import static dev.tidemark.archive.ArchiveFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.schema.Table;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts staged on disk while a snapshot is written never hold table data in plain text. */
class SpoolPrivacyTest {
    private static final String SECRET = "card-4111-1111-1111-1111";

    @TempDir
    Path spool;

    @Test
    void stagedPartsAreUnreadableAndTheArchiveIsIntact() throws Exception {
        Table t = table("payments", "id", "card");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter writer = new ArchiveWriter(out, header(t), options(spool, 64L << 20))) {
            try (TableWriter payments = writer.beginTable(t)) {
                for (int i = 0; i < 20_000; i++) {
                    payments.accept(row(Integer.toString(i), SECRET));
                }
                List<Path> staged = files();
                assertThat(staged).as("a part is being staged").isNotEmpty();
                for (Path file : staged) {
                    byte[] content = Files.readAllBytes(file);
                    assertThat(content.length).as("the staged part has data on disk").isGreaterThan(100_000);
                    assertThat(new String(content, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET).doesNotContain("payments");
                }
            }
            writer.finish();
        }
        assertThat(files()).isEmpty();
        var readBack = ArchiveFixtures.readAll(out.toByteArray());
        assertThat(readBack.rows().get("payments")).hasSize(20_000).allSatisfy(r -> assertThat(r[1]).isEqualTo(SECRET));
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.walk(spool)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
