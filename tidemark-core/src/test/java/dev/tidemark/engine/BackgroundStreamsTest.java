package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The read-ahead and write-behind streams pass every byte through in order and report the source's failure. */
class BackgroundStreamsTest {

    @Test
    void readAheadDeliversExactlyTheSourceBytes() throws IOException {
        byte[] data = randomBytes(3 * 1024 * 1024 + 17);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ReadAheadInputStream in = new ReadAheadInputStream(new TrickleInputStream(data), "test-read")) {
            byte[] buffer = new byte[7919];
            assertThat(in.read()).isEqualTo(data[0] & 0xFF);
            copy.write(data[0]);
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                copy.write(buffer, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(copy.toByteArray()).isEqualTo(data);
    }

    @Test
    void readAheadThrowsTheSourcesFailureAfterTheBytesBeforeIt() throws IOException {
        byte[] data = randomBytes(600_000);
        IOException broken = new IOException("connection reset");
        InputStream failing = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == data.length) {
                    throw broken;
                }
                return data[position++] & 0xFF;
            }
        };
        try (ReadAheadInputStream in = new ReadAheadInputStream(failing, "test-read")) {
            byte[] received = in.readNBytes(data.length);
            assertThat(received).isEqualTo(data);
            assertThatThrownBy(in::read).isSameAs(broken);
        }
    }

    @Test
    void writeBehindWritesEverythingInOrderAndClosesTheTargetOnlyWhenAsked() throws IOException {
        byte[] data = randomBytes(2 * 1024 * 1024 + 5);
        boolean[] closed = {false};
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        WriteBehindOutputStream out = new WriteBehindOutputStream(target, false, "test-write");
        out.write(data, 0, 1000);
        out.write(data[1000]);
        out.write(data, 1001, data.length - 1001);
        out.close();
        assertThat(target.toByteArray()).isEqualTo(data);
        assertThat(closed[0]).isFalse();

        WriteBehindOutputStream closing = new WriteBehindOutputStream(target, true, "test-write");
        closing.close();
        assertThat(closed[0]).isTrue();
    }

    @Test
    void writeBehindReportsTheTargetsFailureAndAbandonDropsTheRest() throws IOException {
        IOException full = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw full;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw full;
            }
        };
        WriteBehindOutputStream out = new WriteBehindOutputStream(failing, true, "test-write");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                out.write(new byte[256 * 1024]);
            }
            out.finish();
        }).isSameAs(full);
        out.abandon();

        ByteArrayOutputStream target = new ByteArrayOutputStream();
        WriteBehindOutputStream abandoned = new WriteBehindOutputStream(target, false, "test-write");
        abandoned.write(new byte[10]);
        abandoned.abandon();
        assertThat(target.size()).isZero();
    }

    private static byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    /** Hands out a few bytes per read, as a network stream does. */
    private static final class TrickleInputStream extends ByteArrayInputStream {
        TrickleInputStream(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1000));
        }
    }
}
