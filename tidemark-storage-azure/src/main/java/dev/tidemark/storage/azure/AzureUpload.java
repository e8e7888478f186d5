package dev.tidemark.storage.azure;

import com.azure.storage.blob.specialized.BlockBlobClient;
import dev.tidemark.storage.PartedOutputStream;
import dev.tidemark.storage.Upload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
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
final class AzureUpload implements Upload {
    private enum State { OPEN, COMMITTED, ABORTED }

    private final AzureStorage storage;
    private final String name;
    private final BlockBlobClient blob;
    /** Distinguishes this upload's blocks from those of another upload of the same name. */
    private final String uploadToken = UUID.randomUUID().toString().replace("-", "");
    private final List<String> blockIds = new ArrayList<>();
    private final PartedOutputStream stream;
    private State state = State.OPEN;

    AzureUpload(AzureStorage storage, String name, BlockBlobClient blob) {
        this.storage = storage;
        this.name = name;
        this.blob = blob;
        this.stream = new PartedOutputStream(storage.blockSizes(), this::stageBlock, name);
    }

    @Override
    public OutputStream stream() {
        return stream;
    }

    @Override
    public void commit() throws IOException {
        if (state == State.COMMITTED) {
            return;
        }
        if (state == State.ABORTED) {
            throw new IOException("upload of " + name + " was aborted or failed; it cannot be committed");
        }
        if (stream.failed()) {
            abort();
            throw new IOException("upload of " + name + " failed while writing; nothing was stored");
        }
        try {
            if (stream.pendingLength() > 0) {
                stageBlock(stream.nextPartNumber(), stream.pendingBytes(), stream.pendingLength());
            }
            List<String> ids = List.copyOf(blockIds);
            storage.retry().run("committing " + name + " to " + storage.location(), () -> blob.commitBlockList(ids, true));
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        state = State.COMMITTED;
        stream.release();
    }

    @Override
    public void abort() {
        if (state == State.OPEN) {
            state = State.ABORTED;
            stream.release();
        }
    }

    private void stageBlock(int number, byte[] bytes, int length) throws IOException {
        // every id of a blob must have the same length: a fixed-width number after the upload's token
        String id = Base64.getEncoder().encodeToString(String.format("%s-%06d", uploadToken, number)
                .getBytes(StandardCharsets.US_ASCII));
        storage.retry().run("uploading block " + number + " of " + name + " to " + storage.location(), () -> {
            blob.stageBlock(id, new ByteArrayInputStream(bytes, 0, length), length);
            return null;
        });
        blockIds.add(id);
    }
}
