package dev.tidemark.config;

import dev.tidemark.env.Environment;
import dev.tidemark.env.Redaction;
import dev.tidemark.env.Secret;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSource;
import dev.tidemark.storage.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tidemark's configuration, validated once (see docs/CONFIGURATION.md for every variable): the core settings, a
 * connection string and a schedule per {@link SnapshotSource}, and the settings of the chosen storage provider,
 * which that provider parsed itself. Secrets are {@link Secret}s and connection strings are redacted in
 * {@link #toString()}, so the whole record is safe to log. Build variants with {@link #toBuilder()}.
 *
 * @param dataDir          Tidemark's own state ({@code DATA_DIR})
 * @param connections      connection string per source name; {@code main} is always present (it defaults to the
 *                         SQLite file under the data folder), a missing {@code redis} means the built-in store
 * @param schedules        5-field cron expression per source name, for the sources that have one
 * @param host             the HTTP server's address ({@code HOST})
 * @param port             the HTTP server's port ({@code PORT})
 * @param adminPassword    the admin login, empty to generate one on first start ({@code ADMIN_PASSWORD})
 * @param snapshotsEnabled false when everything snapshot-related is off ({@code SNAPSHOTS_ENABLED})
 * @param agePublicKeys    age recipients to encrypt to, empty for no encryption ({@code SNAPSHOTS_AGE_PUBLIC_KEY})
 * @param ageSecretKey     age identities, one per line, to decrypt with ({@code SNAPSHOTS_AGE_SECRET_KEY})
 * @param storage          the snapshot storage, as its provider parsed it ({@code SNAPSHOTS_STORAGE_*})
 * @param snapshotMode     how snapshots stay consistent ({@code SNAPSHOTS_MODE})
 * @param parallelism      tables or parts processed at once ({@code SNAPSHOTS_PARALLELISM})
 * @param partSize         bytes of table data per archive part ({@code SNAPSHOTS_PART_SIZE})
 * @param compressionLevel zstd level 1–19 ({@code SNAPSHOTS_COMPRESSION_LEVEL})
 * @param keepLast         how many snapshots per source pruning keeps ({@code SNAPSHOTS_KEEP_LAST})
 * @param keepDays         how many days of snapshots pruning keeps ({@code SNAPSHOTS_KEEP_DAYS})
 * @param pitr             names of the sources whose changes are captured for point-in-time recovery
 *                         ({@code SNAPSHOTS_PITR}, per source {@code SNAPSHOTS_PITR_MAIN}, {@code SNAPSHOTS_PITR_REDIS})
 * @param pitrInterval     how often captured changes are sealed into a stored segment ({@code SNAPSHOTS_PITR_INTERVAL})
 */
public record TidemarkConfig(
        Path dataDir,
        Map<String, String> connections,
        Map<String, String> schedules,
        String host,
        int port,
        Optional<Secret> adminPassword,
        boolean snapshotsEnabled,
        List<String> agePublicKeys,
        Optional<Secret> ageSecretKey,
        StorageSettings storage,
        SnapshotMode snapshotMode,
        int parallelism,
        long partSize,
        int compressionLevel,
        Optional<Integer> keepLast,
        Optional<Integer> keepDays,
        Set<String> pitr,
        Duration pitrInterval) {

    public TidemarkConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        connections = Map.copyOf(connections);
        if (!connections.containsKey(SnapshotSource.MAIN.name())) {
            throw new IllegalArgumentException("the main database's connection string is required");
        }
        schedules = Map.copyOf(schedules);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminPassword, "adminPassword");
        agePublicKeys = List.copyOf(agePublicKeys);
        Objects.requireNonNull(ageSecretKey, "ageSecretKey");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(snapshotMode, "snapshotMode");
        Objects.requireNonNull(keepLast, "keepLast");
        Objects.requireNonNull(keepDays, "keepDays");
        pitr = Set.copyOf(pitr);
        Objects.requireNonNull(pitrInterval, "pitrInterval");
    }

    /**
     * Reads and validates the configuration from environment variables ({@code System.getenv()} in
     * production), each of which may instead be given as {@code NAME_FILE=/path}.
     *
     * @throws TidemarkException of kind CONFIG, message {@code "<VARIABLE>: <what is wrong>"}, at the
     *         first invalid variable; the message never contains a secret value
     */
    public static TidemarkConfig fromEnvironment(Map<String, String> environment) {
        return new EnvironmentParser(new Environment(environment)).parse();
    }

    /** The main database's connection string ({@code DATABASE_URL}). */
    public String databaseUrl() {
        return connections.get(SnapshotSource.MAIN.name());
    }

    /** The connection string of {@code source}; empty when it is not set (for {@code redis}: the built-in store). */
    public Optional<String> connection(SnapshotSource source) {
        return Optional.ofNullable(connections.get(source.name()));
    }

    /** The cron expression of {@code source}'s schedule, if it has one. */
    public Optional<String> schedule(SnapshotSource source) {
        return Optional.ofNullable(schedules.get(source.name()));
    }

    /** Whether the changes of {@code source} are captured for point-in-time recovery. */
    public boolean capturesChanges(SnapshotSource source) {
        return pitr.contains(source.name());
    }

    /** Whether new snapshots are encrypted (at least one age public key is configured). */
    public boolean encryptsSnapshots() {
        return !agePublicKeys.isEmpty();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every setting, with passwords in connection strings and all secrets replaced by {@code ***}. */
    @Override
    public String toString() {
        return "TidemarkConfig[dataDir=" + dataDir
                + ", connections=" + redacted(connections)
                + ", schedules=" + schedules
                + ", host=" + host
                + ", port=" + port
                + ", adminPassword=" + (adminPassword.isPresent() ? "***" : "(generated)")
                + ", snapshotsEnabled=" + snapshotsEnabled
                + ", agePublicKeys=" + agePublicKeys
                + ", ageSecretKey=" + (ageSecretKey.isPresent() ? "***" : "(none)")
                + ", storage=" + storage
                + ", snapshotMode=" + snapshotMode
                + ", parallelism=" + parallelism
                + ", partSize=" + partSize
                + ", compressionLevel=" + compressionLevel
                + ", keepLast=" + keepLast.map(String::valueOf).orElse("(unset)")
                + ", keepDays=" + keepDays.map(String::valueOf).orElse("(unset)")
                + ", pitr=" + new java.util.TreeSet<>(pitr)
                + ", pitrInterval=" + pitrInterval + "]";
    }

    private static String redacted(Map<String, String> connections) {
        return connections.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + Redaction.url(entry.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Changes some values of a configuration; every value not set keeps the one it was built from. */
    public static final class Builder {
        private Path dataDir;
        private final Map<String, String> connections;
        private final Map<String, String> schedules;
        private String host;
        private int port;
        private Optional<Secret> adminPassword;
        private boolean snapshotsEnabled;
        private List<String> agePublicKeys;
        private Optional<Secret> ageSecretKey;
        private StorageSettings storage;
        private SnapshotMode snapshotMode;
        private int parallelism;
        private long partSize;
        private int compressionLevel;
        private Optional<Integer> keepLast;
        private Optional<Integer> keepDays;
        private final Set<String> pitr;
        private Duration pitrInterval;

        private Builder(TidemarkConfig from) {
            dataDir = from.dataDir;
            connections = new LinkedHashMap<>(from.connections);
            schedules = new LinkedHashMap<>(from.schedules);
            host = from.host;
            port = from.port;
            adminPassword = from.adminPassword;
            snapshotsEnabled = from.snapshotsEnabled;
            agePublicKeys = from.agePublicKeys;
            ageSecretKey = from.ageSecretKey;
            storage = from.storage;
            snapshotMode = from.snapshotMode;
            parallelism = from.parallelism;
            partSize = from.partSize;
            compressionLevel = from.compressionLevel;
            keepLast = from.keepLast;
            keepDays = from.keepDays;
            pitr = new java.util.LinkedHashSet<>(from.pitr);
            pitrInterval = from.pitrInterval;
        }

        /** Another main database, e.g. from a command-line flag. */
        public Builder databaseUrl(String url) {
            return connection(SnapshotSource.MAIN, Optional.of(url));
        }

        /** Another connection string for {@code source}; empty removes it (for {@code redis}: the built-in store). */
        public Builder connection(SnapshotSource source, Optional<String> url) {
            url.ifPresentOrElse(value -> connections.put(source.name(), value), () -> connections.remove(source.name()));
            return this;
        }

        /** Another schedule for {@code source}; empty removes it. */
        public Builder schedule(SnapshotSource source, Optional<String> cron) {
            cron.ifPresentOrElse(value -> schedules.put(source.name(), value), () -> schedules.remove(source.name()));
            return this;
        }

        public Builder dataDir(Path folder) {
            dataDir = folder;
            return this;
        }

        /** The HTTP server on another address and port. */
        public Builder http(String newHost, int newPort) {
            host = newHost;
            port = newPort;
            return this;
        }

        public Builder adminPassword(Optional<Secret> password) {
            adminPassword = password;
            return this;
        }

        public Builder snapshotsEnabled(boolean enabled) {
            snapshotsEnabled = enabled;
            return this;
        }

        /** Other age keys (empty list: no encryption; empty secret: cannot decrypt). */
        public Builder ageKeys(List<String> publicKeys, Optional<Secret> secretKey) {
            agePublicKeys = publicKeys;
            ageSecretKey = secretKey;
            return this;
        }

        /** Snapshots kept in another storage. */
        public Builder storage(StorageSettings settings) {
            storage = settings;
            return this;
        }

        public Builder snapshotMode(SnapshotMode mode) {
            snapshotMode = mode;
            return this;
        }

        public Builder parallelism(int workers) {
            parallelism = workers;
            return this;
        }

        public Builder partSize(long bytes) {
            partSize = bytes;
            return this;
        }

        public Builder compressionLevel(int level) {
            compressionLevel = level;
            return this;
        }

        /** Other retention rules; empty keeps that rule off. */
        public Builder retention(Optional<Integer> last, Optional<Integer> days) {
            keepLast = last;
            keepDays = days;
            return this;
        }

        /** Change capture for point-in-time recovery of {@code source} on or off. */
        public Builder pitr(SnapshotSource source, boolean on) {
            if (on) {
                pitr.add(source.name());
            } else {
                pitr.remove(source.name());
            }
            return this;
        }

        public Builder pitrInterval(Duration interval) {
            pitrInterval = interval;
            return this;
        }

        public TidemarkConfig build() {
            return new TidemarkConfig(dataDir, connections, schedules, host, port, adminPassword, snapshotsEnabled,
                    agePublicKeys, ageSecretKey, storage, snapshotMode, parallelism, partSize, compressionLevel,
                    keepLast, keepDays, pitr, pitrInterval);
        }
    }
}
