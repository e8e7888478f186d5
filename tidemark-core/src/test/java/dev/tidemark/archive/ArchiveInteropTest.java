package dev.tidemark.archive;

import static dev.tidemark.archive.ArchiveFixtures.header;
import static dev.tidemark.archive.ArchiveFixtures.options;
import static dev.tidemark.archive.ArchiveFixtures.row;
import static dev.tidemark.archive.ArchiveFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.schema.Table;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive is readable with standard tools alone (docs/FORMAT.md, "Reading an archive by hand"). */
class ArchiveInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireZstd() {
        boolean onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "zstd")));
        if (!onPath) {
            throw new AssertionError("the zstd command is required for the archive interop tests"
                    + " (scripts/test installs it: apt-get install zstd)");
        }
    }

    @Test
    void zstdAndTarExtractReadableFiles() throws Exception {
        Table people = table("people", "id", "name", "note");
        Table empty = table("empty", "x");
        List<String[]> rows = List.of(
                row("1", "Ada", null),
                row("2", "", "said \"hi\", left"),
                row("3", "multi\r\nline", " padded "),
                row("4", "Zoë 🎉", "back\\slash"));
        Path archive = dir.resolve("snap.tar.zst");
        Files.write(archive, ArchiveFixtures.write(header(people, empty), options(dir, 1 << 20), List.of(rows, List.of())));
        Path out = Files.createDirectory(dir.resolve("out"));

        run(out, "bash", "-c", "set -o pipefail; zstd -d < ../snap.tar.zst | tar -x");

        assertThat(out.resolve("header.json")).isRegularFile();
        assertThat(out.resolve("manifest.json")).isRegularFile();
        String csv = Files.readString(out.resolve("data/0001-people/00001.csv"), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("id,name,note\n"
                + "1,Ada,\n"
                + "2,\"\",\"said \"\"hi\"\", left\"\n"
                + "3,\"multi\r\nline\", padded \n"
                + "4,Zoë 🎉,back\\slash\n");
        assertThat(Files.readString(out.resolve("data/0002-empty/00001.csv"))).isEqualTo("x\n");

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("format").asText()).isEqualTo("tidemark-archive");
        assertThat(manifest.get("formatVersion").asInt()).isEqualTo(1);
        JsonNode part = manifest.get("tables").get(0).get("parts").get(0);
        byte[] extracted = Files.readAllBytes(out.resolve(part.get("path").asText()));
        assertThat(part.get("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(extracted)));
        assertThat(part.get("bytes").asLong()).isEqualTo(extracted.length);
        assertThat(part.get("rows").asLong()).isEqualTo(4);
        JsonNode header = new ObjectMapper().readTree(out.resolve("header.json").toFile());
        assertThat(header.get("snapshotId").asText()).isEqualTo("20260102T030405Z-test");
        assertThat(header.get("schema").get("tables").get(0).get("name").asText()).isEqualTo("people");
    }

    @Test
    void frameCarriesAContentChecksumAndTarListsEntriesInOrder() throws Exception {
        Table t = table("t", "a");
        Path archive = dir.resolve("snap.tar.zst");
        Files.write(archive, ArchiveFixtures.write(header(t), options(dir, 1 << 20), List.of(List.<String[]>of(row("1")))));

        assertThat(run(dir, "zstd", "-lv", "snap.tar.zst")).contains("Check: XXH64");
        assertThat(run(dir, "bash", "-c", "set -o pipefail; zstd -d < snap.tar.zst | tar -t").lines())
                .containsExactly("header.json", "data/0001-t/00001.csv", "manifest.json");
    }

    private static String run(Path workingDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("exit code of %s, output: %s", String.join(" ", command), output).isZero();
        return output;
    }
}
