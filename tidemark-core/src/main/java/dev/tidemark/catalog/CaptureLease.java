package dev.tidemark.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidemark.error.ErrorKind;
import dev.tidemark.error.TidemarkException;
import dev.tidemark.storage.NoSuchObjectException;
import dev.tidemark.storage.SnapshotStorage;
import dev.tidemark.storage.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The right to capture the changes of one source, held in the snapshot storage
 * ({@code changes/<source>/lease.json}) so that servers sharing a storage run one capture per source. The holder
 * renews it well within {@link #TERM}; another process takes it over only once it has expired, so a holder that
 * died hands over within one term. Storages without conditional writes cannot make taking it over atomic: two
 * processes starting within the same moment may both believe they hold it until the next renewal, when the later
 * writer wins and the other stops (docs/PITR.md).
 */
public final class CaptureLease implements AutoCloseable {
    /** How long a lease lasts without renewal. */
    public static final Duration TERM = Duration.ofSeconds(30);

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(SnapshotEntryJson.instantsAsIsoStrings());

    /** The stored lease. */
    record Holder(String owner, Instant until) {
    }

    private final SnapshotStorage storage;
    private final String name;
    private final String owner;
    private final Clock clock;
    private boolean held;

    private CaptureLease(SnapshotStorage storage, String source, String owner, Clock clock) {
        this.storage = storage;
        this.name = ChangeLog.ROOT + source + "/lease.json";
        this.owner = owner;
        this.clock = clock;
    }

    /**
     * Takes the lease of {@code source}'s capture for {@code owner} (unique per process).
     *
     * @throws TidemarkException BUSY naming the holder when another process holds it
     */
    public static CaptureLease acquire(SnapshotStorage storage, String source, String owner, Clock clock) throws IOException {
        CaptureLease lease = new CaptureLease(storage, source, owner, clock);
        lease.renew();
        return lease;
    }

    /**
     * Extends the lease by a term.
     *
     * @throws TidemarkException BUSY when another process has taken it over meanwhile (this one must stop)
     */
    public void renew() throws IOException {
        Holder current = read();
        Instant now = clock.instant();
        if (current != null && !current.owner().equals(owner) && current.until().isAfter(now)) {
            held = false;
            throw new TidemarkException(ErrorKind.BUSY, "the changes of " + name.split("/")[1] + " are captured by "
                    + current.owner() + " (lease until " + current.until() + ")",
                    "only one capture per source runs at a time; it takes over by itself when that one stops");
        }
        write(new Holder(owner, now.plus(TERM)));
        held = true;
    }

    private Holder read() throws IOException {
        try (InputStream in = storage.open(name)) {
            return MAPPER.readValue(in, Holder.class);
        } catch (NoSuchObjectException e) {
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // a damaged lease is no lease: the next renewal replaces it
        }
    }

    private void write(Holder holder) throws IOException {
        Upload upload = storage.create(name);
        try {
            upload.stream().write(MAPPER.writeValueAsBytes(holder));
            upload.commit();
        } finally {
            upload.abort();
        }
    }

    /** Gives the lease up, so another process can take over at once. */
    @Override
    public void close() throws IOException {
        if (held) {
            held = false;
            Holder current = read();
            if (current != null && current.owner().equals(owner)) {
                storage.delete(name);
            }
        }
    }
}
