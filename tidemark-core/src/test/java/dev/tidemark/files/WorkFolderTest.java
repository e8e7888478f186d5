package dev.tidemark.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {
    @TempDir
    Path dir;

    @Test
    void foldersOfProcessesThatAreGoneAreRemovedAndLiveOnesKept() throws Exception {
        Path tmp = dir.resolve("tmp");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "not Tidemark's");
        // what a killed process leaves: its folder, a lock file nobody holds, a staged part, a link out
        Path dead = Files.createDirectories(tmp.resolve("spool-4242-00112233aabbccdd"));
        Files.writeString(dead.resolve(".owner.lock"), "");
        Files.writeString(dead.resolve("tidemark-part-1.csv"), "staged");
        Files.createSymbolicLink(dead.resolve("link"), outside);
        Path youngDead = Files.createDirectories(tmp.resolve("spool-4243-00112233aabbccde"));
        Path looseOld = Files.writeString(tmp.resolve("tidemark-part-77.csv"), "old layout");
        Path looseNew = Files.writeString(tmp.resolve("tidemark-part-78.csv"), "old layout, recent");
        Path unrelated = Files.createDirectories(tmp.resolve("someone-elses"));

        try (WorkFolder live = WorkFolder.create(tmp, "spool")) {
            Files.writeString(live.path().resolve("tidemark-part-2.csv"), "being staged");
            Instant old = Instant.now().minus(WorkFolder.GRACE).minus(Duration.ofHours(2));
            for (Path path : new Path[] {dead, looseOld, unrelated, live.path()}) {
                Files.setLastModifiedTime(path, FileTime.from(old));
            }

            assertThat(WorkFolder.removeAbandoned(tmp)).isEqualTo(2);

            assertThat(dead).doesNotExist();
            assertThat(looseOld).doesNotExist();
            assertThat(outside).as("links are removed, not followed").hasContent("not Tidemark's");
            assertThat(youngDead).as("within the grace time").exists();
            assertThat(looseNew).exists();
            assertThat(unrelated).exists();
            assertThat(live.path().resolve("tidemark-part-2.csv")).hasContent("being staged");
        }
    }

    @Test
    void closingRemovesTheFolderAndWhatIsInIt() throws Exception {
        WorkFolder folder = WorkFolder.create(dir.resolve("tmp"), "spool");
        Files.writeString(folder.path().resolve("tidemark-part-1.csv"), "x");
        folder.close();
        assertThat(folder.path()).doesNotExist();
        assertThat(WorkFolder.removeAbandoned(dir.resolve("tmp"))).isZero();
    }
}
