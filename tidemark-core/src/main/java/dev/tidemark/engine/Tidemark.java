package dev.tidemark.engine;

import dev.tidemark.archive.ArchiveOptions;
import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.catalog.ChangeLog;
import dev.tidemark.catalog.SnapshotEntry;
import dev.tidemark.config.TidemarkConfig;
import dev.tidemark.crypto.AgeDecryptor;
import dev.tidemark.crypto.AgeKeys;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.source.Connector;
import dev.tidemark.source.Connectors;
import dev.tidemark.source.Position;
import dev.tidemark.source.SnapshotSource;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.SnapshotStorages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The entry point for everything Tidemark does: the CLI, the server and embedding applications all go
 * through this class. Thread-safe. One instance per configuration; close it to release the storage.
 */
public final class Tidemark implements AutoCloseable {
    /** The message of every refusal while {@code SNAPSHOTS_ENABLED=0}. */
    public static final String DISABLED_MESSAGE = "snapshots are disabled (SNAPSHOTS_ENABLED=0)";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Tidemark.class);

    private final TidemarkConfig config;
    private final SnapshotStorage storage;
    private final SnapshotCatalog catalog;
    private final OperationMonitor monitor = new OperationMonitor();
    private final AgeDecryptor decryptor;
    private final PointInTimeRecovery pitr;
    /** Where this instance stages snapshot parts; made on first use, removed on {@link #close()}. */
    private final WorkArea work;

    /**
     * @throws TidemarkException CONFIG when an age key is malformed (the message names the variable, never the key)
     */
    public Tidemark(TidemarkConfig config) {
        this.config = config;
        AgeKeys.requireValidRecipients(config.agePublicKeys());
        this.decryptor = config.ageSecretKey().map(AgeDecryptor::of).orElse(null);
        this.storage = SnapshotStorages.open(config.storage());
        this.catalog = new SnapshotCatalog(storage);
        this.work = new WorkArea(config.dataDir(), catalog, config.snapshotsEnabled());
        this.pitr = new PointInTimeRecovery(this, new ChangeLog(storage), Clock.systemUTC());
    }

    /** Point-in-time recovery: change capture, the restorable window, restores to a point. */
    public PointInTimeRecovery pitr() {
        return pitr;
    }

    public TidemarkConfig config() {
        return config;
    }

    /** Mode of the main database and the running job, for status displays. */
    public OperationMonitor monitor() {
        return monitor;
    }

    /** Provider and location of the snapshot storage, without secrets. */
    public String storageDescription() {
        return storage.describe();
    }

    /** Complete snapshots, newest first. */
    public List<SnapshotEntry> list() {
        try {
            return catalog.list();
        } catch (IOException e) {
            throw Failures.map(e, "listing snapshots in " + storage.describe(), ErrorKind.STORAGE);
        }
    }

    /** One snapshot's index entry. */
    public SnapshotEntry show(String id) {
        try {
            return catalog.get(id);
        } catch (IOException e) {
            throw Failures.map(e, "reading snapshot " + id + " from " + storage.describe(), ErrorKind.STORAGE);
        }
    }

    /**
     * Takes a snapshot of {@code source} (a {@link SnapshotSource} name) and stores it. The main database is
     * read-only for other writers while it runs.
     *
     * @throws TidemarkException USAGE for an unknown source or one that cannot be snapshotted here (see
     *         {@link #unavailableReason})
     */
    public SnapshotEntry createSnapshot(String source, JobProgress progress) {
        requireEnabled();
        SnapshotSource named = SnapshotSource.require(source);
        Optional<String> reason = unavailableReason(named);
        if (reason.isPresent()) {
            throw new TidemarkException(ErrorKind.USAGE, reason.get(), "snapshot the main database (source main)");
        }
        Connector database = connector(config.connection(named).orElseThrow());
        removeLeftovers();
        SnapshotEntry created;
        try (var held = named == SnapshotSource.MAIN ? monitor.enter(Mode.READ_ONLY, progress) : null) {
            created = fail(progress, () -> snapshotCreator().create(database, named.name(), config.snapshotMode(), progress));
        }
        pruneAfterSnapshot();
        return created;
    }

    /**
     * Why snapshots of {@code source} cannot be taken with this configuration and build, or empty when they can:
     * its connection variable is not set, or no installed backend reads its connection string.
     */
    public Optional<String> unavailableReason(SnapshotSource source) {
        Optional<String> url = config.connection(source);
        if (url.isEmpty()) {
            return Optional.of(source.label() + " snapshots are not available: " + source.connectionVariable()
                    + " is not set and this build has no built-in store for it");
        }
        String scheme = Connectors.scheme(url.get());
        if (Connectors.factoryFor(scheme).isEmpty()) {
            return Optional.of(source.label() + " snapshots are not available: this build has no backend for "
                    + scheme + ": connection strings");
        }
        return Optional.empty();
    }

    /**
     * {@code connectionString} as Tidemark shows it: read by its backend's own parser and rebuilt without secrets.
     *
     * @throws TidemarkException CONFIG when no installed backend reads it or it is malformed
     */
    public static String describe(String connectionString) {
        return Connectors.forUrl(connectionString).describe();
    }

    /** Whether {@code target} (a restore target as given, null or blank for none) means the configured main database. */
    public boolean intoMain(String target) {
        return target == null || target.isBlank() || target.strip().equals(config.databaseUrl());
    }

    /**
     * Restores a snapshot, all or nothing.
     *
     * @param target  a connection string, or null for the configured main database (which is then in
     *                maintenance mode until the restore ends)
     * @param replace whether tables of the same names in the target may be replaced
     */
    public RestoreResult restore(String id, String target, boolean replace, JobProgress progress) {
        requireEnabled();
        return restore(id, target, replace, progress, null);
    }

    /** A restore of snapshot {@code id}, then of {@code replay}'s changes (point-in-time recovery), all or nothing. */
    RestoreResult restore(String id, String target, boolean replace, JobProgress progress, SnapshotRestorer.Replay replay) {
        SnapshotEntry entry = show(id);
        boolean intoMain = intoMain(target);
        Connector database = connector(intoMain ? config.databaseUrl() : target);
        // opened before maintenance starts, so a missing or wrong key is reported without blocking the application
        try (VerifiedArchive archive = openVerified(entry, progress, true);
             var held = intoMain ? monitor.enter(Mode.MAINTENANCE, progress) : null) {
            return fail(progress, () -> new SnapshotRestorer(config.parallelism())
                    .restore(entry, archive, database, replace, progress, replay));
        } catch (IOException e) {
            throw Failures.map(e, "reading snapshot " + id, ErrorKind.STORAGE);
        }
    }

    /** Reads a snapshot completely and checks every checksum. */
    public VerifyResult verify(String id, JobProgress progress) {
        SnapshotEntry entry = show(id);
        try (VerifiedArchive archive = openVerified(entry, progress, true)) {
            return fail(progress, () -> new SnapshotVerifier().verify(entry, archive, progress));
        } catch (IOException e) {
            throw Failures.map(e, "reading snapshot " + id, ErrorKind.STORAGE);
        }
    }

    /**
     * The public keys of the configured secret keys ({@code SNAPSHOTS_AGE_SECRET_KEY}), empty when none is
     * configured: the snapshots whose recipients include one of them can be restored here.
     */
    public List<String> decryptionKeys() {
        return decryptor == null ? List.of() : decryptor.publicKeys();
    }

    /** Copies the stored archive bytes of a snapshot to {@code out}, unchanged (still encrypted if it is). */
    public void download(String id, OutputStream out) {
        try (InputStream stored = openStored(id)) {
            stored.transferTo(out);
        } catch (IOException e) {
            throw Failures.map(e, "downloading snapshot " + id, ErrorKind.STORAGE);
        }
    }

    /**
     * Opens the stored archive bytes of a snapshot, unchanged (still encrypted if it is), for the caller
     * to read and close. A snapshot deleted after it was looked up (by retention, or by another client)
     * is {@link ErrorKind#NOT_FOUND} here, before any byte is read.
     *
     * @throws TidemarkException NOT_FOUND when the snapshot or its archive is gone, STORAGE when the
     *                           storage fails
     */
    public InputStream openStored(String id) {
        SnapshotEntry entry = show(id);
        try {
            return openArchive(entry);
        } catch (IOException e) {
            throw Failures.map(e, "downloading snapshot " + id, ErrorKind.STORAGE);
        }
    }

    /**
     * Copies the decrypted archive of an encrypted snapshot ({@code .tar.zst}) to {@code out}; for a plain
     * snapshot its stored bytes. The bytes are written as they are decrypted and authenticated chunk by chunk;
     * the call returns normally only after the archive's header named this snapshot and the end of the age file
     * and the stored SHA-256 have been checked, so callers keep the output only when it returns.
     *
     * @throws TidemarkException KEY when the secret key is missing or wrong, ARCHIVE_INVALID when the file is damaged
     *                           or is another snapshot's archive
     */
    public void downloadDecrypted(String id, OutputStream out) {
        SnapshotEntry entry = show(id);
        try (VerifiedArchive verified = openVerified(entry, null, false)) {
            verified.copyTo(out);
        } catch (IOException e) {
            throw Failures.map(e, "downloading snapshot " + id, ErrorKind.STORAGE);
        }
    }

    /** Deletes a snapshot; it stops being listed before its archive is removed. */
    public void delete(String id) {
        try {
            SnapshotEntry entry = catalog.get(id);
            catalog.delete(id);
            // a base's change log goes with it: without the base its changes restore nothing
            pitr.deleteLog(entry);
        } catch (IOException e) {
            throw Failures.map(e, "deleting snapshot " + id, ErrorKind.STORAGE);
        }
    }

    /**
     * Deletes the snapshots the retention policy ({@code SNAPSHOTS_KEEP_LAST}, {@code SNAPSHOTS_KEEP_DAYS})
     * lets go; the newest snapshot of each source always stays.
     */
    public PruneResult prune(boolean dryRun) {
        List<SnapshotEntry> all = list();
        List<SnapshotEntry> expired = retention().expired(all, java.time.Instant.now());
        if (!dryRun) {
            expired.forEach(entry -> delete(entry.id()));
        }
        return new PruneResult(dryRun, expired, all.size() - expired.size());
    }

    /** The configured retention policy. */
    public RetentionPolicy retention() {
        return new RetentionPolicy(config.keepLast(), config.keepDays());
    }

    /** Copies database {@code from} into database {@code to} in one streaming pass, all or nothing. */
    public RestoreResult migrate(String from, String to, boolean replace, JobProgress progress) {
        requireEnabled();
        Connector source = connector(from);
        Connector target = connector(to);
        if (source.describe().equals(target.describe())) {
            throw new TidemarkException(ErrorKind.USAGE, "source and target are the same database: "
                    + source.describe(), "give a different --to");
        }
        return fail(progress, () -> new Migrator(config.parallelism(), config.partSize()).migrate(source, target, replace, config.snapshotMode(), progress));
    }

    /**
     * Removes what interrupted snapshots (killed, crashed) left behind: in the snapshot storage, unfinished
     * uploads and unlisted objects whose writer is gone (when snapshots are enabled); in
     * {@code DATA_DIR/tmp}, the work folders of processes that are gone. What any live process, this one
     * included, is still writing is kept. Runs before every snapshot and when the server starts; never
     * fails: a failure is logged, and what was removed until then is counted.
     */
    public CleanupResult removeLeftovers() {
        return work.removeLeftovers();
    }

    @Override
    public void close() {
        work.close();
        try {
            storage.close();
        } catch (IOException e) {
            throw Failures.map(e, "closing " + storage.describe(), ErrorKind.STORAGE);
        }
    }

    /** The connector {@code url} names, its backend given this process's work folder for what it unpacks. */
    Connector connector(String url) {
        return Connectors.forUrl(url, work.root());
    }

    /** A snapshot that was stored stays a success even when pruning old ones fails; the failure is logged. */
    private void pruneAfterSnapshot() {
        if (retention().keepsEverything()) {
            return;
        }
        try {
            PruneResult pruned = prune(false);
            pruned.deleted().forEach(entry -> LOG.info("retention deleted snapshot {}", entry.id()));
        } catch (TidemarkException e) {
            LOG.warn("retention could not prune old snapshots: {}", e.oneLine());
        }
    }

    private InputStream openArchive(SnapshotEntry entry) throws IOException {
        return catalog.openArchive(entry);
    }

    /** The stored archive of {@code entry}, opened for reading with its checks; {@code progress} counts its bytes. */
    private VerifiedArchive openVerified(SnapshotEntry entry, JobProgress progress, boolean readAhead) throws IOException {
        InputStream stored = openArchive(entry);
        try {
            return VerifiedArchive.open(entry, progress == null ? stored : new CountingInputStream(stored, progress),
                    decryptor, readAhead);
        } catch (IOException | RuntimeException e) {
            stored.close();
            throw e;
        }
    }

    SnapshotCatalog catalog() {
        return catalog;
    }

    AgeDecryptor decryptor() {
        return decryptor;
    }

    SnapshotCreator snapshotCreator() {
        return new SnapshotCreator(catalog, archiveOptions(), config.agePublicKeys(), config.parallelism());
    }

    /** Where base snapshot {@code id} was read, from its archive's header; null when it has none. */
    Position basePosition(String id) {
        SnapshotEntry entry = show(id);
        try (VerifiedArchive archive = openVerified(entry, null, false);
             dev.tidemark.archive.ArchiveReader reader = archive.openReader()) {
            return reader.header().position();
        } catch (IOException e) {
            throw Failures.map(e, "reading snapshot " + id, ErrorKind.STORAGE);
        }
    }

    private ArchiveOptions archiveOptions() {
        // zstd compresses on its own threads, so appending parts to the archive rarely waits for it
        return new ArchiveOptions(config.compressionLevel(), config.partSize(), work.spool(), config.parallelism());
    }

    /**
     * @throws TidemarkException DISABLED while {@code SNAPSHOTS_ENABLED=0}
     */
    public void requireEnabled() {
        if (!config.snapshotsEnabled()) {
            throw new TidemarkException(ErrorKind.DISABLED, DISABLED_MESSAGE, "set SNAPSHOTS_ENABLED=1 to enable them");
        }
    }

    private static <T> T fail(JobProgress progress, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (TidemarkException e) {
            progress.failed(e.getMessage());
            throw e;
        }
    }
}
