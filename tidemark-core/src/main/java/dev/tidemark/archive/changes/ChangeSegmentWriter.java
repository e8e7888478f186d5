package dev.tidemark.archive.changes;

import com.github.luben.zstd.ZstdOutputStream;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.tidemark.source.Position;
import dev.tidemark.source.RowChange;
import dev.tidemark.types.CanonicalText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Builds one change segment in memory: the transactions captured during one sealing interval, which is small
 * (a second of changes); the recorder seals early when {@link #uncompressedBytes()} grows large. Not thread-safe.
 */
public final class ChangeSegmentWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountingWriter text;
    private final CsvWriter csv;
    private Position first;
    private Position last;
    private Instant firstCommit;
    private Instant lastCommit;
    private long transactions;
    private long changes;
    private boolean finished;

    /** @param compressionLevel zstd level 1–19 */
    public ChangeSegmentWriter(int compressionLevel) {
        try {
            ZstdOutputStream zstd = new ZstdOutputStream(bytes, compressionLevel);
            this.text = new CountingWriter(new OutputStreamWriter(zstd, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text);
        csv.writeRecord(ChangeSegmentFormat.COLUMNS);
    }

    /** Appends one committed transaction, its changes in order. */
    public void add(Position position, Instant commitTime, List<RowChange> transaction) {
        if (finished) {
            throw new IllegalStateException("the segment is finished");
        }
        String where = position.text();
        String when = CanonicalText.timestampTz(commitTime);
        for (RowChange change : transaction) {
            csv.writeRecord(where, when, ChangeSegmentFormat.op(change.operation()), change.table(),
                    ChangeSegmentFormat.values(change.key()),
                    change.after() == null ? "" : ChangeSegmentFormat.values(change.after()));
        }
        csv.writeRecord(where, when, ChangeSegmentFormat.COMMIT, "", "", "");
        first = first == null ? position : first;
        firstCommit = firstCommit == null ? commitTime : firstCommit;
        last = position;
        lastCommit = commitTime;
        transactions++;
        changes += transaction.size();
    }

    public boolean isEmpty() {
        return transactions == 0;
    }

    public long transactions() {
        return transactions;
    }

    public long changes() {
        return changes;
    }

    /** The first transaction's position, or null when empty. */
    public Position first() {
        return first;
    }

    /** The last transaction's position, or null when empty. */
    public Position last() {
        return last;
    }

    public Instant firstCommit() {
        return firstCommit;
    }

    public Instant lastCommit() {
        return lastCommit;
    }

    /** About how many characters of CSV the segment holds so far. */
    public long uncompressedBytes() {
        return text.count;
    }

    /** The compressed segment; the writer takes no more transactions. */
    public byte[] finish() {
        if (!finished) {
            finished = true;
            try {
                csv.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes.toByteArray();
    }

    /** Counts the characters written, for sealing segments by size. */
    private static final class CountingWriter extends java.io.FilterWriter {
        private long count;

        CountingWriter(java.io.Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            count++;
            out.write(c);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            count += length;
            out.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            count += length;
            out.write(text, offset, length);
        }
    }
}
