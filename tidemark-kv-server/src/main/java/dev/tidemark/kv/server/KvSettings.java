package dev.tidemark.kv.server;

import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the KV server needs to start: where to listen, the password (null: no AUTH), the fsync policy of the
 * append-only log and its data directory. Port 0 picks a free port.
 */
public record KvSettings(String host, int port, String password, FsyncPolicy fsync, Path dataDir) {
    public static final int DEFAULT_PORT = 6380;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public KvSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new TidemarkException(ErrorKind.CONFIG, "KV port " + port + " is out of range",
                "use a port between 1 and 65535");
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password == null && !isLoopback(host)) {
            throw new TidemarkException(ErrorKind.CONFIG, "the KV server would listen on " + host + " without a password",
                "set a password, or listen on 127.0.0.1");
        }
    }

    /** Loopback-only settings without a password, data in dataDir. */
    public static KvSettings local(int port, Path dataDir) {
        return new KvSettings(DEFAULT_HOST, port, null, FsyncPolicy.EVERYSEC, dataDir);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new TidemarkException(ErrorKind.CONFIG, "KV host " + host + " cannot be resolved",
                "use an IP address or a resolvable name", e);
        }
    }

    @Override
    public String toString() {
        return "KvSettings[host=" + host + ", port=" + port + ", password=" + (password == null ? "none" : "set")
            + ", fsync=" + fsync + ", dataDir=" + dataDir + "]";
    }
}
