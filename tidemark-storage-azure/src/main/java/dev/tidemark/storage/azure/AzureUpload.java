package dev.tidemark.storage.azure;

import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.tidemark.storage.PartedUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * One object streamed to Azure Blob storage as staged blocks. Staged blocks are invisible until
 * commit() commits the block list, which replaces the blob atomically; blocks never committed are
 * discarded by the service after a week, so abort has nothing to remove.
 */
final class AzureUpload extends PartedUpload {
    private final AzureStorage storage;
    private final BlockBlobClient blob;
    /** Distinguishes this upload's blocks from those of another upload of the same name. */
    private final String uploadToken = UUID.randomUUID().toString().replace("-", "");
    private final List<String> blockIds = new ArrayList<>();

    AzureUpload(AzureStorage storage, String name, BlockBlobClient blob) {
        super(name, storage.blockSizes());
        this.storage = storage;
        this.blob = blob;
    }

    @Override
    protected void storePart(int number, byte[] bytes, int length) throws IOException {
        // every id of a blob must have the same length: a fixed-width number after the upload's token
        String id = Base64.getEncoder().encodeToString(String.format("%s-%06d", uploadToken, number)
                .getBytes(StandardCharsets.US_ASCII));
        storage.retry().run("uploading block " + number + " of " + name + " to " + storage.location(), () -> {
            blob.stageBlock(id, new ByteArrayInputStream(bytes, 0, length), length);
            return null;
        });
        blockIds.add(id);
    }

    @Override
    protected void storeLastPartAndPublish(int number, byte[] bytes, int length) throws IOException {
        if (length > 0) {
            storePart(number, bytes, length);
        }
        List<String> ids = List.copyOf(blockIds);
        storage.retry().run("committing " + name + " to " + storage.location(), () -> blob.commitBlockList(ids, true));
    }

    @Override
    protected void discardParts() {
        // uncommitted blocks are invisible and expire on their own
    }
}
