package dev.tidemark.storage.s3;

import dev.tidemark.catalog.SnapshotCatalogContract;
import dev.tidemark.storage.SnapshotStorage;
import java.time.Duration;

/** The catalog's contract on S3, against S3Mock. */
class S3SnapshotCatalogTest extends SnapshotCatalogContract {
    @Override
    protected SnapshotStorage newStorage() {
        return S3StorageFactory.open(S3Emulator.settings(S3Emulator.port(), S3Emulator.newBucket(), "tidemark/"),
                S3Emulator.quickRetry(3), S3Storage.DEFAULT_PART_SIZES, Duration.ZERO);
    }
}
