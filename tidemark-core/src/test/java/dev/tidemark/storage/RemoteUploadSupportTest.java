package dev.tidemark.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Part sizing, part buffering, retries and resumed downloads shared by the remote providers. */
class RemoteUploadSupportTest {

    @Test
    void s3PartSizesGrowSoThatTenThousandPartsHoldTerabytes() {
        PartSizes sizes = new PartSizes(8L << 20, 512L << 20, 500, 10_000);
        assertThat(sizes.sizeOf(1)).isEqualTo(8L << 20);
        assertThat(sizes.sizeOf(500)).isEqualTo(8L << 20);
        assertThat(sizes.sizeOf(501)).isEqualTo(16L << 20);
        assertThat(sizes.sizeOf(10_000)).isEqualTo(512L << 20);
        assertThat(sizes.maxObjectSize()).isGreaterThan(3L << 40);
    }

    @Test
    void partsAreHandedOverWhenFullAndTheRestWaitsForCommit() throws IOException {
        List<byte[]> parts = new ArrayList<>();
        PartedOutputStream out = new PartedOutputStream(new PartSizes(10, 20, 2, 100),
                (number, bytes, length) -> {
                    assertThat(number).isEqualTo(parts.size() + 1);
                    parts.add(Arrays.copyOf(bytes, length));
                }, "x");
        byte[] data = new byte[57];
        new Random(1).nextBytes(data);

        out.write(data, 0, 7);
        out.write(data[7]);
        out.write(data, 8, 49);

        assertThat(parts).extracting(p -> p.length).containsExactly(10, 10, 20);
        assertThat(out.pendingLength()).isEqualTo(17);
        assertThat(out.nextPartNumber()).isEqualTo(4);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part);
        }
        all.write(out.pendingBytes(), 0, out.pendingLength());
        assertThat(all.toByteArray()).isEqualTo(data);
    }

    @Test
    void aFailedPartMakesTheStreamRefuseFurtherWrites() {
        PartedOutputStream out = new PartedOutputStream(new PartSizes(4, 4, 1, 100), (n, b, l) -> {
            throw new IOException("HTTP 403 AccessDenied");
        }, "x");

        assertThatThrownBy(() -> out.write(new byte[5])).hasMessage("HTTP 403 AccessDenied");
        assertThat(out.failed()).isTrue();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
    }

    @Test
    void anObjectBeyondThePartLimitFailsInsteadOfGrowingWithoutBound() {
        PartedOutputStream out = new PartedOutputStream(new PartSizes(4, 4, 1, 3), (n, b, l) -> { }, "big");
        assertThatThrownBy(() -> out.write(new byte[13])).isInstanceOf(IOException.class)
                .hasMessageContaining("object big is larger than the storage allows for one upload (12 bytes)");
    }

    @Test
    void transientFailuresAreRetriedAndPermanentOnesAreNot() throws IOException {
        TransientRetry retry = new TransientRetry(3, Duration.ofMillis(1), Duration.ofMillis(2), new TestClassifier());
        AtomicInteger calls = new AtomicInteger();

        assertThat(retry.run("op", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new SocketException("Connection reset");
            }
            return "done";
        })).isEqualTo("done");
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> retry.run("storing x in bucket b", () -> {
            calls.incrementAndGet();
            throw new SocketException("Connection reset");
        })).isInstanceOf(IOException.class).hasMessage("storing x in bucket b failed after 3 attempts: Connection reset");
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> retry.run("listing bucket b", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("HTTP 403");
        })).isInstanceOf(IOException.class).hasMessage("listing bucket b failed: HTTP 403");
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> retry.run("reading x", () -> {
            throw new NoSuchObjectException("x");
        })).isInstanceOf(NoSuchObjectException.class);
    }

    @Test
    void aBrokenDownloadResumesAtTheFirstUnreadByte() throws IOException {
        byte[] content = new byte[100_000];
        new Random(2).nextBytes(content);
        List<Long> resumedAt = new ArrayList<>();
        InputStream in = new ResumingInputStream("x", breakingAfter(content, 0, 30_000), content.length, offset -> {
            resumedAt.add(offset);
            return breakingAfter(content, (int) offset, 40_000);
        });

        assertThat(in.readAllBytes()).isEqualTo(content);
        assertThat(resumedAt).containsExactly(30_000L, 70_000L);
    }

    @Test
    void aDownloadThatEndsEarlyIsAnErrorNotAShortObject() {
        byte[] content = new byte[1000];
        InputStream in = new ResumingInputStream("x", new ByteArrayInputStream(content, 0, 10), content.length,
                offset -> new ByteArrayInputStream(content, 0, 0));

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                .hasMessageContaining("reading x failed at byte 10");
    }

    /** Gives {@code content} from {@code start}, then fails with a reset after {@code limit} bytes. */
    private static InputStream breakingAfter(byte[] content, int start, int limit) {
        return new InputStream() {
            private int position = start;

            @Override
            public int read() throws IOException {
                if (position >= content.length) {
                    return -1;
                }
                if (position - start >= limit) {
                    throw new SocketException("Connection reset");
                }
                return content[position++] & 0xff;
            }
        };
    }

    private static final class TestClassifier implements TransientRetry.Classifier {
        @Override
        public boolean isTransient(Exception failure) {
            return failure instanceof SocketException;
        }

        @Override
        public String describe(Exception failure) {
            return failure instanceof FileNotFoundException ? "not found" : failure.getMessage();
        }
    }
}
