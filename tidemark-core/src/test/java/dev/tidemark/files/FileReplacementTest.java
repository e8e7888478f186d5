package dev.tidemark.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplacementTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        Path keys = dir.resolve("server/api-keys.json");
        FileReplacement.write(keys, out -> out.write("[{\"name\":\"ci\"}]".getBytes(UTF_8)));

        assertThatThrownBy(() -> FileReplacement.write(keys, out -> {
            out.write("[{\"name\":\"ci\"},{\"na".getBytes(UTF_8));
            out.flush();
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThatThrownBy(() -> FileReplacement.write(keys, out -> {
            throw new IllegalStateException("the serialiser broke");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(keys).hasContent("[{\"name\":\"ci\"}]");
        assertThat(filesIn(keys.getParent())).containsExactly(keys);
    }

    @Test
    void theNewContentReplacesTheOldOneWhole() throws Exception {
        Path file = dir.resolve("admin-password");
        FileReplacement.write(file, out -> out.write("first\n".getBytes(UTF_8)));
        // writers like Jackson close the stream they are given; the content must still be stored
        FileReplacement.write(file, out -> {
            out.write("second\n".getBytes(UTF_8));
            out.close();
        });

        assertThat(file).hasContent("second");
        assertThat(filesIn(dir)).containsExactly(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    private static java.util.List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
