package dev.tidemark.engine;

import dev.tidemark.capture.ChangeCapture;
import dev.tidemark.capture.ChangeSource;
import dev.tidemark.capture.ChangeTransaction;
import dev.tidemark.schema.Schema;
import dev.tidemark.schema.Table;
import dev.tidemark.source.Connector;
import dev.tidemark.source.KeyRange;
import dev.tidemark.source.Position;
import dev.tidemark.source.RowChange;
import dev.tidemark.source.RowSink;
import dev.tidemark.source.SnapshotMode;
import dev.tidemark.source.SnapshotSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A change source over a real SQLite database, whose changes the test itself hands over as it commits them, so
 * the change log, the window and the replay are tested without a backend's capture. The sequence number of a
 * transaction is its position; the base is anchored at the number of the last transaction committed before it.
 */
final class ScriptedChangeSource implements ChangeSource {
    private final Connector database;
    /** Every transaction committed so far, in order: a capture reopened at a position is served from here again. */
    private final List<ChangeTransaction> committed = new java.util.ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    final AtomicLong released = new AtomicLong(-1);

    ScriptedChangeSource(Connector database) {
        this.database = database;
    }

    /** Records a transaction the test has just committed to the database; returns its position. */
    synchronized long committed(Instant commitTime, List<RowChange> changes) {
        long position = sequence.incrementAndGet();
        committed.add(new ChangeTransaction(new SequencePosition(position), commitTime, changes));
        notifyAll();
        return position;
    }

    /** The first transaction after {@code after}, waiting up to {@code timeout} for one. */
    private synchronized ChangeTransaction next(long after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed.size() <= after) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return committed.get((int) after);
    }

    @Override
    public void checkReady() {
    }

    @Override
    public synchronized SnapshotSession openAnchoredSnapshot(String captureName, SnapshotMode mode, int parallelism) {
        SnapshotSession session = database.openSnapshot(mode, parallelism);
        SequencePosition anchor = new SequencePosition(sequence.get());
        return new SnapshotSession() {
            @Override
            public String backendVersion() {
                return session.backendVersion();
            }

            @Override
            public Position position() {
                return anchor;
            }

            @Override
            public Schema schema() {
                return session.schema();
            }

            @Override
            public List<String> warnings() {
                return session.warnings();
            }

            @Override
            public void exportTable(Table table, KeyRange range, RowSink sink) throws Exception {
                session.exportTable(table, range, sink);
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    @Override
    public ChangeCapture openCapture(String captureName, Position start) {
        return new ChangeCapture() {
            private Position last = start;

            @Override
            public Optional<ChangeTransaction> poll(Duration timeout) throws InterruptedException {
                ChangeTransaction next = next(((SequencePosition) last).sequence(), timeout);
                if (next != null) {
                    last = next.position();
                }
                return Optional.ofNullable(next);
            }

            @Override
            public Position caughtUpTo() {
                return last;
            }

            @Override
            public void commitPosition(Position position) {
                released.set(((SequencePosition) position).sequence());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void release(String captureName) {
    }
}
