package dev.tidemark.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * A finished CSV part waiting in its encrypted staging file to be appended to an archive (see
 * {@link SegmentWriter}). Its name in the archive is given only when it is appended, because part
 * numbers count the parts of the whole table, which may come from several segments.
 */
public final class StagedPart {
    private final PartSpool spool;
    private final long rows;
    private final String sha256;

    StagedPart(PartSpool spool, long rows, String sha256) {
        this.spool = spool;
        this.rows = rows;
        this.sha256 = sha256;
    }

    /** Data records in the part (the header row not counted). */
    public long rows() {
        return rows;
    }

    /** The part's size in bytes, header row included. */
    public long bytes() {
        return spool.bytes();
    }

    String sha256() {
        return sha256;
    }

    InputStream read() throws IOException {
        return spool.read();
    }

    /** Deletes the staging file. Idempotent; never throws. */
    public void discard() {
        spool.discard();
    }
}
