package dev.tidemark.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A storage in memory for unit tests. It honours the {@link SnapshotStorage} contract (it runs the
 * contract suite itself) and can be told to fail commits or deletes of chosen names, to prove that a
 * caller never leaves something half-written visible.
 */
public final class InMemoryStorage implements SnapshotStorage {
    private record Entry(byte[] content, StoredObject object) {
    }

    private final Map<String, Entry> objects = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final AtomicInteger openUploads = new AtomicInteger();
    private volatile Predicate<String> failCommit = name -> false;
    private volatile Predicate<String> failDelete = name -> false;

    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** A storage that stamps committed objects with {@code clock}'s time. */
    public InMemoryStorage(Clock clock) {
        this.clock = clock;
    }

    /** From now on, commits of names matching {@code names} throw an IOException (as a full disk would). */
    public void failCommitsOf(Predicate<String> names) {
        this.failCommit = names;
    }

    /** From now on, deletes of names matching {@code names} throw an IOException. */
    public void failDeletesOf(Predicate<String> names) {
        this.failDelete = names;
    }

    /** Uploads created and neither committed nor aborted yet. */
    public int openUploads() {
        return openUploads.get();
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public Upload create(String name) {
        ObjectNames.requireValid(name);
        openUploads.incrementAndGet();
        return new Upload() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            private boolean finished;
            private boolean committed;
            private final OutputStream stream = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    ensureOpen();
                    buffer.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    ensureOpen();
                    buffer.write(bytes, offset, length);
                }
            };

            private void ensureOpen() throws IOException {
                if (finished) {
                    throw new IOException("upload of " + name + " is finished");
                }
            }

            @Override
            public OutputStream stream() {
                return stream;
            }

            @Override
            public synchronized void commit() throws IOException {
                if (committed) {
                    return;
                }
                if (finished) {
                    throw new IOException("upload of " + name + " was aborted");
                }
                if (failCommit.test(name)) {
                    abort();
                    throw new IOException("cannot store " + name + " in memory: No space left on device");
                }
                byte[] content = buffer.toByteArray();
                objects.put(name, new Entry(content, new StoredObject(name, content.length, clock.instant())));
                finished = true;
                committed = true;
                openUploads.decrementAndGet();
            }

            @Override
            public synchronized void abort() {
                if (!finished) {
                    finished = true;
                    openUploads.decrementAndGet();
                }
            }
        };
    }

    @Override
    public InputStream open(String name) throws IOException {
        Entry entry = objects.get(ObjectNames.requireValid(name));
        if (entry == null) {
            throw new NoSuchObjectException(name);
        }
        return new ByteArrayInputStream(entry.content());
    }

    @Override
    public Optional<StoredObject> stat(String name) {
        return Optional.ofNullable(objects.get(ObjectNames.requireValid(name))).map(Entry::object);
    }

    @Override
    public List<StoredObject> list(String prefix) {
        ObjectNames.requireValidPrefix(prefix);
        List<StoredObject> result = new ArrayList<>();
        for (Entry entry : objects.values()) {
            if (entry.object().name().startsWith(prefix)) {
                result.add(entry.object());
            }
        }
        return result;
    }

    @Override
    public void delete(String name) throws IOException {
        ObjectNames.requireValid(name);
        if (failDelete.test(name)) {
            throw new IOException("cannot delete " + name + " in memory: storage unavailable");
        }
        objects.remove(name);
    }
}
