package dev.tidemark.archive.changes;

import com.github.luben.zstd.ZstdInputStream;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.RowChange;
import dev.tidemark.types.CanonicalText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a change segment written by {@link ChangeSegmentWriter}, from its plain (decrypted) bytes, as runs of the
 * changes of one transaction: at most {@code maxChanges} at a time, so a transaction of millions of rows never sits
 * in memory whole. A record that does not follow the format, or a transaction without its {@code commit} record,
 * is refused as damage ({@link ErrorKind#ARCHIVE_INVALID}) naming the segment.
 */
public final class ChangeSegmentReader implements AutoCloseable {
    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> records;
    private final String what;
    private final int maxChanges;
    private String transactionPosition;

    /** The changes of one transaction read so far; {@link #commits()} says whether the transaction ends with them. */
    public record Run(String position, Instant commitTime, List<RowChange> changes, boolean commits) {
    }

    /**
     * @param plain      the segment's bytes as stored, decrypted (still zstd-compressed)
     * @param what       names the segment in messages
     * @param maxChanges the most changes of one run
     */
    public ChangeSegmentReader(InputStream plain, String what, int maxChanges) throws IOException {
        this.what = what;
        this.maxChanges = maxChanges;
        this.csv = CsvReader.builder().ofCsvRecord(new InputStreamReader(new ZstdInputStream(plain), StandardCharsets.UTF_8));
        this.records = csv.iterator();
        try {
            if (!records.hasNext() || !records.next().getFields().equals(ChangeSegmentFormat.COLUMNS)) {
                throw damaged("it does not start with the header " + String.join(",", ChangeSegmentFormat.COLUMNS));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The next run of changes, or null after the last transaction. */
    public Run next() throws IOException {
        List<RowChange> changes = new ArrayList<>();
        Instant commitTime = null;
        String position = null;
        try {
            while (records.hasNext()) {
                CsvRecord record = records.next();
                if (record.getFieldCount() != ChangeSegmentFormat.COLUMNS.size()) {
                    throw damaged("line " + record.getStartingLineNumber() + " has " + record.getFieldCount() + " fields");
                }
                position = record.getField(0);
                if (transactionPosition != null && !transactionPosition.equals(position)) {
                    throw damaged("line " + record.getStartingLineNumber() + " starts a transaction before the last one "
                            + "committed");
                }
                transactionPosition = position;
                commitTime = commitTime(record);
                String op = record.getField(2);
                if (op.equals(ChangeSegmentFormat.COMMIT)) {
                    transactionPosition = null;
                    return new Run(position, commitTime, changes, true);
                }
                changes.add(change(record, op));
                if (changes.size() == maxChanges) {
                    return new Run(position, commitTime, changes, false);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
            throw damaged(e.getMessage());
        }
        if (transactionPosition != null) {
            throw damaged("its last transaction has no commit record: the segment was cut short");
        }
        return null;
    }

    private Instant commitTime(CsvRecord record) {
        try {
            return CanonicalText.parseTimestampTz(record.getField(1));
        } catch (RuntimeException e) {
            throw damaged("line " + record.getStartingLineNumber() + " has no commit time");
        }
    }

    private RowChange change(CsvRecord record, String op) throws IOException {
        try {
            RowChange.Operation operation = ChangeSegmentFormat.operation(op);
            String values = record.getField(5);
            String[] after = operation == RowChange.Operation.DELETE ? null : ChangeSegmentFormat.values(values);
            if (record.getField(3).isEmpty()) {
                throw new IllegalArgumentException("no table");
            }
            return new RowChange(operation, record.getField(3), ChangeSegmentFormat.values(record.getField(4)), after);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw damaged("line " + record.getStartingLineNumber() + " is not a change: " + e.getMessage());
        }
    }

    private TidemarkException damaged(String problem) {
        return new TidemarkException(ErrorKind.ARCHIVE_INVALID, "change segment " + what + " is damaged: " + problem,
                "the change log was changed or cut short after it was written; restore to a point before it");
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
