package dev.tidemark.dialect.mysql;

import dev.tidemark.source.RowSource;
import java.io.IOException;
import java.util.List;

/** The rows of a {@link RowSource} as a {@link LoadDataStream}, one row encoded at a time. */
final class RowsToLoadData extends LoadDataStream {
    private final RowSource rows;

    RowsToLoadData(String table, List<TargetColumn> columns, RowSource rows) {
        super(table, columns);
        this.rows = rows;
    }

    @Override
    boolean encodeMore() {
        String[] values;
        try {
            values = rows.next();
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
        if (values == null) {
            return false;
        }
        if (values.length != columns.size()) {
            return fail(archiveInvalid("a row has " + values.length + " values, the table has " + columns.size() + " columns"));
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            if (values[i] == null) {
                putNull();
            } else if (!putValue(i, values[i])) {
                return false;
            }
        }
        endRow();
        return true;
    }
}
