package dev.tidemark.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidemark.source.RowSource;
import dev.tidemark.schema.Table;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat however many rows a table has: 2,000,000 rows (about 90 MB of CSV) are written and
 * read back in a JVM whose heap is far smaller than the data, so anything kept per row fails the run.
 */
class ArchiveMemoryTest {
    private static final int ROWS = 2_000_000;
    private static final String HEAP = "-Xmx48m";

    @TempDir
    Path dir;

    @Test
    void twoMillionRowsWriteAndReadInASmallHeap() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), BoundedRun.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.strip()).endsWith("verified " + ROWS + " rows");
    }

    static String[] expectedRow(long i, String[] reuse) {
        reuse[0] = Long.toString(i);
        reuse[1] = i % 7 == 0 ? null : i % 11 == 0 ? "" : "name, \"" + (i * 2654435761L % 1_000_003) + "\"";
        reuse[2] = "2026-01-01 00:00:00." + (i % 1000) + "+00";
        return reuse;
    }

    /** Runs in the child JVM. */
    static final class BoundedRun {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            Table table = ArchiveFixtures.table("events", "id", "name", "at");
            SnapshotHeader header = ArchiveFixtures.header(table);
            Path file = dir.resolve("big.tar.zst");
            String[] row = new String[3];
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                 ArchiveWriter writer = new ArchiveWriter(out, header, new ArchiveOptions(1, 512 * 1024, dir))) {
                try (TableWriter rows = writer.beginTable(table)) {
                    for (long i = 0; i < ROWS; i++) {
                        rows.accept(expectedRow(i, row));
                    }
                }
                Manifest manifest = writer.finish();
                if (manifest.totalRows() != ROWS || manifest.tables().get(0).parts().size() < 100) {
                    throw new AssertionError("unexpected manifest: " + manifest.totalRows() + " rows in "
                            + manifest.tables().get(0).parts().size() + " parts");
                }
            }
            long read = 0;
            String[] expected = new String[3];
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                 ArchiveReader reader = ArchiveReader.open(in)) {
                ArchivePart part;
                while ((part = reader.nextPart()) != null) {
                    RowSource rows = part.rows();
                    String[] actual;
                    while ((actual = rows.next()) != null) {
                        if (!Arrays.equals(actual, expectedRow(read, expected))) {
                            throw new AssertionError("row " + read + " differs: " + List.of(actual));
                        }
                        read++;
                    }
                }
                Manifest manifest = reader.finish();
                if (read != ROWS || manifest.totalRows() != ROWS) {
                    throw new AssertionError("read " + read + " rows, manifest says " + manifest.totalRows());
                }
            }
            System.out.println("verified " + read + " rows");
        }
    }
}
