package dev.tidemark.storage.azure;

import dev.tidemark.storage.azure.AzureStorageSettings;
import dev.tidemark.env.Secret;
import dev.tidemark.storage.PartSizes;
import dev.tidemark.storage.TransientRetry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * Azurite, the Azure Storage emulator, as the tests reach it: started by scripts/start-azurite when it
 * is not running yet. The tests fail (never skip) when it cannot be started.
 */
final class Azurite {
    /** Azurite's well-known development account; not a secret of any real account. */
    static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static boolean started;

    private Azurite() {
    }

    /** The blob service's port, starting Azurite first if needed. */
    static synchronized int port() {
        int port = Integer.parseInt(System.getenv().getOrDefault("AZURITE_BLOB_PORT", "10000"));
        if (!started && !listening(port)) {
            start();
        }
        started = true;
        return port;
    }

    static String connectionString(int port) {
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
    }

    /** Settings for a container no other test uses, reached through {@code port}. */
    static AzureStorageSettings settings(int port, String container, String prefix) {
        return new AzureStorageSettings(container, Secret.of(connectionString(port)), prefix);
    }

    static String newContainerName() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static TransientRetry quickRetry(int attempts) {
        return new TransientRetry(attempts, Duration.ofMillis(10), Duration.ofMillis(100), new AzureFailures());
    }

    /** Blocks of 1 MiB, so that uploads of a few MiB are made of several blocks. */
    static PartSizes smallBlocks() {
        return new PartSizes(1L << 20, 1L << 20, 50_000, 50_000);
    }

    private static void start() {
        Path script = findScript();
        try {
            // Never hand the test JVM's own stdin/stdout to the script: the test runner talks to this JVM
            // through them, and npm or the emulator reading or writing there breaks that channel.
            Path log = Files.createTempFile("start-azurite", ".log");
            Process process = new ProcessBuilder("bash", script.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("scripts/start-azurite failed (exit " + process.exitValue()
                        + "); the Azure storage tests need Azurite on 127.0.0.1: " + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Azurite", e);
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts/start-azurite");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/start-azurite not found above " + Path.of("").toAbsolutePath());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
