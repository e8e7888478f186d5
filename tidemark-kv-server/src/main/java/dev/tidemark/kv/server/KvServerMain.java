package dev.tidemark.kv.server;

import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the KV server on its own for manual tries:
 * {@code java -cp ... dev.tidemark.kv.server.KvServerMain [--host H] [--port P] [--password-file F]}.
 */
public final class KvServerMain {
    private KvServerMain() {
    }

    public static void main(String[] argv) throws Exception {
        String host = KvSettings.DEFAULT_HOST;
        int port = KvSettings.DEFAULT_PORT;
        String password = null;
        Path dataDir = Path.of("kv-data");
        try {
            for (int i = 0; i < argv.length; i++) {
                String value = i + 1 < argv.length ? argv[i + 1] : null;
                switch (argv[i]) {
                    case "--host" -> host = require(argv[i], value);
                    case "--port" -> port = Integer.parseInt(require(argv[i], value));
                    case "--password-file" -> password = java.nio.file.Files.readString(Path.of(require(argv[i], value))).strip();
                    case "--data-dir" -> dataDir = Path.of(require(argv[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + argv[i]
                        + " (options: --host, --port, --password-file, --data-dir)");
                }
                i++;
            }
            KvServer server = new KvServer(new KvSettings(host, port, password, FsyncPolicy.EVERYSEC, dataDir)).start();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }));
            stop.await();
        } catch (TidemarkException e) {
            System.err.println("tidemark kv: " + e.oneLine());
            System.exit(e.kind().exitCode());
        } catch (IllegalArgumentException e) {
            System.err.println("tidemark kv: " + e.getMessage());
            System.exit(2);
        }
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
