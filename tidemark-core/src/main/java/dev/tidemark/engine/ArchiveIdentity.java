package dev.tidemark.engine;

import dev.tidemark.archive.ArchiveReader;
import dev.tidemark.archive.SnapshotHeader;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.ObjectNames;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An archive records the id of its snapshot (header.json's {@code snapshotId}); it is read only under that
 * snapshot's index entry. An archive copied or moved under another entry (whose size and SHA-256 were made to
 * match) is refused before anything is restored or written.
 */
final class ArchiveIdentity {
    private ArchiveIdentity() {
    }

    /** @throws TidemarkException ARCHIVE_INVALID when the archive belongs to another snapshot */
    static void require(SnapshotEntry entry, SnapshotHeader header) {
        if (!header.snapshotId().equals(entry.id())) {
            throw new TidemarkException(ErrorKind.ARCHIVE_INVALID, "the archive of snapshot "
                    + ObjectNames.printable(header.snapshotId()) + " is stored under snapshot "
                    + entry.id() + "'s index entry", "restore the snapshot the archive belongs to; delete this one with"
                    + " `tidemark snapshot delete " + entry.id() + "`");
        }
    }

    /**
     * Copies the archive bytes {@code archive} of {@code entry} to {@code out} as they are, checking on the way that
     * the archive is that snapshot's: its header is read from the bytes as they pass, so nothing is held back.
     */
    static void copyChecked(SnapshotEntry entry, InputStream archive, OutputStream out) throws IOException {
        Copying copying = new Copying(archive, out);
        try (ArchiveReader reader = ArchiveReader.open(copying)) {
            require(entry, reader.header());
        }
        copying.transferTo(OutputStream.nullOutputStream());
    }

    /** Writes every byte read through it to {@code copy}; closing it leaves the source open. */
    private static final class Copying extends FilterInputStream {
        private final OutputStream copy;

        Copying(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] skipped = new byte[(int) Math.min(n, 8192)];
            int read = read(skipped, 0, skipped.length);
            return Math.max(read, 0);
        }

        @Override
        public void close() {
            // the reader of the header closes what it reads; the rest of the archive is still to be copied
        }
    }
}
