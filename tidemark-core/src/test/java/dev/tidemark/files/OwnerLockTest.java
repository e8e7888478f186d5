package dev.tidemark.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Locks seen from another process, which is then killed as a crash would kill it. */
@Timeout(60)
class OwnerLockTest {
    @TempDir
    Path dir;

    @Test
    void aFileLockedByAnotherProcessIsHeldUntilThatProcessIsKilled() throws Exception {
        Path file = dir.resolve(".upload.partial");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            assertThat(OwnerLock.probe(file)).isEqualTo(OwnerLock.State.HELD);
            assertThat(OwnerLock.probe(file)).as("probing does not take the lock away").isEqualTo(OwnerLock.State.HELD);

            holder.destroyForcibly();
            assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(OwnerLock.probe(file)).isEqualTo(OwnerLock.State.FREE);
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aFileClaimedInThisJvmIsHeldWithoutBeingOpenedAndAPlainFileIsFree() throws Exception {
        Path claimed = dir.resolve(".mine.partial");
        OwnerLock.claim(claimed);
        try (FileChannel channel = FileChannel.open(claimed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            assertThat(OwnerLock.hold(channel)).isTrue();
            Path alias = Files.createSymbolicLink(dir.resolve("alias"), dir).resolve(".mine.partial");
            assertThat(OwnerLock.probe(alias)).as("the same file through a link").isEqualTo(OwnerLock.State.HELD);
            assertThat(OwnerLock.probe(claimed)).isEqualTo(OwnerLock.State.HELD);
        } finally {
            OwnerLock.release(claimed);
        }
        assertThat(OwnerLock.probe(claimed)).isEqualTo(OwnerLock.State.FREE);
        assertThat(OwnerLock.probe(dir.resolve("missing"))).isEqualTo(OwnerLock.State.FREE);
    }

    /** Creates and locks the file named by its argument, says so, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (!OwnerLock.hold(channel)) {
                throw new IllegalStateException("no lock");
            }
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
