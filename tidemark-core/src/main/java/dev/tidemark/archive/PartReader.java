package dev.tidemark.archive;

import de.siegmar.fastcsv.reader.CsvReader;
import dev.tidemark.source.RowSource;
import dev.tidemark.schema.Column;
import dev.tidemark.schema.Table;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** Reads one CSV part from the tar entry under it, hashing and counting every byte it consumes. */
final class PartReader implements ArchivePart {
    private final ArchiveReader archive;
    private final Table table;
    private final int partNumber;
    private final String path;
    private final HashingStream raw;
    private final CsvRecordScanner scanner;
    private final CsvRecordParser.RecordHandler handler;
    private Iterator<String[]> records;
    private Use use = Use.NONE;
    private long rows;
    private boolean ended;
    private boolean current = true;

    /** How the data records are being read; a part is read one way only. */
    private enum Use { NONE, ROWS, CSV_RECORDS }

    PartReader(ArchiveReader archive, Table table, int partNumber, String path, InputStream entry) throws IOException {
        this.archive = archive;
        this.table = table;
        this.partNumber = partNumber;
        this.path = path;
        this.raw = new HashingStream(entry);
        this.scanner = new CsvRecordScanner(raw, path, table.name(), table.columns().size());
        this.handler = new CsvRecordParser.RecordHandler(table.columns().size());
        checkHeaderRow(scanner.readHeader());
    }

    @Override
    public String tableName() {
        return table.name();
    }

    @Override
    public Table table() {
        return table;
    }

    @Override
    public int partNumber() {
        return partNumber;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public RowSource rows() {
        claim(Use.ROWS);
        return this::next;
    }

    @Override
    public InputStream csvRecords() {
        claim(Use.CSV_RECORDS);
        scanner.checkRecords();
        return new CheckedRecords();
    }

    @Override
    public void csvRecordBlocks(int blockBytes, RecordBlockSink sink) throws IOException {
        csvRecords(); // claims the part and starts the checks
        byte[] block = new byte[blockBytes + (1 << 16)];
        int length = 0;
        while (true) {
            requireCurrent();
            try {
                if (!scanner.fillBuffer()) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                throw archive.failure(e, path);
            }
            int start = scanner.bufferStart();
            int end = scanner.bufferEnd();
            int recordEnd = scanner.lastRecordEnd();
            if (length + end - start > block.length) {
                block = java.util.Arrays.copyOf(block, Math.max(block.length * 2, length + end - start));
            }
            System.arraycopy(scanner.buffer(), start, block, length, end - start);
            int cut = recordEnd > start ? length + recordEnd - start : -1;
            length += end - start;
            scanner.consumeBuffer();
            if (length >= blockBytes && cut > 0) {
                byte[] next = new byte[Math.max(blockBytes + (1 << 16), length - cut)];
                System.arraycopy(block, cut, next, 0, length - cut);
                sink.accept(block, cut);
                block = next;
                length -= cut;
            }
        }
        if (length > 0) {
            if (block[length - 1] != '\n') {
                if (length == block.length) {
                    block = java.util.Arrays.copyOf(block, length + 1);
                }
                block[length++] = '\n';
            }
            sink.accept(block, length);
        }
    }

    private void requireCurrent() {
        if (!current) {
            throw new IllegalStateException(path + " is no longer current: the reader has moved to a later part");
        }
    }

    private void claim(Use wanted) {
        requireCurrent();
        if (use != Use.NONE && use != wanted) {
            throw new IllegalStateException(path + " is already being read " + (use == Use.ROWS ? "as rows" : "as CSV records"));
        }
        use = wanted;
    }

    /** Reads the rest of the part and returns what it held. */
    PartInfo drain() throws IOException {
        if (use == Use.CSV_RECORDS) {
            try {
                scanner.skipRest();
            } catch (IOException | RuntimeException e) {
                throw archive.failure(e, path);
            }
            rows = scanner.records();
        } else {
            while (next() != null) {
                // each row is checked and counted by next()
            }
        }
        current = false;
        return new PartInfo(path, rows, raw.count, HexFormat.of().formatHex(raw.digest.digest()));
    }

    private String[] next() throws IOException {
        requireCurrent();
        if (ended) {
            return null;
        }
        String[] row = nextRecord();
        if (row == null) {
            ended = true;
            // records end where the entry ends; read any remainder so the hash covers every byte
            scanner.skipRest();
            return null;
        }
        if (handler.fieldCount() != row.length) {
            throw ArchiveFailures.invalid("archive is corrupt: " + path + " line " + (scanner.headerLines() + handler.line()) + " has "
                    + handler.fieldCount() + " fields but table " + table.name() + " has " + row.length + " columns");
        }
        rows++;
        return row;
    }

    private String[] nextRecord() throws IOException {
        try {
            if (records == null) {
                records = csvReader().iterator();
            }
            return records.hasNext() ? records.next() : null;
        } catch (RuntimeException e) {
            throw archive.failure(e, path);
        }
    }

    /** A CSV parser for the data records (the scanner has consumed the header row). */
    private CsvReader<String[]> csvReader() {
        return CsvRecordParser.parser(scanner, handler);
    }

    private void checkHeaderRow(List<String> actual) {
        List<String> expected = table.columns().stream().map(Column::name).toList();
        if (actual == null) {
            throw ArchiveFailures.invalid("archive is corrupt: " + path + " has no header row");
        }
        if (!actual.equals(expected)) {
            throw ArchiveFailures.invalid("archive is corrupt: the header row of " + path + " does not match the columns of table "
                    + table.name() + " (" + abbreviate(String.join(",", expected)) + ")");
        }
    }

    /** The data records as they are stored; source failures are reported in the archive's terms. */
    private final class CheckedRecords extends InputStream {
        @Override
        public int read() throws IOException {
            requireCurrent();
            try {
                return scanner.read();
            } catch (IOException | RuntimeException e) {
                throw archive.failure(e, path);
            }
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            requireCurrent();
            try {
                return scanner.read(target, offset, length);
            } catch (IOException | RuntimeException e) {
                throw archive.failure(e, path);
            }
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            long total = 0;
            while (true) {
                requireCurrent();
                try {
                    if (!scanner.fillBuffer()) {
                        return total;
                    }
                } catch (IOException | RuntimeException e) {
                    throw archive.failure(e, path);
                }
                int start = scanner.bufferStart();
                int end = scanner.bufferEnd();
                scanner.consumeBuffer();
                out.write(scanner.buffer(), start, end - start);
                total += end - start;
            }
        }

        @Override
        public int available() {
            return scanner.available();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "…";
    }

    /** Passes the entry's bytes through while hashing and counting them; never closes the tar stream. */
    private static final class HashingStream extends FilterInputStream {
        private final MessageDigest digest = PartSpool.newSha256();
        private long count;

        HashingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            int read = read(buffer, 0, (int) Math.min(n, buffer.length));
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() {
            // the tar stream stays open for the next entry
        }
    }
}
