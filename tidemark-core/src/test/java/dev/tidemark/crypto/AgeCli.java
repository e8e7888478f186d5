package dev.tidemark.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code age}, {@code age-keygen}, {@code zstd} and {@code tar} command line tools. */
final class AgeCli {
    private AgeCli() {
    }

    /** Fails loudly when a tool is missing: these tests are the proof of interoperability. */
    static void requireTools() {
        for (String tool : List.of("age", "age-keygen", "zstd", "tar")) {
            boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                fail("the '" + tool + "' command is needed by this test and is not on PATH; install it with "
                        + "`apt-get install -y age zstd`");
            }
        }
    }

    /** Runs {@code bash -c script} in {@code dir}; fails the test unless it exits 0. Returns standard output. */
    static String run(Path dir, String script) throws IOException, InterruptedException {
        Path errors = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script)
                .directory(dir.toFile())
                .redirectError(errors.toFile())
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", script).isTrue();
        assertThat(process.exitValue()).as("%s failed: %s", script, Files.readString(errors)).isZero();
        Files.delete(errors);
        return out;
    }
}
