package dev.tidemark.engine;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports how many bytes have been read so far, for progress. */
final class CountingInputStream extends FilterInputStream {
    private final JobProgress progress;
    private long count;

    CountingInputStream(InputStream in, JobProgress progress) {
        super(in);
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            progress.bytesDone(++count);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            progress.bytesDone(count);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        progress.bytesDone(count);
        return skipped;
    }
}
