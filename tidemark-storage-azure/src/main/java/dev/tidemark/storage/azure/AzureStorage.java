package dev.tidemark.storage.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.specialized.BlobInputStream;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.tidemark.storage.azure.AzureStorageSettings;
import dev.tidemark.storage.NoSuchObjectException;
import dev.tidemark.storage.ObjectNames;
import dev.tidemark.storage.PartSizes;
import dev.tidemark.storage.ResumingInputStream;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.StoredObject;
import dev.tidemark.storage.TransientRetry;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot objects as block blobs in an Azure Blob Storage container, under an optional name prefix.
 * Every call is retried on transient failures by {@link TransientRetry}. Thread-safe.
 */
public final class AzureStorage implements SnapshotStorage {
    private static final Logger LOG = LoggerFactory.getLogger(AzureStorage.class);
    /** Azure's limits: blocks of up to 4000 MiB, at most 50,000 per blob. Doubling every 5,000 blocks reaches ~4.9 TiB. */
    static final PartSizes DEFAULT_BLOCK_SIZES = new PartSizes(8L << 20, 256L << 20, 5_000, 50_000);

    private final BlobContainerClient container;
    private final String prefix;
    private final String location;
    private final TransientRetry retry;
    private final PartSizes blockSizes;

    AzureStorage(BlobContainerClient container, AzureStorageSettings settings, TransientRetry retry, PartSizes blockSizes) {
        this.container = container;
        this.prefix = settings.prefix();
        this.location = "container " + settings.container() + (prefix.isEmpty() ? "" : " prefix " + prefix)
                + " at " + endpointOf(container);
        this.retry = retry;
        this.blockSizes = blockSizes;
    }

    @Override
    public String describe() {
        return "azure " + location;
    }

    /**
     * Lists one blob, so that bad credentials show at start-up, and creates the container when it is
     * missing and the credentials allow it.
     */
    void prepare(TransientRetry shortRetry) throws IOException {
        boolean exists = shortRetry.run("listing " + location, () -> {
            try {
                container.listBlobs(new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(1), null)
                        .iterableByPage().iterator().next();
                return true;
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    return false;
                }
                throw e;
            }
        });
        if (!exists) {
            LOG.info("creating the missing {}", location);
            shortRetry.run("creating the missing " + location, container::createIfNotExists);
        }
    }

    @Override
    public Upload create(String name) {
        return new AzureUpload(this, ObjectNames.requireValid(name), blob(name).getBlockBlobClient());
    }

    /** A streaming read that resumes at the first unread byte, pinned to the blob's ETag, when the connection breaks. */
    @Override
    public InputStream open(String name) throws IOException {
        BlobClient blob = blob(name);
        String description = name + " from " + location;
        BlobInputStream first = retry.run("reading " + description, () -> {
            try {
                return blob.openInputStream();
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    throw new NoSuchObjectException(name);
                }
                throw e;
            }
        });
        String etag = first.getProperties().getETag();
        long length = first.getProperties().getBlobSize();
        return new ResumingInputStream(description, first, length, offset -> retry.run(
                "resuming " + description + " at byte " + offset,
                () -> blob.openInputStream(new BlobInputStreamOptions().setRange(new BlobRange(offset))
                        .setRequestConditions(new BlobRequestConditions().setIfMatch(etag)))));
    }

    @Override
    public Optional<StoredObject> stat(String name) throws IOException {
        BlobClient blob = blob(name);
        return retry.run("reading the size of " + name + " in " + location, () -> {
            try {
                BlobProperties properties = blob.getProperties();
                return Optional.of(new StoredObject(name, properties.getBlobSize(), properties.getLastModified().toInstant()));
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    return Optional.<StoredObject>empty();
                }
                throw e;
            }
        });
    }

    @Override
    public List<StoredObject> list(String namePrefix) throws IOException {
        String keyPrefix = prefix + ObjectNames.requireValidPrefix(namePrefix);
        List<StoredObject> objects = retry.run("listing " + location, () -> {
            List<StoredObject> found = new ArrayList<>();
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(keyPrefix), null)) {
                String name = item.getName().substring(prefix.length());
                if (isValidName(name)) {
                    found.add(new StoredObject(name, item.getProperties().getContentLength(),
                            item.getProperties().getLastModified().toInstant()));
                }
            }
            return found;
        });
        objects.sort(Comparator.comparing(StoredObject::name));
        return objects;
    }

    @Override
    public void delete(String name) throws IOException {
        BlobClient blob = blob(name);
        retry.run("deleting " + name + " from " + location, blob::deleteIfExists);
    }

    TransientRetry retry() {
        return retry;
    }

    PartSizes blockSizes() {
        return blockSizes;
    }

    String location() {
        return location;
    }

    private BlobClient blob(String name) {
        return container.getBlobClient(prefix + ObjectNames.requireValid(name));
    }

    /** The blob endpoint without any query (a SAS token lives there). */
    private static String endpointOf(BlobContainerClient container) {
        String url = container.getAccountUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static boolean isValidName(String name) {
        try {
            ObjectNames.requireValid(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false; // a blob not written by Tidemark
        }
    }
}
