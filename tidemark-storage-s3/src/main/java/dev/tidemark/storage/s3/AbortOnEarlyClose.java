package dev.tidemark.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * A GetObject body that, closed before its end, aborts the connection instead of draining the rest
 * of a possibly huge object (what closing the SDK's stream would do).
 */
final class AbortOnEarlyClose extends FilterInputStream {
    private final ResponseInputStream<?> response;
    private final long expected;
    private long read;

    AbortOnEarlyClose(ResponseInputStream<?> response, long expected) {
        super(response);
        this.response = response;
        this.expected = expected;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        if (n > 0) {
            read += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (read < expected) {
            response.abort();
        }
        super.close();
    }
}
