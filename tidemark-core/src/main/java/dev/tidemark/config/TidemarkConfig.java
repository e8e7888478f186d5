package dev.tidemark.config;

import dev.tidemark.source.SnapshotMode;
import dev.tidemark.error.TidemarkException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tidemark's configuration, validated once (see docs/CONFIGURATION.md for every variable). Secrets are
 * {@link Secret}s and connection strings are redacted in {@link #toString()}, so the whole record is
 * safe to log.
 *
 * @param dataDir          Tidemark's own state ({@code DATA_DIR})
 * @param databaseUrl      the main database connection string, may hold a password ({@code DATABASE_URL})
 * @param redisUrl         the Redis-compatible store, empty for the built-in one ({@code REDIS_URL})
 * @param host             the HTTP server's address ({@code HOST})
 * @param port             the HTTP server's port ({@code PORT})
 * @param adminPassword    the admin login, empty to generate one on first start ({@code ADMIN_PASSWORD})
 * @param snapshotsEnabled false when everything snapshot-related is off ({@code SNAPSHOTS_ENABLED})
 * @param mainSchedule     5-field cron expression for the main database ({@code SNAPSHOTS_MAIN_SCHEDULE})
 * @param redisSchedule    5-field cron expression for the KV store ({@code SNAPSHOTS_REDIS_SCHEDULE})
 * @param agePublicKeys    age recipients to encrypt to, empty for no encryption ({@code SNAPSHOTS_AGE_PUBLIC_KEY})
 * @param ageSecretKey     age identities, one per line, to decrypt with ({@code SNAPSHOTS_AGE_SECRET_KEY})
 * @param storageProvider  {@code local}, {@code s3} or {@code azure} ({@code SNAPSHOTS_STORAGE_PROVIDER})
 * @param localStorageDir  the folder of the local provider ({@code SNAPSHOTS_STORAGE_LOCAL_DIR})
 * @param snapshotMode     how snapshots stay consistent ({@code SNAPSHOTS_MODE})
 * @param parallelism      tables or parts processed at once ({@code SNAPSHOTS_PARALLELISM})
 * @param partSize         bytes of table data per archive part ({@code SNAPSHOTS_PART_SIZE})
 * @param compressionLevel zstd level 1–19 ({@code SNAPSHOTS_COMPRESSION_LEVEL})
 * @param keepLast         how many snapshots per source pruning keeps ({@code SNAPSHOTS_KEEP_LAST})
 * @param keepDays         how many days of snapshots pruning keeps ({@code SNAPSHOTS_KEEP_DAYS})
 * @param s3Storage        the S3 provider's settings, present exactly when the provider is {@code s3}
 * @param azureStorage     the Azure provider's settings, present exactly when the provider is {@code azure}
 */
public record TidemarkConfig(
        Path dataDir,
        String databaseUrl,
        Optional<String> redisUrl,
        String host,
        int port,
        Optional<Secret> adminPassword,
        boolean snapshotsEnabled,
        Optional<String> mainSchedule,
        Optional<String> redisSchedule,
        List<String> agePublicKeys,
        Optional<Secret> ageSecretKey,
        String storageProvider,
        Path localStorageDir,
        SnapshotMode snapshotMode,
        int parallelism,
        long partSize,
        int compressionLevel,
        Optional<Integer> keepLast,
        Optional<Integer> keepDays,
        Optional<S3StorageSettings> s3Storage,
        Optional<AzureStorageSettings> azureStorage) {

    public TidemarkConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(mainSchedule, "mainSchedule");
        Objects.requireNonNull(redisSchedule, "redisSchedule");
        agePublicKeys = List.copyOf(agePublicKeys);
        Objects.requireNonNull(ageSecretKey, "ageSecretKey");
        Objects.requireNonNull(storageProvider, "storageProvider");
        Objects.requireNonNull(localStorageDir, "localStorageDir");
        Objects.requireNonNull(snapshotMode, "snapshotMode");
        Objects.requireNonNull(keepLast, "keepLast");
        Objects.requireNonNull(keepDays, "keepDays");
        Objects.requireNonNull(s3Storage, "s3Storage");
        Objects.requireNonNull(azureStorage, "azureStorage");
    }

    /**
     * Reads and validates the configuration from environment variables ({@code System.getenv()} in
     * production), each of which may instead be given as {@code NAME_FILE=/path}.
     *
     * @throws TidemarkException of kind CONFIG, message {@code "<VARIABLE>: <what is wrong>"}, at the
     *         first invalid variable; the message never contains a secret value
     */
    public static TidemarkConfig fromEnvironment(Map<String, String> environment) {
        return new EnvironmentParser(new EnvironmentReader(environment)).parse();
    }

    /** Whether new snapshots are encrypted (at least one age public key is configured). */
    public boolean encryptsSnapshots() {
        return !agePublicKeys.isEmpty();
    }

    /** This configuration with another main database, e.g. from a command-line flag. */
    public TidemarkConfig withDatabaseUrl(String url) {
        return new TidemarkConfig(dataDir, Objects.requireNonNull(url, "url"), redisUrl, host, port, adminPassword,
                snapshotsEnabled, mainSchedule, redisSchedule, agePublicKeys, ageSecretKey, storageProvider,
                localStorageDir, snapshotMode, parallelism, partSize, compressionLevel, keepLast, keepDays,
                s3Storage, azureStorage);
    }

    /** This configuration with another KV store; empty means the built-in one. */
    public TidemarkConfig withRedisUrl(Optional<String> url) {
        return new TidemarkConfig(dataDir, databaseUrl, url, host, port, adminPassword,
                snapshotsEnabled, mainSchedule, redisSchedule, agePublicKeys, ageSecretKey, storageProvider,
                localStorageDir, snapshotMode, parallelism, partSize, compressionLevel, keepLast, keepDays,
                s3Storage, azureStorage);
    }

    /** This configuration with the HTTP server on another address and port. */
    public TidemarkConfig withHttp(String newHost, int newPort) {
        return new TidemarkConfig(dataDir, databaseUrl, redisUrl, newHost, newPort, adminPassword,
                snapshotsEnabled, mainSchedule, redisSchedule, agePublicKeys, ageSecretKey, storageProvider,
                localStorageDir, snapshotMode, parallelism, partSize, compressionLevel, keepLast, keepDays,
                s3Storage, azureStorage);
    }

    /** This configuration with snapshots kept in another local folder (local provider). */
    public TidemarkConfig withLocalStorageDir(Path folder) {
        return new TidemarkConfig(dataDir, databaseUrl, redisUrl, host, port, adminPassword,
                snapshotsEnabled, mainSchedule, redisSchedule, agePublicKeys, ageSecretKey, "local",
                folder, snapshotMode, parallelism, partSize, compressionLevel, keepLast, keepDays,
                Optional.empty(), Optional.empty());
    }

    /** This configuration with another snapshot consistency mode. */
    public TidemarkConfig withSnapshotMode(SnapshotMode mode) {
        return new TidemarkConfig(dataDir, databaseUrl, redisUrl, host, port, adminPassword,
                snapshotsEnabled, mainSchedule, redisSchedule, agePublicKeys, ageSecretKey, storageProvider,
                localStorageDir, mode, parallelism, partSize, compressionLevel, keepLast, keepDays,
                s3Storage, azureStorage);
    }

    /** This configuration with other age keys (empty list: no encryption; empty secret: cannot decrypt). */
    public TidemarkConfig withAgeKeys(List<String> publicKeys, Optional<Secret> secretKey) {
        return new TidemarkConfig(dataDir, databaseUrl, redisUrl, host, port, adminPassword,
                snapshotsEnabled, mainSchedule, redisSchedule, publicKeys, secretKey, storageProvider,
                localStorageDir, snapshotMode, parallelism, partSize, compressionLevel, keepLast, keepDays,
                s3Storage, azureStorage);
    }

    /** Every setting, with passwords in connection strings and all secrets replaced by {@code ***}. */
    @Override
    public String toString() {
        return "TidemarkConfig[dataDir=" + dataDir
                + ", databaseUrl=" + Redaction.url(databaseUrl)
                + ", redisUrl=" + redisUrl.map(Redaction::url).orElse("(built-in)")
                + ", host=" + host
                + ", port=" + port
                + ", adminPassword=" + (adminPassword.isPresent() ? "***" : "(generated)")
                + ", snapshotsEnabled=" + snapshotsEnabled
                + ", mainSchedule=" + mainSchedule.orElse("(none)")
                + ", redisSchedule=" + redisSchedule.orElse("(none)")
                + ", agePublicKeys=" + agePublicKeys
                + ", ageSecretKey=" + (ageSecretKey.isPresent() ? "***" : "(none)")
                + ", storageProvider=" + storageProvider
                + ", localStorageDir=" + localStorageDir
                + ", snapshotMode=" + snapshotMode
                + ", parallelism=" + parallelism
                + ", partSize=" + partSize
                + ", compressionLevel=" + compressionLevel
                + ", keepLast=" + keepLast.map(String::valueOf).orElse("(unset)")
                + ", keepDays=" + keepDays.map(String::valueOf).orElse("(unset)")
                + s3Storage.map(s3 -> ", s3Storage=" + s3).orElse("")
                + azureStorage.map(azure -> ", azureStorage=" + azure).orElse("") + "]";
    }
}
