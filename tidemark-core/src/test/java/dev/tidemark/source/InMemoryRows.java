package dev.tidemark.source;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of one table held in memory: a {@link RowSink} that copies what a snapshot exports and a
 * {@link RowSource} that hands the same rows to a restore. Lets dialect tests run export → load without
 * an archive.
 */
public final class InMemoryRows implements RowSink {
    private final List<String[]> rows = new ArrayList<>();

    @Override
    public void accept(String[] values) {
        // the caller may reuse the array
        rows.add(values.clone());
    }

    public List<String[]> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** A fresh source over the collected rows. */
    public RowSource source() {
        return source(rows);
    }

    public static RowSource source(List<String[]> rows) {
        Iterator<String[]> iterator = rows.iterator();
        return () -> iterator.hasNext() ? iterator.next() : null;
    }
}
