package dev.tidemark.dialect.postgres;

import dev.tidemark.source.CsvImportDecoder;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns archive CSV records ({@link dev.tidemark.source.CsvImport}) into {@link CopyText} as they stream
 * through, in one pass and without building values: a separator becomes a tab, an unquoted empty field
 * {@code \N}, a quoted field its content, and the bytes text format escapes are escaped wherever they occur.
 * Records may be split anywhere between writes.
 */
final class CsvToCopyText extends OutputStream implements CsvImportDecoder.Fields {
    private final CopyText out;
    private final CsvImportDecoder decoder;

    /**
     * @param out     where the rows go
     * @param columns the table's number of columns
     */
    CsvToCopyText(CopyText out, int columns) {
        this.out = out;
        this.decoder = new CsvImportDecoder(this, columns, CopyText.ESCAPED);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        decoder.decode(bytes, offset, offset + length);
        out.sendFull();
    }

    @Override
    public void data(byte[] bytes, int offset, int length) throws CopyText.CopyFailure {
        out.put(bytes, offset, length);
    }

    @Override
    public void marked(byte b) throws CopyText.CopyFailure {
        out.putEscaped(b);
    }

    @Override
    public void nullValue() throws CopyText.CopyFailure {
        out.putNull();
    }

    @Override
    public void separator() throws CopyText.CopyFailure {
        out.put((byte) '\t');
    }

    @Override
    public void recordEnd() throws CopyText.CopyFailure {
        out.put((byte) '\n');
    }

    /** Sends the rest; the records must have ended. */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Whether the last record written is complete. */
    boolean atRecordEnd() {
        return decoder.atRecordEnd();
    }
}
