package dev.tidemark.archive;

import dev.tidemark.source.RowSource;
import java.io.IOException;
import java.io.InputStream;

/** Checks a whole archive without restoring it, as {@code tidemark snapshot verify} does. */
public final class ArchiveVerifier {
    private ArchiveVerifier() {
    }

    /**
     * Reads every entry of the archive, parses every CSV record (field counts against the schema) and
     * verifies everything against the manifest (see {@link ArchiveReader#finish()}). Does not close {@code in}.
     *
     * @return the verified manifest
     * @throws dev.tidemark.error.TidemarkException ARCHIVE_INVALID naming the first problem found
     * @throws IOException                          when {@code in} itself fails
     */
    public static Manifest verify(InputStream in) throws IOException {
        ArchiveReader reader = ArchiveReader.open(new NonClosingInputStream(in));
        try {
            ArchivePart part;
            while ((part = reader.nextPart()) != null) {
                RowSource rows = part.rows();
                while (rows.next() != null) {
                    // parsing each record is the check
                }
            }
            return reader.finish();
        } finally {
            reader.close();
        }
    }

    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
