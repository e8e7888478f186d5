package dev.tidemark.engine;

import dev.tidemark.catalog.SnapshotCatalog;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.files.WorkFolder;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's work space under {@code DATA_DIR/tmp} — the spool folder of snapshot parts, the folder where a
 * backend unpacks what it needs at run time — and the removal of what killed processes left there and in the
 * snapshot storage. Each process works in folders of its own, which the next process removes once this one is
 * gone ({@link WorkFolder}).
 */
final class WorkArea implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkArea.class);

    private final Path root;
    private final SnapshotCatalog catalog;
    private final boolean snapshotsEnabled;
    private WorkFolder spool;

    WorkArea(Path dataDir, SnapshotCatalog catalog, boolean snapshotsEnabled) {
        this.root = dataDir.resolve("tmp");
        this.catalog = catalog;
        this.snapshotsEnabled = snapshotsEnabled;
    }

    /** {@code DATA_DIR/tmp}, the parent of the work folders. */
    Path root() {
        return root;
    }

    /** This process's folder for staged snapshot parts, made on first use. */
    synchronized Path spool() {
        if (spool == null) {
            try {
                spool = WorkFolder.create(root, "spool");
            } catch (IOException e) {
                throw new TidemarkException(ErrorKind.STORAGE, "cannot make a work folder in " + root + ": "
                        + TidemarkException.reasonOf(e), "check that DATA_DIR is writable and has free space", e);
            }
        }
        return spool.path();
    }

    /** See {@link Tidemark#removeLeftovers()}. */
    CleanupResult removeLeftovers() {
        int inStorage = 0;
        int inDataDir = 0;
        try {
            if (snapshotsEnabled) {
                inStorage = catalog.cleanupIncomplete();
            }
            inDataDir = WorkFolder.removeAbandoned(root);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove all that interrupted snapshots left behind: {}", TidemarkException.reasonOf(e));
        }
        CleanupResult result = new CleanupResult(inStorage, inDataDir);
        if (result.total() > 0) {
            LOG.info("removed what interrupted snapshots left behind: {} in {}, {} in {}", count(inStorage, "object"),
                    catalog.storage().describe(), count(inDataDir, "work folder"), root);
        }
        return result;
    }

    @Override
    public synchronized void close() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
