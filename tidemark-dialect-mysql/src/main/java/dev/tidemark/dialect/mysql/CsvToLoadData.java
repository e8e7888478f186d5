package dev.tidemark.dialect.mysql;

import dev.tidemark.source.CsvImportDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Archive CSV records ({@link dev.tidemark.source.CsvImport}) as a {@link LoadDataStream}, encoded in one pass
 * as they are read. Values of columns that load their canonical text unchanged ({@link LoadKind#TEXT}) are
 * copied byte for byte, escaped on the way; only the values of the other columns are decoded and converted,
 * exactly as {@link RowsToLoadData} converts them.
 */
final class CsvToLoadData extends LoadDataStream implements CsvImportDecoder.Fields {
    private final InputStream records;
    private final CsvImportDecoder decoder;
    private final byte[] input = new byte[1 << 16];
    /** Per column: whether its values pass through unchanged. */
    private final boolean[] verbatim;
    private int column;
    private boolean nullValue;
    /** The bytes so far of the current value of a column that is converted. */
    private byte[] value = new byte[64];
    private int valueLength;

    CsvToLoadData(String table, List<TargetColumn> columns, InputStream records) {
        super(table, columns);
        this.records = records;
        this.decoder = new CsvImportDecoder(this, columns.size(), ESCAPED);
        this.verbatim = new boolean[columns.size()];
        for (int i = 0; i < verbatim.length; i++) {
            verbatim[i] = columns.get(i).loadKind() == LoadKind.TEXT;
        }
    }

    @Override
    boolean encodeMore() {
        int n;
        try {
            n = records.read(input, 0, input.length);
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
        if (n < 0) {
            return decoder.atRecordEnd() ? false : fail(archiveInvalid("the records end inside a record"));
        }
        try {
            decoder.decode(input, 0, n);
        } catch (ValueRejected e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
        return true;
    }

    @Override
    public void data(byte[] bytes, int offset, int length) {
        if (verbatim[column]) {
            putPlain(bytes, offset, length);
        } else {
            if (valueLength + length > value.length) {
                value = Arrays.copyOf(value, Math.max(2 * value.length, valueLength + length));
            }
            System.arraycopy(bytes, offset, value, valueLength, length);
            valueLength += length;
        }
    }

    @Override
    public void marked(byte b) {
        if (verbatim[column]) {
            putEscaped(b);
        } else {
            data(new byte[] {b}, 0, 1);
        }
    }

    @Override
    public void nullValue() {
        nullValue = true;
        putNull();
    }

    @Override
    public void separator() throws ValueRejected {
        endValue();
        put((byte) '\t');
        column++;
    }

    @Override
    public void recordEnd() throws ValueRejected {
        endValue();
        endRow();
        column = 0;
    }

    private void endValue() throws ValueRejected {
        if (!verbatim[column] && !nullValue && !putValue(column, new String(value, 0, valueLength, StandardCharsets.UTF_8))) {
            throw new ValueRejected();
        }
        valueLength = 0;
        nullValue = false;
    }

    /** Unwinds the decoder once {@link #putValue} has failed the stream. */
    private static final class ValueRejected extends IOException {
        private static final long serialVersionUID = 1L;

        ValueRejected() {
            super("a value was rejected");
        }
    }
}
