package dev.tidemark.crypto;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures, on one uncompressed snapshot tar, the single-thread throughput of zstd compression at
 * several levels (with the frame checksum, as archives are written) and of age encryption and
 * decryption of the compressed stream. Output goes to memory, so the figures are CPU cost, not disk
 * speed. Not a test: run it by hand (docs/ENCRYPTION.md, Performance):
 *
 * <pre>
 * java -Xmx3g -cp tidemark-cli/target/tidemark-all.jar:tidemark-core/target/test-classes \
 *     dev.tidemark.crypto.CompressionAndEncryptionBenchmark snapshot.tar [level …]
 * </pre>
 * age is measured on the output of the last level given (default levels: 1 9 3).
 */
public final class CompressionAndEncryptionBenchmark {
    private static final double MB = 1_000_000.0;

    private CompressionAndEncryptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path tar = Path.of(args[0]);
        List<Integer> levels = args.length > 1
                ? Arrays.stream(args, 1, args.length).map(Integer::valueOf).toList() : List.of(1, 9, 3);
        long tarBytes = Files.size(tar);
        System.out.printf(Locale.ROOT, "input: %s, %.1f MB uncompressed%n", tar, tarBytes / MB);
        byte[] compressed = null;
        for (int level : levels) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, tarBytes / 2));
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(tar);
                 OutputStream zstd = new ZstdOutputStream(out, level).setChecksum(true)) {
                in.transferTo(zstd);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            compressed = out.toByteArray();
            System.out.printf(Locale.ROOT, "zstd level %2d: %7.1f MB/s of input, %.1f s, %.1f MB out (ratio %.2f)%n",
                    level, tarBytes / MB / seconds, seconds, compressed.length / MB, (double) tarBytes / compressed.length);
        }
        measureAge(compressed);
    }

    private static void measureAge(byte[] compressed) throws IOException {
        AgeKeyPair key = AgeKeys.generate();
        long start = System.nanoTime();
        try (OutputStream out = AgeEncryption.encryptTo(OutputStream.nullOutputStream(), List.of(key.publicKey()))) {
            new ByteArrayInputStream(compressed).transferTo(out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "age encrypt:   %7.1f MB/s, %.1f s for %.1f MB%n",
                compressed.length / MB / seconds, seconds, compressed.length / MB);

        ByteArrayOutputStream encrypted = new ByteArrayOutputStream(compressed.length + compressed.length / 1000 + 1024);
        try (OutputStream out = AgeEncryption.encryptTo(encrypted, List.of(key.publicKey()))) {
            out.write(compressed);
        }
        start = System.nanoTime();
        try (InputStream in = AgeDecryptor.of(key.secretKey())
                .decrypt(new ByteArrayInputStream(encrypted.toByteArray()), "benchmark", List.of())) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "age decrypt:   %7.1f MB/s, %.1f s%n", compressed.length / MB / seconds, seconds);
    }
}
