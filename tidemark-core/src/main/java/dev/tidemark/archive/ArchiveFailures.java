package dev.tidemark.archive;

import com.github.luben.zstd.ZstdIOException;
import de.siegmar.fastcsv.reader.CsvParseException;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;

/**
 * Turns the low-level failures of zstd, tar and CSV decoding into one-line {@code ARCHIVE_INVALID}
 * errors, and lets failures of the caller's own stream (storage, decryption) through unchanged so they
 * are not mistaken for a damaged archive.
 */
final class ArchiveFailures {
    static final String DAMAGED_HINT = ArchiveJson.DAMAGED_HINT;

    private ArchiveFailures() {
    }

    static TidemarkException invalid(String message) {
        return new TidemarkException(ErrorKind.ARCHIVE_INVALID, message, DAMAGED_HINT);
    }

    /**
     * Rethrows {@code failure} in the terms of the archive.
     *
     * @param source  the caller's stream, to tell its own failures and end of input apart
     * @param where   the entry being read, or null between entries
     */
    static IOException rethrow(Throwable failure, SourceStream source, String where) throws IOException {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SourceStream.SourceFailure sourceFailure) {
                throw sourceFailure.original();
            }
            if (t instanceof TidemarkException tidemark) {
                throw tidemark;
            }
        }
        String location = where == null ? "" : " in " + ArchiveLayout.printable(where);
        ZstdIOException zstd = find(failure, ZstdIOException.class);
        if (zstd != null && contains(zstd, "checksum")) {
            throw invalid("archive is corrupt: zstd checksum mismatch");
        }
        if (source.reachedEnd() && isEndOfInput(failure)) {
            throw invalid(where == null ? "archive is truncated: it ends before manifest.json"
                    : "archive is truncated: it ends inside " + ArchiveLayout.printable(where));
        }
        if (zstd != null) {
            throw invalid("archive is corrupt: zstd data error (" + oneLine(zstd.getMessage()) + ")");
        }
        if (find(failure, CharacterCodingException.class) != null) {
            throw invalid("archive is corrupt: " + (where == null ? "an entry" : ArchiveLayout.printable(where))
                    + " is not valid UTF-8");
        }
        if (find(failure, CsvParseException.class) != null) {
            throw invalid("archive is corrupt: invalid CSV" + location + " ("
                    + oneLine(find(failure, CsvParseException.class).getMessage()) + ")");
        }
        throw invalid("archive is corrupt: unreadable tar data" + location + " (" + oneLine(failure.getMessage()) + ")");
    }

    private static boolean isEndOfInput(Throwable failure) {
        // zstd reports "Truncated source", tar "Truncated TAR archive"
        return find(failure, EOFException.class) != null || contains(failure, "truncated")
                || contains(failure, "premature end");
    }

    private static boolean contains(Throwable failure, String word) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }

    /** The caller's stream, marking its own failures and remembering whether it has ended. */
    static final class SourceStream extends FilterInputStream {
        private boolean reachedEnd;

        SourceStream(InputStream in) {
            super(in);
        }

        boolean reachedEnd() {
            return reachedEnd;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                reachedEnd |= b < 0;
                return b;
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                reachedEnd |= n < 0;
                return n;
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
        }

        /** An IOException of the caller's stream, carried through zstd and tar untouched. */
        static final class SourceFailure extends IOException {
            private static final long serialVersionUID = 1L;

            SourceFailure(IOException original) {
                super(original.getMessage(), original);
            }

            IOException original() {
                return (IOException) getCause();
            }
        }
    }
}
